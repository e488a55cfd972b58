package ai.braid.api.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One multiway expert: its own LayerNorm then its own feed-forward network, {@code
 * FFN_m(LN_m(x))}.
 *
 * <p>Input {@code [x (B, N, E)]}, output {@code [y (B, N, E)]}.
 */
final class ExpertFeedForward extends AbstractBlock {

    private static final byte VERSION = 1;

    private final LayerNorm norm;
    private final FeedForward feedForward;

    ExpertFeedForward(int dim, int hidden, ActivationKind activation, float dropout) {
        super(VERSION);
        this.norm = addChildBlock("norm", TransformerEncoderLayer.lastAxisNorm());
        this.feedForward = addChildBlock("feedForward",
                new FeedForward(dim, hidden, activation, dropout));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList normed = norm.forward(store, new NDList(inputs.head()), training, params);
        return feedForward.forward(store, normed, training, params);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        norm.initialize(manager, dataType, inputShapes[0]);
        feedForward.initialize(manager, dataType, inputShapes[0]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
