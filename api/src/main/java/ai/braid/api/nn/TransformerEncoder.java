package ai.braid.api.nn;

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
 * A stack of N {@link TransformerEncoderLayer}s with independent parameters, optionally
 * followed by a final LayerNorm (usual for pre-LN stacks).
 *
 * <p>Input {@code [x (B, L, E), mask (B, L)]}. Output {@code [x (B, L, E), mask (B, L)]},
 * followed by {@code probs_1 ... probs_N}, each (B, H, L, L), when attention probabilities are
 * requested.
 */
public final class TransformerEncoder extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final String NAME = "TransformerEncoder";

    private final List<TransformerEncoderLayer> layers;
    private final LayerNorm finalNorm;
    private final boolean returnAttention;

    private TransformerEncoder(Builder builder) {
        super(VERSION);
        List<TransformerEncoderLayer> built = new ArrayList<>();
        for (int i = 0; i < builder.layers; i++) {
            built.add(addChildBlock("layer" + i, builder.layer.build()));
        }
        this.layers = Collections.unmodifiableList(built);
        boolean withNorm = builder.finalNorm != null
                ? builder.finalNorm
                : builder.layer.placement() == NormPlacement.PRE;
        this.finalNorm = withNorm
                ? addChildBlock("finalNorm", TransformerEncoderLayer.lastAxisNorm())
                : null;
        this.returnAttention = builder.returnAttention;
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
    public List<TransformerEncoderLayer> layers() {
        return layers;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        Checks.inputCount(NAME, inputs, 1, 2, "[x (B, L, E), mask (B, L)]");
        NDList state = inputs;
        NDList probs = new NDList();
        for (TransformerEncoderLayer layer : layers) {
            NDList out = layer.forward(store, state, training, params);
            probs.add(out.get(2));
            state = new NDList(out.get(0), out.get(1));
        }
        NDArray x = state.get(0);
        if (finalNorm != null) {
            x = TransformerEncoderLayer.forward(finalNorm, store, x, training, params);
        }
        NDList result = new NDList(x, state.get(1));
        if (returnAttention) {
            result.addAll(probs);
        }
        return result;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        Shape mask = new Shape(x.get(0), x.get(1));
        for (TransformerEncoderLayer layer : layers) {
            layer.initialize(manager, dataType, x, mask);
        }
        if (finalNorm != null) {
            finalNorm.initialize(manager, dataType, x);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        List<Shape> shapes = new ArrayList<>(List.of(x, new Shape(x.get(0), x.get(1))));
        if (returnAttention) {
            for (TransformerEncoderLayer layer : layers) {
                shapes.add(layer.getOutputShapes(inputShapes)[2]);
            }
        }
        return shapes.toArray(new Shape[0]);
    }

    /** Builds a {@link TransformerEncoder}; {@code setLayers} and {@code setLayer} are required. */
    public static final class Builder {

        private int layers;
        private TransformerEncoderLayer.Builder layer;
        private Boolean finalNorm;
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
            this.layers = Checks.positive("encoder layers", layers);
            return this;
        }

        /**
         * Sets the configuration of every layer; each layer is built from it with its own
         * parameters when this encoder is built.
         *
         * @param layer a configured layer builder
         * @return this builder
         */
        public Builder setLayer(TransformerEncoderLayer.Builder layer) {
            this.layer = Objects.requireNonNull(layer, "layer");
            return this;
        }

        /**
         * Sets whether a LayerNorm follows the last layer.
         *
         * @param finalNorm default: true for pre-LN layers, false for post-LN layers
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
        public TransformerEncoder build() {
            Checks.positive("encoder layers", layers);
            Objects.requireNonNull(layer, "setLayer(...) is required");
            return new TransformerEncoder(this);
        }
    }
}
