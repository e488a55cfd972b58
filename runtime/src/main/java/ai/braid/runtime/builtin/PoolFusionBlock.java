package ai.braid.runtime.builtin;

import ai.braid.api.data.FusedOutput;
import ai.braid.api.data.TokenSequence;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Masked mean of each token sequence, concatenated; no parameters.
 *
 * <p>Input: {@code [emb_1 (B, L_1, D_1), mask_1 (B, L_1), ...]}. Output: a {@link FusedOutput}
 * with {@code pooled (B, D_1 + D_2 + ...)}, the modalities' means in input order.
 */
final class PoolFusionBlock extends AbstractBlock {

    private final int modalities;

    PoolFusionBlock(int modalities) {
        this.modalities = modalities;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList pooled = new NDList(modalities);
        for (int m = 0; m < modalities; m++) {
            pooled.add(ConcatFusionBlock.maskedMean(TokenSequence.from(inputs, 2 * m)));
        }
        NDArray joined = modalities == 1 ? pooled.head() : NDArrays.concat(pooled, 1);
        return FusedOutput.pooledOnly(joined).toNDList();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long width = 0;
        for (int m = 0; m < modalities; m++) {
            width += inputShapes[2 * m].get(2);
        }
        return new Shape[] {new Shape(inputShapes[0].get(0), width)};
    }
}
