package ai.braid.api.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Additive attention pooling: a learned weighted sum of the token vectors, with weights {@code
 * a = softmax_L(w2 . tanh(W1 h_l + b1))} over the real positions (PCME's attnpool).
 *
 * <p>Input {@code [x (B, L, E), mask (B, L)]}, or {@code [x]} when nothing is padded. Output
 * {@code [pooled (B, E), weights (B, L)]}: weights sum to 1 over real positions, are exactly 0
 * at padding, and a sequence made only of padding gets zero weights and a zero vector.
 * Parameters: W1 (E to hidden, with bias) and w2 (hidden to 1, no bias).
 */
public final class AttentionPooling extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final String NAME = "AttentionPooling";

    private final Linear hidden;
    private final Linear score;

    /**
     * Creates the block.
     *
     * @param hiddenSize the width of the tanh layer, for example E or E / 2
     */
    public AttentionPooling(int hiddenSize) {
        super(VERSION);
        this.hidden = addChildBlock("hidden",
                Linear.builder().setUnits(Checks.positive("attention pooling hidden size",
                        hiddenSize)).build());
        this.score = addChildBlock("score", Linear.builder().setUnits(1).optBias(false).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        Checks.inputCount(NAME, inputs, 1, 2, "[x (B, L, E), mask (B, L)]");
        NDArray x = inputs.get(0);
        Shape shape = Checks.rank(NAME, "x", x, 3, "(B, L, E)");
        NDArray h = hidden.forward(store, new NDList(x), training, params).head().tanh();
        NDArray scores = score.forward(store, new NDList(h), training, params).head().squeeze(2);
        NDArray weights;
        if (inputs.size() > 1) {
            Checks.mask(NAME, inputs.get(1), shape.get(0), shape.get(1));
            weights = Masks.softmax(scores, Masks.keep(inputs.get(1), scores.getDataType()), 1);
        } else {
            weights = scores.softmax(1);
        }
        NDArray pooled = weights.expandDims(1).matMul(x).squeeze(1);
        return new NDList(pooled, weights);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        hidden.initialize(manager, dataType, inputShapes[0]);
        score.initialize(manager, dataType,
                hidden.getOutputShapes(new Shape[] {inputShapes[0]})[0]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {new Shape(x.get(0), x.get(2)), new Shape(x.get(0), x.get(1))};
    }
}
