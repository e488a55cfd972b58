package ai.braid.api.nn;

import ai.braid.api.UserInputException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A stack of N {@link MultiwayEncoderLayer}s: layers below {@code sharedExpertFrom} route each
 * token to its modality's expert, layers from that depth on use one shared expert (VLMo: the top
 * 2 of 12 layers). An optional final LayerNorm follows.
 *
 * <p>Input {@code [x (B, L, E), mask (B, L), expertIndex (B, L)]}. Output {@code [x (B, L, E),
 * mask (B, L), expertIndex (B, L)]}, followed by {@code probs_1 ... probs_N}, each (B, H, L, L),
 * when attention probabilities are requested.
 */
public final class MultiwayEncoder extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final String NAME = "MultiwayEncoder";

    private final List<MultiwayEncoderLayer> layers;
    private final LayerNorm finalNorm;
    private final boolean returnAttention;
    private final int experts;

    private MultiwayEncoder(Builder builder) {
        super(VERSION);
        List<MultiwayEncoderLayer> built = new ArrayList<>();
        for (int i = 0; i < builder.layers; i++) {
            built.add(addChildBlock("layer" + i, builder.layer.build(i >= builder.sharedExpertFrom)));
        }
        this.layers = Collections.unmodifiableList(built);
        this.finalNorm = builder.finalNorm
                ? addChildBlock("finalNorm", TransformerEncoderLayer.lastAxisNorm())
                : null;
        this.returnAttention = builder.returnAttention;
        this.experts = builder.layer.experts();
    }

    /**
     * Starts a builder.
     *
     * @return a builder that needs {@code setLayers} and {@code setLayer}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the layers, first to last.
     *
     * @return an unmodifiable list of N layers
     */
    public List<MultiwayEncoderLayer> layers() {
        return layers;
    }

    /**
     * Freezes or unfreezes expert {@code expert} in every routed (non-shared) layer.
     *
     * @param expert m in [0, experts)
     * @param freeze true to freeze, false to make it trainable again
     */
    public void freezeExpert(int expert, boolean freeze) {
        if (expert < 0 || expert >= experts) {
            throw new UserInputException("expert " + expert + " does not exist: the encoder has "
                    + experts + " experts");
        }
        for (MultiwayEncoderLayer layer : layers) {
            if (!layer.isShared()) {
                layer.freezeExpert(expert, freeze);
            }
        }
    }

    /**
     * Freezes or unfreezes the shared expert of every shared layer.
     *
     * @param freeze true to freeze, false to make it trainable again
     */
    public void freezeSharedExpert(boolean freeze) {
        for (MultiwayEncoderLayer layer : layers) {
            if (layer.isShared()) {
                layer.freezeExpert(0, freeze);
            }
        }
    }

    /**
     * Freezes or unfreezes the shared attention branch of every layer, see {@link
     * MultiwayEncoderLayer#freezeAttention}.
     *
     * @param freeze true to freeze, false to make it trainable again
     */
    public void freezeAttention(boolean freeze) {
        for (MultiwayEncoderLayer layer : layers) {
            layer.freezeAttention(freeze);
        }
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        Checks.inputCount(NAME, inputs, 3, 3, "[x (B, L, E), mask (B, L), expertIndex (B, L)]");
        NDList state = inputs;
        NDList probs = new NDList();
        for (MultiwayEncoderLayer layer : layers) {
            NDList out = layer.forward(store, state, training, params);
            probs.add(out.get(3));
            state = new NDList(out.get(0), out.get(1), out.get(2));
        }
        NDArray x = state.get(0);
        if (finalNorm != null) {
            x = TransformerEncoderLayer.forward(finalNorm, store, x, training, params);
        }
        NDList result = new NDList(x, state.get(1), state.get(2));
        if (returnAttention) {
            result.addAll(probs);
        }
        return result;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        Shape mask = new Shape(x.get(0), x.get(1));
        for (MultiwayEncoderLayer layer : layers) {
            layer.initialize(manager, dataType, x, mask, mask);
        }
        if (finalNorm != null) {
            finalNorm.initialize(manager, dataType, x);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        Shape mask = new Shape(x.get(0), x.get(1));
        List<Shape> shapes = new ArrayList<>(List.of(x, mask, mask));
        if (returnAttention) {
            for (MultiwayEncoderLayer layer : layers) {
                shapes.add(layer.getOutputShapes(inputShapes)[3]);
            }
        }
        return shapes.toArray(new Shape[0]);
    }

    /** Builds a {@link MultiwayEncoder}; {@code setLayers} and {@code setLayer} are required. */
    public static final class Builder {

        private int layers;
        private MultiwayEncoderLayer.Builder layer;
        private int sharedExpertFrom = Integer.MAX_VALUE;
        private boolean finalNorm = true;
        private boolean returnAttention;

        private Builder() {
        }

        /**
         * Sets the number of layers N.
         *
         * @param layers N
         * @return this builder
         */
        public Builder setLayers(int layers) {
            this.layers = Checks.positive("multiway layers", layers);
            return this;
        }

        /**
         * Sets the configuration of every layer; its {@code optSharedExpert} is ignored, see
         * {@link #optSharedExpertFrom}.
         *
         * @param layer a configured layer builder
         * @return this builder
         */
        public Builder setLayer(MultiwayEncoderLayer.Builder layer) {
            this.layer = Objects.requireNonNull(layer, "layer");
            return this;
        }

        /**
         * Sets the depth from which layers use one shared expert instead of routed experts.
         *
         * @param depth 0-based layer index; layers with index &gt;= depth are shared. Default:
         *     none (N or more)
         * @return this builder
         */
        public Builder optSharedExpertFrom(int depth) {
            if (depth < 0) {
                throw new UserInputException("shared expert depth must be >= 0, got " + depth);
            }
            this.sharedExpertFrom = depth;
            return this;
        }

        /**
         * Sets whether a LayerNorm follows the last layer (the layers are pre-LN).
         *
         * @param finalNorm default true
         * @return this builder
         */
        public Builder optFinalNorm(boolean finalNorm) {
            this.finalNorm = finalNorm;
            return this;
        }

        /**
         * Sets whether the output also lists every layer's attention probabilities.
         *
         * @param returnAttention default false
         * @return this builder
         */
        public Builder optReturnAttention(boolean returnAttention) {
            this.returnAttention = returnAttention;
            return this;
        }

        /**
         * Builds the stack.
         *
         * @return a new, uninitialised encoder
         */
        public MultiwayEncoder build() {
            Checks.positive("multiway layers", layers);
            Objects.requireNonNull(layer, "setLayer(...) is required");
            return new MultiwayEncoder(this);
        }
    }
}
