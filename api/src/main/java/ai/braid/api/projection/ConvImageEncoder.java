package ai.braid.api.projection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A small CNN whose last feature map becomes a token sequence: each stage is a 3 x 3 Conv2d
 * (padding 1), ReLU and a 2 x 2 max-pool with stride 2; each cell of the final h x w map is
 * projected linearly to a D-vector, and learned position embeddings (one per cell) and a
 * learned modality-type embedding are added.
 *
 * <p>Input: {@code [pixels (B, C, H, W)]}. Output: {@code [embeddings (B, h * w, D), mask (B, h
 * * w)]} with {@code h = floor(H / 2^S)}, {@code w = floor(W / 2^S)} for S stages, tokens in
 * row-major order and the mask all ones (float). The number of positions is fixed at
 * initialisation from the input shape.
 */
public final class ConvImageEncoder extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final Shape POOL = new Shape(2, 2);

    private final int dim;
    private final List<Conv2d> stages = new ArrayList<>();
    private final Linear projection;
    private final Parameter positions;
    private final Parameter type;

    private ConvImageEncoder(Builder builder) {
        super(VERSION);
        this.dim = builder.dim;
        for (int i = 0; i < builder.channels.size(); i++) {
            stages.add(addChildBlock("conv" + i, Conv2d.builder()
                    .setKernelShape(new Shape(3, 3))
                    .optPadding(new Shape(1, 1))
                    .setFilters(builder.channels.get(i))
                    .build()));
        }
        this.projection = addChildBlock("projection", Linear.builder().setUnits(dim).build());
        this.positions = addParameter(LearnedTables.table("positions", null));
        this.type = addParameter(LearnedTables.table("type", new Shape(1, dim)));
    }

    /**
     * Starts a builder.
     *
     * @return a builder; dim and the channel list are required
     */
    public static Builder builder() {
        return new Builder();
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
     * Returns the number of tokens for an image of the given size.
     *
     * @param height H
     * @param width W
     * @return {@code floor(H / 2^S) * floor(W / 2^S)}, 0 if the image is too small
     */
    public long tokens(long height, long width) {
        return (height >> stages.size()) * (width >> stages.size());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray features = inputs.head();
        long batch = features.getShape().get(0);
        for (Conv2d stage : stages) {
            NDArray convolved = stage.forward(store, new NDList(features), training, params).head();
            features = Pool.maxPool2d(Activation.relu(convolved), POOL, POOL,
                    new Shape(0, 0), false);
        }
        long channels = features.getShape().get(1);
        NDArray cells = features.reshape(batch, channels, -1).transpose(0, 2, 1);
        NDArray tokens = projection.forward(store, new NDList(cells), training, params).head()
                .add(store.getValue(positions, features.getDevice(), training))
                .add(store.getValue(type, features.getDevice(), training));
        NDArray mask = features.getManager().ones(
                new Shape(batch, tokens.getShape().get(1)), DataType.FLOAT32, features.getDevice());
        return new NDList(tokens, mask);
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape pixels = checkPixels(inputShapes);
        positions.setShape(new Shape(tokens(pixels.get(2), pixels.get(3)), dim));
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape shape = checkPixels(inputShapes);
        for (Conv2d stage : stages) {
            stage.initialize(manager, dataType, shape);
            Shape convolved = stage.getOutputShapes(new Shape[] {shape})[0];
            shape = new Shape(convolved.get(0), convolved.get(1),
                    convolved.get(2) / 2, convolved.get(3) / 2);
        }
        projection.initialize(manager, dataType,
                new Shape(shape.get(0), shape.get(2) * shape.get(3), shape.get(1)));
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
        if (pixels.dimension() != 4 || tokens(pixels.get(2), pixels.get(3)) < 1) {
            throw new IllegalArgumentException(
                    "a CNN of " + stages.size() + " stride-2 stages expects pixels (B, C, H, W)"
                            + " with H and W at least " + (1 << stages.size()) + ", got " + pixels);
        }
        return pixels;
    }

    /** Builds a {@link ConvImageEncoder}. */
    public static final class Builder {

        private int dim;
        private List<Integer> channels = List.of();

        private Builder() {}

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
         * Sets the output channels of each stage; the number of entries is the number of stages,
         * each halving the height and width.
         *
         * @param channels one positive count per stage, e.g. {@code [16, 32]}
         * @return this builder
         */
        public Builder setChannels(List<Integer> channels) {
            this.channels = List.copyOf(Objects.requireNonNull(channels, "channels"));
            return this;
        }

        /**
         * Builds the block.
         *
         * @return the block, not yet initialised
         * @throws IllegalArgumentException if dim or a channel count is not positive, or there
         *     is no stage
         */
        public ConvImageEncoder build() {
            if (dim < 1 || channels.isEmpty() || channels.stream().anyMatch(c -> c < 1)) {
                throw new IllegalArgumentException(
                        "dim and at least one channel count must be given, all positive, got dim "
                                + dim + ", channels " + channels);
            }
            return new ConvImageEncoder(this);
        }
    }
}
