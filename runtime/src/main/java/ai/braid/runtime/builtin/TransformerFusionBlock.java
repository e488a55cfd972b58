package ai.braid.runtime.builtin;

import ai.braid.api.config.EncoderOptions;
import ai.braid.api.data.FusedOutput;
import ai.braid.api.data.Modality;
import ai.braid.api.nn.NormPlacement;
import ai.braid.api.nn.SingleStreamFusion;
import ai.braid.api.nn.TransformerEncoder;
import ai.braid.api.nn.TransformerEncoderLayer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Self-attention over the tokens of all modalities behind a learned fusion [CLS] token: a
 * {@link SingleStreamFusion} with a standard {@link TransformerEncoder} as its encoder; padded
 * tokens are never attended to.
 *
 * <p>Input: {@code [emb_1 (B, L_1, D_1), mask_1 (B, L_1), emb_2, mask_2, ...]} in the order of
 * the modality list. Output: a {@link FusedOutput} with {@code pooled (B, dim)} (the final
 * [CLS] or the tokens' mean), {@code sequence (B, L, dim)}, {@code mask (B, L)}, {@code
 * attention.<i> (B, H, L, L)} for each layer i, {@code pooled.<modality> (B, dim)} and the
 * extra {@value FusedOutput#POOLING_WEIGHTS} (B, L); see {@link SingleStreamFusion}.
 */
final class TransformerFusionBlock extends SingleStreamFusion {

    private static final byte VERSION = 1;

    private final TransformerEncoder encoder;

    /**
     * Creates the block.
     *
     * @param modalities the modalities in the order their sequences arrive
     * @param widths each modality's token width D_m
     * @param settings the encoder's hyper-parameters
     * @param norm LayerNorm placement
     */
    TransformerFusionBlock(List<Modality> modalities, Map<Modality, Integer> widths,
            EncoderOptions settings, NormPlacement norm) {
        super(VERSION, "transformer fusion", modalities, widths, settings.dim(),
                settings.pooling());
        this.encoder = addChildBlock("encoder", TransformerEncoder.builder()
                .setLayers(settings.layers())
                .setLayer(TransformerEncoderLayer.builder()
                        .setDim(settings.dim())
                        .setHeads(settings.heads())
                        .setFfnDim(settings.ffnDim())
                        .optDropout(settings.dropout())
                        .optNormPlacement(Objects.requireNonNull(norm, "norm")))
                .optReturnAttention(true)
                .build());
    }

    /** The encoder returns {@code [x, mask, probs_1, ..., probs_N]}. */
    @Override
    protected NDList encode(ParameterStore store, NDArray tokens, NDArray mask, long[] lengths,
            boolean training, PairList<String, Object> params) {
        NDList encoded = encoder.forward(store, new NDList(tokens, mask), training, params);
        NDList result = new NDList(encoded.get(0));
        result.addAll(encoded.subList(2, encoded.size()));
        return result;
    }

    @Override
    protected void initializeEncoder(NDManager manager, DataType dataType, Shape fused) {
        encoder.initialize(manager, dataType, fused, fused.slice(0, 2));
    }

    @Override
    protected List<Shape> attentionShapes(Shape fused) {
        Shape[] shapes = encoder.getOutputShapes(new Shape[] {fused, fused.slice(0, 2)});
        return Arrays.asList(shapes).subList(2, shapes.length);
    }
}
