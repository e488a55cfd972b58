package ai.braid.api.projection;

import ai.braid.api.spi.ModalityProjector;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.List;
import java.util.Objects;

/**
 * Projects images to the cells of a small CNN's feature map: {@link ImagePreprocessor} then
 * {@link ConvImageEncoder}.
 *
 * <p>{@code preprocess} gives {@code [pixels (B, C, S, S)]} in [0, 1] for image size S and C
 * channels; the block maps it to {@code [embeddings (B, h * w, D), mask (B, h * w)]} with {@code
 * h = w = floor(S / 2^stages)}. Initialise the block with the shape {@code (B, C, S, S)}.
 */
public final class ConvImageProjector implements ModalityProjector {

    private final ImagePreprocessor preprocessor;
    private final ConvImageEncoder block;

    private ConvImageProjector(Builder builder) {
        this.preprocessor = new ImagePreprocessor(builder.imageSize, builder.channels);
        this.block = ConvImageEncoder.builder()
                .setDim(builder.dim)
                .setChannels(builder.convChannels)
                .build();
        if (tokens() < 1) {
            throw new IllegalArgumentException("the image size " + builder.imageSize
                    + " is too small for " + builder.convChannels.size() + " stride-2 stages");
        }
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
     * Returns the number of tokens per image.
     *
     * @return h * w
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
     * Returns the CNN encoder, the same instance on every call.
     *
     * @return a {@link ConvImageEncoder}: {@code [pixels (B, C, S, S)]} to {@code [embeddings
     *     (B, h * w, D), mask (B, h * w)]}
     */
    @Override
    public Block block() {
        return block;
    }

    /** Builds a {@link ConvImageProjector}. */
    public static final class Builder {

        private int imageSize;
        private int channels;
        private int dim;
        private List<Integer> convChannels = List.of();

        private Builder() {}

        /**
         * Sets the side S of the square images the block sees; other sizes are resized.
         *
         * @param imageSize S, at least 2^stages
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
         * Sets the output channels of each CNN stage.
         *
         * @param convChannels one positive count per stage, e.g. {@code [16, 32]}
         * @return this builder
         */
        public Builder setConvChannels(List<Integer> convChannels) {
            this.convChannels = List.copyOf(Objects.requireNonNull(convChannels, "convChannels"));
            return this;
        }

        /**
         * Builds the projector.
         *
         * @return the projector
         * @throws IllegalArgumentException if a setting is invalid or the image is smaller than
         *     2^stages
         */
        public ConvImageProjector build() {
            return new ConvImageProjector(this);
        }
    }
}
