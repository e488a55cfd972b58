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
import java.util.Objects;

/**
 * The transformer position-wise feed-forward network: {@code Linear(F) -> activation -> dropout
 * -> Linear(E)}.
 *
 * <p>Input {@code [x (..., E)]}, any number of leading axes; output {@code [y (..., E)]}.
 */
public final class FeedForward extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int dim;
    private final ActivationKind activation;
    private final float dropoutRate;
    private final Linear expand;
    private final Dropout dropout;
    private final Linear contract;

    /**
     * Creates the network.
     *
     * @param dim the input and output width E
     * @param hidden the inner width F
     * @param activation the non-linearity after the first linear layer
     * @param dropout the dropout rate after the activation (training only), in [0, 1)
     */
    public FeedForward(int dim, int hidden, ActivationKind activation, float dropout) {
        super(VERSION);
        this.dim = Checks.positive("feed-forward dim", dim);
        this.activation = Objects.requireNonNull(activation, "activation");
        this.dropoutRate = Checks.rate("feed-forward dropout", dropout);
        this.expand = addChildBlock("expand",
                Linear.builder().setUnits(Checks.positive("feed-forward hidden size", hidden)).build());
        this.dropout = addChildBlock("dropout", Dropout.builder().optRate(dropoutRate).build());
        this.contract = addChildBlock("contract", Linear.builder().setUnits(dim).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray hidden = expand.forward(store, new NDList(inputs.head()), training, params).head();
        hidden = activation.apply(hidden);
        if (dropoutRate > 0f) {
            hidden = dropout.forward(store, new NDList(hidden), training, params).head();
        }
        return contract.forward(store, new NDList(hidden), training, params);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        expand.initialize(manager, dataType, inputShapes[0]);
        Shape hidden = expand.getOutputShapes(new Shape[] {inputShapes[0]})[0];
        dropout.initialize(manager, dataType, hidden);
        contract.initialize(manager, dataType, hidden);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {in.slice(0, in.dimension() - 1).add(dim)};
    }
}
