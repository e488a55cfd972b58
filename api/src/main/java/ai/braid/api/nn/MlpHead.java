package ai.braid.api.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A multi-layer perceptron head: for each hidden size {@code Linear -> activation -> dropout},
 * then a final {@code Linear} to the output units, with no activation on the output (logits).
 *
 * <p>Input {@code [x (B, D)]} or {@code [x (B, L, D)]} (any number of leading axes); output
 * {@code [y (B, U)]} or {@code [y (B, L, U)]}. With no hidden sizes it is one linear layer.
 */
public final class MlpHead extends AbstractBlock {

    private static final byte VERSION = 1;

    private final ActivationKind activation;
    private final float dropoutRate;
    private final List<Linear> hidden;
    private final Dropout dropout;
    private final Linear output;

    private MlpHead(Builder builder) {
        super(VERSION);
        this.activation = builder.activation;
        this.dropoutRate = builder.dropout;
        List<Linear> layers = new ArrayList<>();
        for (int i = 0; i < builder.hiddenSizes.size(); i++) {
            layers.add(addChildBlock("hidden" + i,
                    Linear.builder().setUnits(builder.hiddenSizes.get(i)).build()));
        }
        this.hidden = List.copyOf(layers);
        this.dropout = addChildBlock("dropout", Dropout.builder().optRate(dropoutRate).build());
        this.output = addChildBlock("output", Linear.builder().setUnits(builder.outputUnits).build());
    }

    /**
     * Starts a builder.
     *
     * @return a builder that needs {@code setOutputUnits}
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        for (Linear layer : hidden) {
            x = activation.apply(layer.forward(store, new NDList(x), training, params).head());
            if (dropoutRate > 0f) {
                x = dropout.forward(store, new NDList(x), training, params).head();
            }
        }
        return output.forward(store, new NDList(x), training, params);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape shape = inputShapes[0];
        for (Linear layer : hidden) {
            layer.initialize(manager, dataType, shape);
            shape = layer.getOutputShapes(new Shape[] {shape})[0];
        }
        dropout.initialize(manager, dataType, shape);
        output.initialize(manager, dataType, shape);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape shape = inputShapes[0];
        for (Linear layer : hidden) {
            shape = layer.getOutputShapes(new Shape[] {shape})[0];
        }
        return output.getOutputShapes(new Shape[] {shape});
    }

    /** Builds an {@link MlpHead}; {@code setOutputUnits} is required. */
    public static final class Builder {

        private List<Integer> hiddenSizes = List.of();
        private ActivationKind activation = ActivationKind.GELU;
        private float dropout;
        private int outputUnits;

        private Builder() {
        }

        /**
         * Sets the widths of the hidden layers, first to last.
         *
         * @param hiddenSizes positive widths; default none
         * @return this builder
         */
        public Builder optHiddenSizes(List<Integer> hiddenSizes) {
            for (Integer size : hiddenSizes) {
                Checks.positive("MLP hidden size", Objects.requireNonNull(size, "hidden size"));
            }
            this.hiddenSizes = List.copyOf(hiddenSizes);
            return this;
        }

        /**
         * Sets the non-linearity after each hidden layer.
         *
         * @param activation default {@link ActivationKind#GELU}
         * @return this builder
         */
        public Builder optActivation(ActivationKind activation) {
            this.activation = Objects.requireNonNull(activation, "activation");
            return this;
        }

        /**
         * Sets the dropout rate after each hidden activation.
         *
         * @param rate in [0, 1); default 0
         * @return this builder
         */
        public Builder optDropout(float rate) {
            this.dropout = Checks.rate("MLP dropout", rate);
            return this;
        }

        /**
         * Sets the number of output units U.
         *
         * @param outputUnits U, for example the number of classes
         * @return this builder
         */
        public Builder setOutputUnits(int outputUnits) {
            this.outputUnits = Checks.positive("MLP output units", outputUnits);
            return this;
        }

        /**
         * Builds the head.
         *
         * @return a new, uninitialised head
         */
        public MlpHead build() {
            Checks.positive("MLP output units", outputUnits);
            return new MlpHead(this);
        }
    }
}
