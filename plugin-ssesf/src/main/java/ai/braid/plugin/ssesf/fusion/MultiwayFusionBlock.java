package ai.braid.plugin.ssesf.fusion;

import ai.braid.api.config.EncoderOptions;
import ai.braid.api.data.FusedOutput;
import ai.braid.api.data.Modality;
import ai.braid.api.nn.MultiwayEncoder;
import ai.braid.api.nn.MultiwayEncoderLayer;
import ai.braid.api.nn.SingleStreamFusion;
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
 * ESFM, the single-stage multiway fusion of SSESF: all modalities' tokens in one sequence behind
 * a fusion [CLS] token, encoded by a VLMo-style {@link MultiwayEncoder}. Every layer's
 * self-attention is shared by all tokens; the feed-forward expert of each token is the one its
 * modality is routed to by an {@link ExpertRouting}, and from depth {@code sharedFfnFrom} on
 * every token goes through one shared expert.
 *
 * <pre>
 * x   = x + g1 * MSA(LN(x))                   all tokens
 * x_m = x_m + g2 * FFN_e(m)(LN_e(m)(x_m))       layers below sharedFfnFrom, e(m) = expert of m
 * x   = x + g2 * FFN_s(LN_s(x))               layers from sharedFfnFrom on
 * </pre>
 *
 * <p>Input: {@code [emb_1 (B, L_1, D_1), mask_1 (B, L_1), emb_2, mask_2, ...]} in the order of
 * the modality list. Output: a {@link FusedOutput} with {@code pooled (B, dim)} (the final
 * [CLS]), {@code sequence (B, L, dim)}, {@code mask (B, L)}, {@code attention.<i> (B, H, L, L)}
 * for each layer i and {@code pooled.<modality> (B, dim)}, laid out as the {@code transformer}
 * fusion's (see {@link SingleStreamFusion}), so tasks and figures read both alike.
 *
 * <p>With {@link Settings#withinModality} the same block is the paper's ablation "without
 * ESFM", a multi-stage model with separate encoders: each modality's tokens attend only to
 * their own modality, so every modality is encoded on its own (with the same shared weights),
 * and only the fusion [CLS], which attends to every token, brings them together.
 */
public final class MultiwayFusionBlock extends SingleStreamFusion {

    private static final byte VERSION = 1;

    private final ExpertRouting routing;
    private final MultiwayEncoder encoder;
    private final boolean withinModality;

    /**
     * The multiway encoder's hyper-parameters.
     *
     * @param encoder width, depth, heads, feed-forward width and dropout
     * @param attentionDropout dropout rate on the attention probabilities
     * @param sharedFfnFrom depth from which every token uses the shared expert, in [0, layers];
     *     {@code layers} means no shared layer
     * @param layerScale initial value of the trainable per-channel g1, g2; 0 turns layer scale
     *     off (g1 = g2 = 1)
     * @param withinModality whether a modality's tokens attend only to their own modality (the
     *     fusion [CLS] still attends to all), instead of to every token
     */
    public record Settings(EncoderOptions encoder, float attentionDropout, int sharedFfnFrom,
            float layerScale, boolean withinModality) {

        /**
         * Checks the depth of the shared layers.
         *
         * @throws IllegalArgumentException if {@code sharedFfnFrom} is outside [0, layers]
         */
        public Settings {
            Objects.requireNonNull(encoder, "encoder");
            if (sharedFfnFrom < 0 || sharedFfnFrom > encoder.layers()) {
                throw new IllegalArgumentException("sharedFfnFrom must lie in [0, "
                        + encoder.layers() + "], got " + sharedFfnFrom);
            }
        }
    }

    /**
     * Creates the block.
     *
     * @param modalities the modalities in the order their sequences arrive
     * @param widths each modality's token width D_m
     * @param settings the encoder's hyper-parameters
     * @param routing each modality's expert and the [CLS] token's, one per modality
     */
    public MultiwayFusionBlock(List<Modality> modalities, Map<Modality, Integer> widths,
            Settings settings, ExpertRouting routing) {
        super(VERSION, "multiway fusion", modalities, widths, settings.encoder().dim());
        this.routing = Objects.requireNonNull(routing, "routing");
        this.withinModality = settings.withinModality();
        if (routing.modalityCount() != modalities.size()) {
            throw new IllegalArgumentException("the routing " + routing + " does not route "
                    + modalities);
        }
        EncoderOptions encoderOptions = settings.encoder();
        MultiwayEncoderLayer.Builder layer = MultiwayEncoderLayer.builder()
                .setDim(encoderOptions.dim())
                .setHeads(encoderOptions.heads())
                .setFfnDim(encoderOptions.ffnDim())
                .optExperts(routing.experts().size())
                .optDropout(encoderOptions.dropout())
                .optAttentionDropout(settings.attentionDropout());
        if (settings.layerScale() > 0f) {
            layer.optLayerScale(settings.layerScale());
        }
        this.encoder = addChildBlock("encoder", MultiwayEncoder.builder()
                .setLayers(encoderOptions.layers())
                .setLayer(layer)
                .optSharedExpertFrom(settings.sharedFfnFrom())
                .optReturnAttention(true)
                .build());
    }

    /**
     * Returns the routing of tokens to experts.
     *
     * @return the routing given at construction
     */
    public ExpertRouting routing() {
        return routing;
    }

    /**
     * Returns the multiway encoder, for example to inspect one layer's experts.
     *
     * @return the encoder
     */
    public MultiwayEncoder encoder() {
        return encoder;
    }

    /**
     * Freezes or unfreezes a named expert in every routed layer: its LayerNorm and
     * feed-forward network get no gradient and the optimizer leaves them unchanged.
     *
     * @param expert a name from {@link ExpertRouting#experts()}
     * @param freeze true to freeze, false to make it trainable again
     */
    public void freezeExpert(String expert, boolean freeze) {
        encoder.freezeExpert(routing.indexOf(expert), freeze);
    }

    /**
     * Freezes or unfreezes the shared expert of the layers from {@code sharedFfnFrom} on.
     *
     * @param freeze true to freeze, false to make it trainable again
     */
    public void freezeSharedExpert(boolean freeze) {
        encoder.freezeSharedExpert(freeze);
    }

    /**
     * Freezes or unfreezes the self-attention that all tokens share, in every layer.
     *
     * @param freeze true to freeze, false to make it trainable again
     */
    public void freezeAttention(boolean freeze) {
        encoder.freezeAttention(freeze);
    }

    /** The encoder returns {@code [x, mask, expertIndex, probs_1, ..., probs_N]}. */
    @Override
    protected NDList encode(ParameterStore store, NDArray tokens, NDArray mask, long[] lengths,
            boolean training, PairList<String, Object> params) {
        Shape shape = tokens.getShape();
        NDArray expertIndex = tokens.getManager().create(
                routing.expertIndex(shape.get(0), lengths), shape.slice(0, 2));
        NDArray attentionMask = withinModality ? withinModality(mask, lengths) : mask;
        NDList encoded = encoder.forward(store, new NDList(tokens, attentionMask, expertIndex),
                training, params);
        NDList result = new NDList(encoded.get(0));
        result.addAll(encoded.subList(3, encoded.size()));
        return result;
    }

    /**
     * Restricts attention to each modality's own tokens, the [CLS] row excepted.
     *
     * @param mask (B, L) 1 for the [CLS] and real tokens
     * @param lengths L_m of each modality
     * @return (B, L, L): entry (b, i, j) is 1 if query i may attend to real key j
     */
    private static NDArray withinModality(NDArray mask, long[] lengths) {
        int length = Math.toIntExact(mask.getShape().get(1));
        int[] group = new int[length];
        int position = 1;
        for (int m = 0; m < lengths.length; m++) {
            for (long t = 0; t < lengths[m]; t++) {
                group[position++] = m + 1;
            }
        }
        float[] allowed = new float[length * length];
        for (int i = 0; i < length; i++) {
            for (int j = 0; j < length; j++) {
                allowed[i * length + j] = group[i] == 0 || group[i] == group[j] ? 1f : 0f;
            }
        }
        NDArray groups = mask.getManager().create(allowed, new Shape(1, length, length))
                .toType(mask.getDataType(), false);
        return mask.reshape(mask.getShape().get(0), 1, length).mul(groups);
    }

    @Override
    protected void initializeEncoder(NDManager manager, DataType dataType, Shape fused) {
        Shape mask = fused.slice(0, 2);
        encoder.initialize(manager, dataType, fused, mask, mask);
    }

    @Override
    protected List<Shape> attentionShapes(Shape fused) {
        Shape mask = fused.slice(0, 2);
        Shape[] shapes = encoder.getOutputShapes(new Shape[] {fused, mask, mask});
        return Arrays.asList(shapes).subList(3, shapes.length);
    }
}
