package ai.braid.api.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.recurrent.GRU;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A bidirectional GRU made of two unidirectional DJL GRUs, because DJL's own bidirectional mode
 * is broken on the PyTorch engine.
 *
 * <p>Input {@code [x (B, L, E)]} or {@code [x (B, L, E), mask (B, L)]} with right-padded
 * sequences (real tokens first). Output {@code [y (B, L, 2H)]}: the forward GRU's states
 * followed by the backward GRU's states on the last axis.
 *
 * <p>With a mask, the backward GRU reads each sequence reversed within its real length (the
 * padding stays at the end), so the backward state at position t summarises tokens t .. len-1
 * only. Outputs at real positions therefore do not depend on the padding; outputs at padded
 * positions are meaningless. Without a mask the whole sequence is reversed.
 */
public final class BidirectionalGru extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final String NAME = "BidirectionalGru";

    private final int stateSize;
    private final GRU forwardGru;
    private final GRU backwardGru;

    /**
     * Creates the block.
     *
     * @param stateSize H, the state width of each direction
     * @param layers stacked layers of each direction
     */
    public BidirectionalGru(int stateSize, int layers) {
        super(VERSION);
        this.stateSize = Checks.positive("GRU state size", stateSize);
        Checks.positive("GRU layers", layers);
        this.forwardGru = addChildBlock("forward", gru(stateSize, layers));
        this.backwardGru = addChildBlock("backward", gru(stateSize, layers));
    }

    private static GRU gru(int stateSize, int layers) {
        return GRU.builder().setStateSize(stateSize).setNumLayers(layers).optBatchFirst(true)
                .optReturnState(false).build();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        Checks.inputCount(NAME, inputs, 1, 2, "[x (B, L, E)] or [x, mask (B, L)]");
        NDArray x = inputs.get(0);
        Shape shape = Checks.rank(NAME, "x", x, 3, "(B, L, E)");
        NDArray ahead = forwardGru.forward(store, new NDList(x), training, params).head();
        NDArray back;
        if (inputs.size() == 1) {
            back = backwardGru.forward(store, new NDList(x.flip(1)), training, params).head().flip(1);
        } else {
            Checks.mask(NAME, inputs.get(1), shape.get(0), shape.get(1));
            NDArray order = reversalIndex(inputs.get(1), shape.get(1));
            NDArray reversed = x.gather(order.repeat(2, shape.get(2)), 1);
            NDArray states = backwardGru.forward(store, new NDList(reversed), training, params).head();
            back = states.gather(order.repeat(2, stateSize), 1);
        }
        return new NDList(NDArrays.concat(new NDList(ahead, back), 2));
    }

    /**
     * Index (B, L, 1) that reverses positions 0 .. len-1 of each row and keeps the padding in
     * place; applying it twice gives the identity, so it also undoes itself.
     */
    private static NDArray reversalIndex(NDArray mask, long length) {
        NDManager manager = mask.getManager();
        NDArray lengths = Masks.keep(mask, DataType.FLOAT32).sum(new int[] {1}, true)
                .toType(DataType.INT64, false);
        NDArray positions = manager.arange(0, (int) length, 1, DataType.INT64).expandDims(0);
        NDArray mirrored = lengths.sub(1).sub(positions);
        return NDArrays.where(positions.lt(lengths), mirrored, positions.broadcast(mirrored.getShape()))
                .expandDims(2);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        forwardGru.initialize(manager, dataType, inputShapes[0]);
        backwardGru.initialize(manager, dataType, inputShapes[0]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {new Shape(x.get(0), x.get(1), 2L * stateSize)};
    }
}
