package ai.braid.api.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Takes the first token of each sequence, where a [CLS] token usually sits.
 *
 * <p>Input {@code [x (B, L, E), ...]} (a mask or anything after x is ignored); output {@code
 * [pooled (B, E)]}. No parameters.
 */
public final class ClsPooling extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final String NAME = "ClsPooling";

    /** Creates the block. */
    public ClsPooling() {
        super(VERSION);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        Checks.inputCount(NAME, inputs, 1, Integer.MAX_VALUE, "[x (B, L, E), ...]");
        Checks.rank(NAME, "x", inputs.head(), 3, "(B, L, E)");
        return new NDList(inputs.head().get(":, 0, :"));
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
