package ai.braid.plugin.ssesf.fusion;

import ai.braid.api.config.EncoderOptions;
import ai.braid.api.data.FusedOutput;
import ai.braid.api.data.Modality;
import ai.braid.api.nn.MultiwayEncoder;
import ai.braid.api.nn.MultiwayEncoderLayer;
import ai.braid.api.nn.SingleStreamFusion;
import ai.braid.plugin.ssesf.pretrain.HardNegatives;
import ai.braid.plugin.ssesf.pretrain.PretrainingSettings;
import ai.braid.plugin.ssesf.pretrain.TokenMasking;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
 * [CLS], or with {@code pooling: mean} the mean of the real tokens), {@code sequence (B, L,
 * dim)}, {@code mask (B, L)}, {@code attention.<i> (B, H, L, L)} for each layer i, {@code
 * pooled.<modality> (B, dim)} and the extra {@value FusedOutput#POOLING_WEIGHTS} (B, L), laid
 * out as the {@code transformer} fusion's (see {@link SingleStreamFusion}), so tasks and figures
 * read both alike.
 *
 * <p>With {@link Settings#withinModality} the same block is the paper's ablation "without
 * ESFM", a multi-stage model with separate encoders: each modality's tokens attend only to
 * their own modality, so every modality is encoded on its own (with the same shared weights),
 * and only the fusion [CLS], which attends to every token, brings them together.
 *
 * <h2>Pre-training passes</h2>
 *
 * <p>Given {@link PretrainingSettings} (a pair of modalities a, b and optionally a modality to
 * mask), one forward computes what VLMo's three pre-training objectives read, in one call so
 * that the runtime's one forward per step serves them all. All passes share every parameter.
 *
 * <ol>
 *   <li>Unimodal pass: the encoder over the same joint sequence with attention restricted to
 *       each modality's own tokens (as {@link Settings#withinModality}), so every modality is
 *       encoded on its own; its vector is the masked mean of its slice or its first token
 *       ({@link PretrainingSettings.UnimodalPooling}). Extras {@value #UNIMODAL}{@code
 *       <modality> (B, dim)} for every modality, read by image-text contrast (ITC).
 *   <li>The joint pass, as without pre-training: {@code pooled} is the matched pair's fused
 *       vector for image-text matching (ITM). It and the passes below attend as the {@code
 *       attention} setting says (all tokens, or within modalities for the ablation).
 *   <li>Hard-negative pass: each sample i keeps modality a and takes modality b's token rows
 *       (tokens and mask; every sample's slice has the same padded length) from a partner j
 *       != i drawn by {@link HardNegatives} from the unimodal similarities, avoiding partners
 *       whose a or b input is the same as i's (they would make a matching pair; drawn only if
 *       nothing else is left, a wrong negative then); a joint pass over these mismatched
 *       pairs gives {@value #NEGATIVE_POOLED} (B, dim) and the partners
 *       {@value #NEGATIVE_PARTNER} (B) int64. A batch of one sample has no other sample: the
 *       pass is skipped, the partner is -1 and the pooled vector zeros, and a task must leave
 *       that negative out of its loss.
 *   <li>Masked language modelling pass: on the masked modality, {@link TokenMasking} picks up
 *       to K real tokens per sample (never its first or last real token, the [CLS] and [SEP]
 *       of word pieces); their fused input tokens are replaced by a learned [MASK] vector plus
 *       a learned map of a fixed sinusoidal code of the token's position within its modality
 *       (without it, two masked tokens of one sample would be identical inputs to a
 *       position-free encoder and so get identical outputs), and a joint pass runs. Extras
 *       {@value #MLM_HIDDEN} (B, K, dim), the outputs at the masked slots; {@value
 *       #MLM_TOKENS} (B, K, dim), the fused input tokens they replaced (the projector's
 *       embedding in the fusion's width plus the modality's type embedding), without
 *       gradient, as the targets of an in-batch sampled softmax; {@value #MLM_VALID} (B, K),
 *       1 for a used slot; {@value #MLM_POSITION} (B, K) int64, the masked token's position
 *       within its modality (0 in an unused slot).
 * </ol>
 *
 * <p>Sameness (a repeated image or text, a repeated word piece) is judged by the fused input
 * tokens, the only thing a fusion sees; it holds only when the projectors embed one input the
 * same way every time, so pre-training pipelines set the projectors' embedding dropout to 0.
 *
 * <p>The extras follow the standard parts of the {@link FusedOutput} and its pooling weights
 * in the order above (the MLM ones last). The pre-training parameters {@code mlmMask} (1, dim)
 * and {@code mlmPositions} ({@value #POSITION_CODE_WIDTH}, dim) exist only when MLM is on;
 * every other parameter is named and shaped as without pre-training, so a fine-tuning pipeline
 * of the same projectors and fusion starts from a pre-training checkpoint by name.
 */
public final class MultiwayFusionBlock extends SingleStreamFusion {

    /** Prefix of the unimodal vectors' names: {@code unimodal.<modality>}. */
    public static final String UNIMODAL = "unimodal.";
    /** Name of the fused vector of each sample's hard-negative pair. */
    public static final String NEGATIVE_POOLED = "negative.pooled";
    /** Name of each sample's hard-negative partner index. */
    public static final String NEGATIVE_PARTNER = "negative.partner";
    /** Name of the joint pass's outputs at the masked slots. */
    public static final String MLM_HIDDEN = "mlm.hidden";
    /** Name of the fused input tokens the masked slots replaced. */
    public static final String MLM_TOKENS = "mlm.tokens";
    /** Name of the masked slots' validity. */
    public static final String MLM_VALID = "mlm.valid";
    /** Name of the masked slots' positions within their modality. */
    public static final String MLM_POSITION = "mlm.position";
    /** Width of the sinusoidal position code of masked tokens. */
    public static final int POSITION_CODE_WIDTH = 32;

    private static final byte VERSION = 1;
    /** Standard deviation of the initial [MASK] vector and position map, as in BERT. */
    private static final float MLM_INIT_SIGMA = 0.02f;

    private final ExpertRouting routing;
    private final MultiwayEncoder encoder;
    private final boolean withinModality;
    private final PretrainingSettings pretraining;
    private final Parameter mlmMask;
    private final Parameter mlmPositions;

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
        this(modalities, widths, settings, routing, null);
    }

    /**
     * Creates the block, with the pre-training passes when {@code pretraining} is given.
     *
     * @param modalities the modalities in the order their sequences arrive
     * @param widths each modality's token width D_m
     * @param settings the encoder's hyper-parameters
     * @param routing each modality's expert and the [CLS] token's, one per modality
     * @param pretraining the pre-training passes, or null for none
     * @throws IllegalArgumentException if the pre-training settings name a modality position
     *     the list does not have
     */
    public MultiwayFusionBlock(List<Modality> modalities, Map<Modality, Integer> widths,
            Settings settings, ExpertRouting routing, PretrainingSettings pretraining) {
        super(VERSION, "multiway fusion", modalities, widths, settings.encoder().dim(),
                settings.encoder().pooling());
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
        this.pretraining = pretraining;
        if (pretraining != null) {
            int count = modalities.size();
            if (pretraining.first() >= count || pretraining.second() >= count
                    || pretraining.mlm() >= count) {
                throw new IllegalArgumentException("the pre-training settings " + pretraining
                        + " name a modality position beyond " + modalities);
            }
        }
        if (pretraining != null && pretraining.hasMlm()) {
            int dim = encoderOptions.dim();
            this.mlmMask = addParameter(mlmParameter("mlmMask", new Shape(1, dim)));
            this.mlmPositions = addParameter(mlmParameter("mlmPositions",
                    new Shape(POSITION_CODE_WIDTH, dim)));
        } else {
            this.mlmMask = null;
            this.mlmPositions = null;
        }
    }

    /** Type OTHER keeps this initialiser even when a training config sets one for weights. */
    private static Parameter mlmParameter(String name, Shape shape) {
        return Parameter.builder().setName(name).setType(Parameter.Type.OTHER)
                .optShape(shape)
                .optInitializer(new NormalInitializer(MLM_INIT_SIGMA))
                .build();
    }

    /**
     * Returns the pre-training passes this block computes.
     *
     * @return the settings, or empty for a block without pre-training passes
     */
    public Optional<PretrainingSettings> pretraining() {
        return Optional.ofNullable(pretraining);
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
        NDList encoded = runEncoder(store, tokens, attentionMask(mask, lengths), lengths,
                training, params);
        NDList result = new NDList(encoded.get(0));
        result.addAll(encoded.subList(3, encoded.size()));
        return result;
    }

    /** The attention mask of the joint passes: within-modality or over all tokens. */
    private NDArray attentionMask(NDArray mask, long[] lengths) {
        return withinModality ? withinModality(mask, lengths) : mask;
    }

    /**
     * Runs the encoder once.
     *
     * @param attentionMask (B, L) or per query (B, L, L)
     * @return {@code [x, mask, expertIndex, probs_1, ..., probs_N]}
     */
    private NDList runEncoder(ParameterStore store, NDArray tokens, NDArray attentionMask,
            long[] lengths, boolean training, PairList<String, Object> params) {
        Shape shape = tokens.getShape();
        NDArray expertIndex = tokens.getManager().create(
                routing.expertIndex(shape.get(0), lengths), shape.slice(0, 2));
        return encoder.forward(store, new NDList(tokens, attentionMask, expertIndex), training,
                params);
    }

    /** The pre-training passes; see the class comment. */
    @Override
    protected Map<String, NDArray> extraOutputs(ParameterStore store, NDArray tokens,
            NDArray mask, long[] lengths, NDArray sequence, boolean training,
            PairList<String, Object> params) {
        if (pretraining == null) {
            return Map.of();
        }
        Map<String, NDArray> extras = new LinkedHashMap<>();
        NDArray unimodal = runEncoder(store, tokens, withinModality(mask, lengths), lengths,
                training, params).get(0);
        List<NDArray> vectors = new ArrayList<>(unimodalVectors(unimodal, mask, lengths));
        for (int m = 0; m < vectors.size(); m++) {
            extras.put(UNIMODAL + modalities().get(m).name(), vectors.get(m));
        }
        negativePass(store, tokens, mask, lengths, vectors, training, params, extras);
        if (pretraining.hasMlm()) {
            maskedPass(store, tokens, mask, lengths, training, params, extras);
        }
        return extras;
    }

    /** One (B, dim) vector per modality from the unimodal pass. */
    private List<NDArray> unimodalVectors(NDArray unimodal, NDArray mask, long[] lengths) {
        if (pretraining.pooling() == PretrainingSettings.UnimodalPooling.MEAN) {
            return List.copyOf(poolModalities(unimodal, mask, lengths).values());
        }
        List<NDArray> vectors = new ArrayList<>();
        for (int m = 0; m < lengths.length; m++) {
            vectors.add(unimodal.get(new NDIndex(":, {}, :", start(lengths, m))));
        }
        return vectors;
    }

    /** Adds {@value #NEGATIVE_POOLED} and {@value #NEGATIVE_PARTNER}. */
    private void negativePass(ParameterStore store, NDArray tokens, NDArray mask,
            long[] lengths, List<NDArray> unimodal, boolean training,
            PairList<String, Object> params, Map<String, NDArray> extras) {
        long batch = tokens.getShape().get(0);
        NDManager manager = tokens.getManager();
        if (batch < 2) {
            extras.put(NEGATIVE_POOLED, manager.zeros(new Shape(batch, dim()),
                    tokens.getDataType()));
            extras.put(NEGATIVE_PARTNER, manager.ones(new Shape(batch), DataType.INT64).neg());
            return;
        }
        int second = pretraining.second();
        long start = start(lengths, second);
        long end = start + lengths[second];
        NDArray matching = sameRows(tokens, mask, lengths, pretraining.first())
                .maximum(sameRows(tokens, mask, lengths, second));
        NDArray partners = HardNegatives.partners(unimodal.get(pretraining.first()),
                unimodal.get(second), matching, pretraining.negativeTemperature(), training);
        NDArray swappedTokens = HardNegatives.swapSlice(tokens, partners, start, end);
        NDArray swappedMask = HardNegatives.swapSlice(mask, partners, start, end);
        NDArray negative = runEncoder(store, swappedTokens,
                attentionMask(swappedMask, lengths), lengths, training, params).get(0);
        extras.put(NEGATIVE_POOLED, pooling().pool(negative, swappedMask));
        extras.put(NEGATIVE_PARTNER, partners);
    }

    /** Which samples hold the same input rows of modality m. */
    private static NDArray sameRows(NDArray tokens, NDArray mask, long[] lengths, int m) {
        long start = start(lengths, m);
        long end = start + lengths[m];
        return HardNegatives.sameRows(tokens.get(new NDIndex(":, {}:{}, :", start, end)),
                mask.get(new NDIndex(":, {}:{}", start, end)));
    }

    /** Adds the masked-language-modelling extras, {@value #MLM_HIDDEN} and the others. */
    private void maskedPass(ParameterStore store, NDArray tokens, NDArray mask, long[] lengths,
            boolean training, PairList<String, Object> params, Map<String, NDArray> extras) {
        int m = pretraining.mlm();
        long start = start(lengths, m);
        long end = start + lengths[m];
        long length = tokens.getShape().get(1);
        NDManager manager = tokens.getManager();
        DataType type = tokens.getDataType();
        TokenMasking.Slots slots = TokenMasking.choose(
                mask.get(new NDIndex(":, {}:{}", start, end)), pretraining.mlmSlots(),
                pretraining.mlmProbability(), training);
        // (B, K, L): slot k of sample b selects position start + positions[b, k]
        NDArray where = slots.positions().add(start).expandDims(2)
                .eq(manager.arange(0, length, 1, DataType.INT64).reshape(1, 1, length))
                .toType(type, false);
        NDArray masked = where.mul(slots.valid().expandDims(2)).sum(new int[] {1})
                .expandDims(2);
        // The code of position t within the modality goes to row start + t; rows outside the
        // modality are never selected.
        NDArray shifted = NDArrays.concat(new NDList(
                manager.zeros(new Shape(start, POSITION_CODE_WIDTH), type),
                TokenMasking.positionCode(manager, end - start, POSITION_CODE_WIDTH)
                        .toType(type, false),
                manager.zeros(new Shape(length - end, POSITION_CODE_WIDTH), type)), 0);
        NDArray replacement = shifted
                .matMul(store.getValue(mlmPositions, tokens.getDevice(), training))
                .add(store.getValue(mlmMask, tokens.getDevice(), training))
                .expandDims(0);
        NDArray input = tokens.mul(masked.neg().add(1f)).add(replacement.mul(masked));
        NDArray output = runEncoder(store, input, attentionMask(mask, lengths), lengths,
                training, params).get(0);
        NDArray valid = slots.valid().expandDims(2);
        extras.put(MLM_HIDDEN, where.matMul(output).mul(valid));
        extras.put(MLM_TOKENS, where.matMul(tokens.stopGradient()).mul(valid));
        extras.put(MLM_VALID, slots.valid());
        extras.put(MLM_POSITION, slots.positions());
    }

    /** Position of modality m's first token in the joint sequence, after the [CLS]. */
    private static long start(long[] lengths, int m) {
        long start = 1;
        for (int i = 0; i < m; i++) {
            start += lengths[i];
        }
        return start;
    }

    @Override
    protected List<Shape> extraOutputShapes(Shape fused, long[] lengths) {
        if (pretraining == null) {
            return List.of();
        }
        long batch = fused.get(0);
        List<Shape> shapes = new ArrayList<>();
        for (int m = 0; m < lengths.length; m++) {
            shapes.add(new Shape(batch, dim()));
        }
        shapes.add(new Shape(batch, dim()));
        shapes.add(new Shape(batch));
        if (pretraining.hasMlm()) {
            long slots = pretraining.mlmSlots();
            shapes.add(new Shape(batch, slots, dim()));
            shapes.add(new Shape(batch, slots, dim()));
            shapes.add(new Shape(batch, slots));
            shapes.add(new Shape(batch, slots));
        }
        return shapes;
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
