package ai.braid.runtime.builtin;

import ai.braid.api.data.FusedOutput;
import ai.braid.api.data.TokenSequence;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Masked mean of each token sequence, concatenated, then a linear projection.
 *
 * <p>Input: {@code [emb_1 (B, L_1, D_1), mask_1 (B, L_1), ...]}. Output: a {@link FusedOutput}
 * with {@code pooled (B, dim)}.
 */
final class ConcatFusionBlock extends AbstractBlock {

    private final int modalities;
    private final Linear projection;

    ConcatFusionBlock(int modalities, int dim) {
        this.modalities = modalities;
        this.projection = addChildBlock("projection", Linear.builder().setUnits(dim).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList pooled = new NDList(modalities);
        for (int m = 0; m < modalities; m++) {
            pooled.add(maskedMean(TokenSequence.from(inputs, 2 * m)));
        }
        NDArray joined = NDArrays.concat(pooled, 1);
        NDArray fused = projection.forward(store, new NDList(joined), training, params).head();
        return FusedOutput.pooledOnly(fused).toNDList();
    }

    /** Mean over real tokens only; a sequence with no token pools to zeros. */
    static NDArray maskedMean(TokenSequence sequence) {
        NDArray mask = sequence.mask().toType(DataType.FLOAT32, false);
        NDArray summed = sequence.embeddings().mul(mask.expandDims(2)).sum(new int[] {1});
        NDArray counts = mask.sum(new int[] {1}, true).maximum(1f);
        return summed.div(counts);
    }

    @Override
    protected void initializeChildBlocks(
            ai.djl.ndarray.NDManager manager, DataType dataType, Shape... inputShapes) {
        long width = 0;
        for (int m = 0; m < modalities; m++) {
            width += inputShapes[2 * m].get(2);
        }
        projection.initialize(manager, dataType, new Shape(inputShapes[0].get(0), width));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long width = 0;
        for (int m = 0; m < modalities; m++) {
            width += inputShapes[2 * m].get(2);
        }
        return projection.getOutputShapes(new Shape[] {new Shape(inputShapes[0].get(0), width)});
    }
}
