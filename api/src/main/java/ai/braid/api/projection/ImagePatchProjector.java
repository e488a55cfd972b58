package ai.braid.api.projection;

import ai.braid.api.spi.ModalityProjector;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;

/**
 * Projects images to ViT patch tokens: {@link ImagePreprocessor} then {@link PatchEmbedding}.
 *
 * <p>{@code preprocess} gives {@code [pixels (B, C, S, S)]} in [0, 1] for image size S and C
 * channels; the block maps it to {@code [embeddings (B, N + 1, D), mask (B, N + 1)]} with
 * {@code N = (S / P)^2} patches and a leading [CLS] token. Initialise the block with the shape
 * {@code (B, C, S, S)}.
 */
public final class ImagePatchProjector implements ModalityProjector {

    private final ImagePreprocessor preprocessor;
    private final PatchEmbedding block;

    private ImagePatchProjector(Builder builder) {
        this.preprocessor = new ImagePreprocessor(builder.imageSize, builder.channels);
        this.block = PatchEmbedding.builder()
                .setPatch(builder.patch)
                .setDim(builder.dim)
                .optPatchNorm(builder.patchNorm)
                .build();
    }

    /**
     * Starts a builder.
     *
     * @return a builder; every setting is required
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the image settings used by {@link #preprocess}.
     *
     * @return the preprocessor
     */
    public ImagePreprocessor preprocessor() {
        return preprocessor;
    }

    /**
     * Returns the number of tokens per image, [CLS] included.
     *
     * @return {@code (S / P)^2 + 1}
     */
    public long tokens() {
        return block.tokens(preprocessor.size(), preprocessor.size());
    }

    @Override
    public Class<?> inputType() {
        return Image.class;
    }

    @Override
    public int dim() {
        return block.dim();
    }

    /**
     * Names the tokens of one image: {@code "[CLS]"}, then {@code "row,col"} of each patch in
     * row-major order, the order of the block's output.
     *
     * @param input an image (only its presence matters: every image gives the same tokens)
     * @return {@code N + 1} labels
     */
    @Override
    public List<String> tokenLabels(Object input) {
        int side = (int) Math.round(Math.sqrt(tokens() - 1));
        List<String> labels = new ArrayList<>(side * side + 1);
        labels.add(WordPieceVocabulary.CLS);
        for (int row = 0; row < side; row++) {
            for (int col = 0; col < side; col++) {
                labels.add(row + "," + col);
            }
        }
        return labels;
    }

    /**
     * Converts images to pixels.
     *
     * @param inputs B {@link Image}s of any size
     * @param manager the manager that owns the arrays
     * @return {@code [pixels (B, C, S, S)]}, float32 in [0, 1]
     */
    @Override
    public NDList preprocess(List<?> inputs, NDManager manager) {
        return preprocessor.preprocess(inputs, manager);
    }

    /**
     * Returns the patch embedding, the same instance on every call.
     *
     * @return a {@link PatchEmbedding}: {@code [pixels (B, C, S, S)]} to {@code [embeddings (B,
     *     N + 1, D), mask (B, N + 1)]}
     */
    @Override
    public Block block() {
        return block;
    }

    /** Builds an {@link ImagePatchProjector}. */
    public static final class Builder {

        private int imageSize;
        private int channels;
        private int patch;
        private int dim;
        private boolean patchNorm;

        private Builder() {}

        /**
         * Sets the side S of the square images the block sees; other sizes are resized.
         *
         * @param imageSize S, divisible by the patch
         * @return this builder
         */
        public Builder setImageSize(int imageSize) {
            this.imageSize = imageSize;
            return this;
        }

        /**
         * Sets the colour channels: 1 for grey, 3 for RGB.
         *
         * @param channels 1 or 3
         * @return this builder
         */
        public Builder setChannels(int channels) {
            this.channels = channels;
            return this;
        }

        /**
         * Sets the patch side P.
         *
         * @param patch P, a divisor of the image size
         * @return this builder
         */
        public Builder setPatch(int patch) {
            this.patch = patch;
            return this;
        }

        /**
         * Sets the token width D.
         *
         * @param dim D
         * @return this builder
         */
        public Builder setDim(int dim) {
            this.dim = dim;
            return this;
        }

        /**
         * Sets whether patches and tokens are LayerNormed around the linear map; see {@link
         * PatchEmbedding}.
         *
         * @param patchNorm true for patch normalisation (default false)
         * @return this builder
         */
        public Builder optPatchNorm(boolean patchNorm) {
            this.patchNorm = patchNorm;
            return this;
        }

        /**
         * Builds the projector.
         *
         * @return the projector
         * @throws IllegalArgumentException if a setting is invalid or the image size is not
         *     divisible by the patch
         */
        public ImagePatchProjector build() {
            if (patch < 1 || imageSize % patch != 0) {
                throw new IllegalArgumentException("the image size " + imageSize
                        + " must be a positive multiple of the patch " + patch);
            }
            return new ImagePatchProjector(this);
        }
    }
}
