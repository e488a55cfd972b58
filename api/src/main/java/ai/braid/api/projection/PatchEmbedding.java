package ai.braid.api.projection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * ViT patch embedding: cuts an image into non-overlapping P x P patches, maps each patch
 * linearly to a D-vector, prepends a learned [CLS] token and adds learned position embeddings
 * and a learned modality-type embedding.
 *
 * <p>Input: {@code [pixels (B, C, H, W)]} with H and W divisible by P. Output: {@code
 * [embeddings (B, N + 1, D), mask (B, N + 1)]} with {@code N = (H / P) * (W / P)}, the [CLS]
 * token at index 0 and the mask all ones (float). The linear map of a patch is a Conv2d with
 * kernel = stride = P, which is the same map as flattening each patch and applying a Linear.
 *
 * <p>With {@linkplain Builder#optPatchNorm patch normalisation} each flattened patch is
 * LayerNormed before the linear map and each token after it (the patch embedding of
 * lucidrains' SimpleViT). Every blank patch, whatever its brightness, then maps to one fixed
 * token of unit scale instead of a large constant vector, so an object on a plain background is
 * not swamped by the background's tokens. The children are then {@code pixelNorm}, {@code
 * patches} (a {@link Linear}) and {@code tokenNorm} instead of the Conv2d {@code patches}.
 *
 * <p>The number of position embeddings is fixed at initialisation from the input shape, so the
 * block accepts only images of the size it was initialised with.
 */
public final class PatchEmbedding extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int patch;
    private final int dim;
    private final Conv2d projection;
    private final LayerNorm pixelNorm;
    private final Linear linear;
    private final LayerNorm tokenNorm;
    private final Parameter cls;
    private final Parameter positions;
    private final Parameter type;

    private PatchEmbedding(Builder builder) {
        super(VERSION);
        this.patch = builder.patch;
        this.dim = builder.dim;
        if (builder.patchNorm) {
            // LayerNorm over the last axis of (B, N, K); DJL's default would normalise (N, K).
            this.projection = null;
            this.pixelNorm = addChildBlock("pixelNorm", LayerNorm.builder().axis(2).build());
            this.linear = addChildBlock("patches", Linear.builder().setUnits(dim).build());
            this.tokenNorm = addChildBlock("tokenNorm", LayerNorm.builder().axis(2).build());
        } else {
            this.projection = addChildBlock("patches", Conv2d.builder()
                    .setKernelShape(new Shape(patch, patch))
                    .optStride(new Shape(patch, patch))
                    .setFilters(dim)
                    .build());
            this.pixelNorm = null;
            this.linear = null;
            this.tokenNorm = null;
        }
        this.cls = addParameter(LearnedTables.table("cls", new Shape(1, dim)));
        this.positions = addParameter(LearnedTables.table("positions", null));
        this.type = addParameter(LearnedTables.table("type", new Shape(1, dim)));
    }

    /**
     * Starts a builder.
     *
     * @return a builder; patch and dim are required
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the patch side P.
     *
     * @return P
     */
    public int patch() {
        return patch;
    }

    /**
     * Returns the token width D.
     *
     * @return D
     */
    public int dim() {
        return dim;
    }

    /**
     * Returns the number of tokens per image for an image of the given size, [CLS] included.
     *
     * @param height H, divisible by P
     * @param width W, divisible by P
     * @return {@code (H / P) * (W / P) + 1}
     */
    public long tokens(long height, long width) {
        return (height / patch) * (width / patch) + 1;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray pixels = inputs.head();
        long batch = pixels.getShape().get(0);
        NDArray patches = embedPatches(store, pixels, training, params);
        NDManager manager = pixels.getManager();
        NDArray clsToken = manager
                .zeros(new Shape(batch, 1, dim), patches.getDataType(), pixels.getDevice())
                .add(store.getValue(cls, pixels.getDevice(), training));
        NDArray tokens = NDArrays.concat(new NDList(clsToken, patches), 1)
                .add(store.getValue(positions, pixels.getDevice(), training))
                .add(store.getValue(type, pixels.getDevice(), training));
        NDArray mask = manager.ones(
                new Shape(batch, tokens.getShape().get(1)), DataType.FLOAT32, pixels.getDevice());
        return new NDList(tokens, mask);
    }

    /** (B, C, H, W) to (B, N, D), patches in row-major order. */
    private NDArray embedPatches(ParameterStore store, NDArray pixels, boolean training,
            PairList<String, Object> params) {
        long batch = pixels.getShape().get(0);
        if (projection != null) {
            NDArray grid = projection.forward(store, new NDList(pixels), training, params).head();
            return grid.reshape(batch, dim, -1).transpose(0, 2, 1);
        }
        NDArray flat = flatten(pixels);
        NDArray normed = pixelNorm.forward(store, new NDList(flat), training, params).head();
        NDArray mapped = linear.forward(store, new NDList(normed), training, params).head();
        return tokenNorm.forward(store, new NDList(mapped), training, params).head();
    }

    /** (B, C, H, W) to (B, N, C * P * P), each patch flattened channel-major like a conv. */
    private NDArray flatten(NDArray pixels) {
        Shape shape = pixels.getShape();
        long channels = shape.get(1);
        long rows = shape.get(2) / patch;
        long cols = shape.get(3) / patch;
        return pixels.reshape(shape.get(0), channels, rows, patch, cols, patch)
                .transpose(0, 2, 4, 1, 3, 5)
                .reshape(shape.get(0), rows * cols, channels * patch * patch);
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape pixels = checkPixels(inputShapes);
        positions.setShape(new Shape(tokens(pixels.get(2), pixels.get(3)), dim));
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape pixels = checkPixels(inputShapes);
        if (projection != null) {
            projection.initialize(manager, dataType, pixels);
            return;
        }
        Shape flat = new Shape(pixels.get(0), tokens(pixels.get(2), pixels.get(3)) - 1,
                pixels.get(1) * patch * patch);
        pixelNorm.initialize(manager, dataType, flat);
        linear.initialize(manager, dataType, flat);
        tokenNorm.initialize(manager, dataType, new Shape(pixels.get(0), flat.get(1), dim));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape pixels = checkPixels(inputShapes);
        long tokens = tokens(pixels.get(2), pixels.get(3));
        return new Shape[] {
            new Shape(pixels.get(0), tokens, dim), new Shape(pixels.get(0), tokens)
        };
    }

    private Shape checkPixels(Shape[] inputShapes) {
        Shape pixels = inputShapes[0];
        if (pixels.dimension() != 4
                || pixels.get(2) % patch != 0 || pixels.get(3) % patch != 0) {
            throw new IllegalArgumentException(
                    "patch embedding expects pixels (B, C, H, W) with H and W divisible by the"
                            + " patch " + patch + ", got " + pixels);
        }
        return pixels;
    }

    /** Builds a {@link PatchEmbedding}. */
    public static final class Builder {

        private int patch;
        private int dim;
        private boolean patchNorm;

        private Builder() {}

        /**
         * Sets the patch side P; patches are P x P pixels.
         *
         * @param patch P, at least 1
         * @return this builder
         */
        public Builder setPatch(int patch) {
            this.patch = patch;
            return this;
        }

        /**
         * Sets the token width D.
         *
         * @param dim D, at least 1
         * @return this builder
         */
        public Builder setDim(int dim) {
            this.dim = dim;
            return this;
        }

        /**
         * Sets whether patches and tokens are LayerNormed around the linear map (off by
         * default, which keeps the Conv2d map of earlier checkpoints).
         *
         * @param patchNorm true for patch normalisation
         * @return this builder
         */
        public Builder optPatchNorm(boolean patchNorm) {
            this.patchNorm = patchNorm;
            return this;
        }

        /**
         * Builds the block.
         *
         * @return the block, not yet initialised
         * @throws IllegalArgumentException if patch or dim is not positive
         */
        public PatchEmbedding build() {
            if (patch < 1 || dim < 1) {
                throw new IllegalArgumentException(
                        "patch and dim must be positive, got patch " + patch + ", dim " + dim);
            }
            return new PatchEmbedding(this);
        }
    }
}
