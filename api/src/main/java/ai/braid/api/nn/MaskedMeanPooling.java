package ai.braid.api.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Mean over the real tokens of each sequence.
 *
 * <p>Input {@code [x (B, L, E), mask (B, L)]}, or {@code [x]} for a plain mean; output {@code
 * [pooled (B, E)]}. A sequence with no real token pools to zeros. No parameters.
 */
public final class MaskedMeanPooling extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final String NAME = "MaskedMeanPooling";

    /** Creates the block. */
    public MaskedMeanPooling() {
        super(VERSION);
    }

    /**
     * Computes the masked mean directly, for code that is not a block.
     *
     * @param x (B, L, E) token vectors
     * @param mask (B, L) 1 for a real token, 0 for padding, any dtype
     * @return (B, E) mean over real tokens, zeros for an all-padding sequence
     */
    public static NDArray pool(NDArray x, NDArray mask) {
        Shape shape = Checks.rank(NAME, "x", x, 3, "(B, L, E)");
        Checks.mask(NAME, mask, shape.get(0), shape.get(1));
        NDArray keep = Masks.keep(mask, x.getDataType());
        NDArray summed = x.mul(keep.expandDims(2)).sum(new int[] {1});
        return summed.div(keep.sum(new int[] {1}, true).maximum(1f));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        Checks.inputCount(NAME, inputs, 1, 2, "[x (B, L, E), mask (B, L)]");
        if (inputs.size() == 1) {
            Checks.rank(NAME, "x", inputs.head(), 3, "(B, L, E)");
            return new NDList(inputs.head().mean(new int[] {1}));
        }
        return new NDList(pool(inputs.get(0), inputs.get(1)));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // no parameters
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), inputShapes[0].get(2))};
    }
}
