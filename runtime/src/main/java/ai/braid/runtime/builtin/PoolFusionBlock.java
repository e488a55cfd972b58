package ai.braid.runtime.builtin;

import ai.braid.api.data.FusedOutput;
import ai.braid.api.data.Modality;
import ai.braid.api.data.TokenSequence;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Masked mean of each token sequence, concatenated; no parameters.
 *
 * <p>Input: {@code [emb_1 (B, L_1, D_1), mask_1 (B, L_1), ...]}. Output: a {@link FusedOutput}
 * with {@code pooled (B, D_1 + D_2 + ...)}, the modalities' means in input order, and for each
 * modality its mean {@code pooled.<m> (B, D_m)} and its tokens unchanged, {@code sequence.<m>
 * (B, L_m, D_m)} and {@code mask.<m> (B, L_m)}, for heads that embed each modality on its own.
 */
final class PoolFusionBlock extends AbstractBlock {

    private final List<Modality> modalities;

    PoolFusionBlock(List<Modality> modalities) {
        this.modalities = List.copyOf(modalities);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList pooled = new NDList(modalities.size());
        Map<Modality, NDArray> modalityPooled = new LinkedHashMap<>();
        Map<Modality, TokenSequence> modalitySequences = new LinkedHashMap<>();
        for (int m = 0; m < modalities.size(); m++) {
            TokenSequence tokens = TokenSequence.from(inputs, 2 * m);
            NDArray mean = ConcatFusionBlock.maskedMean(tokens);
            pooled.add(mean);
            // views, because encoding names each array in place and one array has one name
            modalityPooled.put(modalities.get(m), mean.reshape(mean.getShape()));
            modalitySequences.put(modalities.get(m), new TokenSequence(
                    tokens.embeddings().reshape(tokens.embeddings().getShape()),
                    tokens.mask().reshape(tokens.mask().getShape())));
        }
        NDArray joined = pooled.size() == 1 ? pooled.head() : NDArrays.concat(pooled, 1);
        return new FusedOutput(joined, null, null, List.of(), modalityPooled, modalitySequences)
                .toNDList();
    }

    /**
     * Returns the shapes in the order of {@link FusedOutput#toNDList()}: pooled, one pooled
     * vector per modality, then each modality's tokens and mask.
     *
     * @param inputShapes {@code [(B, L_1, D_1), (B, L_1), ...]}
     * @return the output shapes
     */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long batch = inputShapes[0].get(0);
        long width = 0;
        List<Shape> perModality = new ArrayList<>();
        for (int m = 0; m < modalities.size(); m++) {
            width += inputShapes[2 * m].get(2);
            perModality.add(new Shape(batch, inputShapes[2 * m].get(2)));
        }
        List<Shape> shapes = new ArrayList<>();
        shapes.add(new Shape(batch, width));
        shapes.addAll(perModality);
        for (int m = 0; m < modalities.size(); m++) {
            shapes.add(inputShapes[2 * m]);
            shapes.add(inputShapes[2 * m + 1]);
        }
        return shapes.toArray(new Shape[0]);
    }
}
