package ai.braid.plugin.ssesf.fusion;

import ai.braid.api.UserInputException;
import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.EncoderOptions;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.data.Modality;
import ai.braid.api.spi.FusionBlock;
import ai.braid.api.spi.FusionBlockFactory;
import ai.braid.plugin.ssesf.pretrain.PretrainingOptions;
import ai.braid.plugin.ssesf.pretrain.PretrainingSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ESFM, SSESF's single-stage multiway fusion: every modality's tokens in one sequence behind a
 * fusion [CLS] token, self-attention shared by all tokens and feed-forward experts routed by
 * each token's modality, with a shared expert in the top layers and selective freezing. See
 * {@link MultiwayFusionBlock}.
 *
 * <p>Experts are named by the user and modalities mapped to them, so OCR text and captions can
 * share an "extensive semantics" expert and image regions the vision one:
 *
 * <pre>
 * fusion:
 *   name: multiway
 *   experts: { image: vision, regions: vision, text: language, ocr: semantics, caption: semantics }
 *   sharedFfnFrom: 10     # of 12 layers, as VLMo base
 *   freeze: [language]
 * </pre>
 *
 * <p>A modality the mapping leaves out has its own expert, named after the modality. The fusion
 * [CLS] token needs an expert too ({@code clsExpert}); by default it is the first modality's,
 * because no modality's name may be special to the block, so the only neutral choice is by
 * position, and because an expert of its own would see one token per sample, too few to train
 * a whole feed-forward network. VLMo pools the text's [CLS] through the language expert: set
 * {@code clsExpert} to the text's expert to follow it.
 *
 * <p>{@code pretraining: [a, b]} adds VLMo's pre-training passes to every forward (unimodal
 * vectors, a hard-negative pass, masked language modelling with {@code mlm}); see {@link
 * MultiwayFusionBlock} and {@link PretrainingOptions}. The task {@code image-text-pretraining}
 * reads them.
 */
public final class MultiwayFusionFactory implements FusionBlockFactory {

    /** The {@code freeze} entry for the shared expert of the top layers. */
    static final String SHARED = "shared";
    /** The {@code freeze} entry for the self-attention of every layer. */
    static final String ATTENTION = "attention";
    private static final Set<String> RESERVED = Set.of(SHARED, ATTENTION);
    private static final String JOINT = "joint";
    private static final String WITHIN_MODALITY = "within-modality";

    private static final OptionSchema OPTIONS = PretrainingOptions.declare(encoderOptions())
            .build();

    private static OptionSchema.Builder encoderOptions() {
        return EncoderOptions.declare(OptionSchema.builder())
                .addNumber("attentionDropout", 0.0, 0, 0.99,
                        "dropout on the attention probabilities")
                .addInteger("sharedFfnFrom", -1, -1, 48, "depth (0-based) from which all tokens use"
                        + " one shared feed-forward expert, at most layers (VLMo base: 10 of 12);"
                        + " -1: none, every layer routes by modality")
                .addStringMap("experts", Map.of(), "modality -> expert name; modalities mapped to"
                        + " one name share that expert; an unmapped modality has its own expert"
                        + " named after it")
                .addString("clsExpert", "", "expert of the fusion [CLS] token in the routed layers;"
                        + " empty: the first modality's expert")
                .addStringList("freeze", List.of(), "expert names whose parameters get no gradient,"
                        + " and '" + SHARED + "' (the shared expert), '" + ATTENTION + "' (the"
                        + " self-attention of every layer)")
                .addNumber("layerScale", 0.0, 0, 10, "initial value of the trainable per-channel"
                        + " residual scales g1, g2; 0: off (g1 = g2 = 1)")
                .addChoice("attention", JOINT, List.of(JOINT, WITHIN_MODALITY), JOINT + ": every"
                        + " token attends to every token (single-stage, ESFM); " + WITHIN_MODALITY
                        + ": tokens attend only to their own modality and the fusion [CLS] to all"
                        + " (separate encoders, the paper's ablation without ESFM)");
    }

    @Override
    public String name() {
        return "multiway";
    }

    @Override
    public String description() {
        return "ESFM (SSESF): one sequence of all modalities' tokens + fusion [CLS], shared"
                + " attention, feed-forward experts routed by modality, shared top layers";
    }

    @Override
    public OptionSchema options() {
        return OPTIONS;
    }

    @Override
    public FusionBlock create(
            ComponentConfig config, List<Modality> modalities, Map<Modality, Integer> dims) {
        EncoderOptions encoder = EncoderOptions.read(config);
        int layers = encoder.layers();
        int sharedFfnFrom = config.getInt("sharedFfnFrom") < 0
                ? layers : config.getInt("sharedFfnFrom");
        if (sharedFfnFrom > layers) {
            throw new UserInputException(config.where("sharedFfnFrom") + ": " + sharedFfnFrom
                    + " is deeper than the " + layers + " layers; expected a depth in [0, "
                    + layers + "] (" + layers + " or -1: no shared layer)");
        }
        MultiwayFusionBlock.Settings settings = new MultiwayFusionBlock.Settings(encoder,
                config.getFloat("attentionDropout"), sharedFfnFrom,
                config.getFloat("layerScale"),
                config.getString("attention").equals(WITHIN_MODALITY));
        ExpertRouting routing = routing(config, modalities);
        List<String> frozen = frozen(config, routing, sharedFfnFrom, layers);
        PretrainingSettings pretraining =
                PretrainingOptions.read(config, modalities).orElse(null);
        MultiwayFusionBlock block = new MultiwayFusionBlock(modalities, dims, settings, routing,
                pretraining);
        for (String name : frozen) {
            if (name.equals(SHARED)) {
                block.freezeSharedExpert(true);
            } else if (name.equals(ATTENTION)) {
                block.freezeAttention(true);
            } else {
                block.freezeExpert(name, true);
            }
        }
        return FusionBlock.of(block, encoder.dim());
    }

    /** Reads {@code experts} and {@code clsExpert}. */
    private static ExpertRouting routing(ComponentConfig config, List<Modality> modalities) {
        List<String> names = new ArrayList<>();
        for (Modality modality : modalities) {
            names.add(modality.name());
        }
        Map<String, String> mapping = config.getStringMap("experts");
        for (Map.Entry<String, String> entry : mapping.entrySet()) {
            if (!names.contains(entry.getKey())) {
                throw new UserInputException(config.where("experts") + ": '" + entry.getKey()
                        + "' is not a modality of this pipeline; its modalities: "
                        + String.join(", ", names));
            }
            if (entry.getValue().isBlank()) {
                throw new UserInputException(config.where("experts") + ": modality '"
                        + entry.getKey() + "' has an empty expert name");
            }
        }
        List<String> experts = new ArrayList<>();
        for (String modality : names) {
            String expert = mapping.getOrDefault(modality, modality);
            if (RESERVED.contains(expert)) {
                throw new UserInputException(config.where("experts") + ": modality '" + modality
                        + "' would use an expert named '" + expert + "', a name kept for the"
                        + " freeze option; map it to another name");
            }
            experts.add(expert);
        }
        String cls = config.getString("clsExpert");
        if (cls.isBlank()) {
            return ExpertRouting.of(experts, experts.get(0));
        }
        if (!experts.contains(cls)) {
            throw new UserInputException(config.where("clsExpert") + ": no expert '" + cls
                    + "'; the experts: " + String.join(", ", distinct(experts)));
        }
        return ExpertRouting.of(experts, cls);
    }

    /** Reads {@code freeze}: expert names, {@value #SHARED} and {@value #ATTENTION}. */
    private static List<String> frozen(ComponentConfig config, ExpertRouting routing,
            int sharedFfnFrom, int layers) {
        List<String> names = config.getStringList("freeze");
        for (String name : names) {
            if (name.equals(SHARED)) {
                if (sharedFfnFrom == layers) {
                    throw new UserInputException(config.where("freeze") + ": '" + SHARED
                            + "' but no layer uses the shared expert; set sharedFfnFrom below"
                            + " layers (" + layers + ")");
                }
            } else if (routing.experts().contains(name)) {
                if (sharedFfnFrom == 0) {
                    throw new UserInputException(config.where("freeze") + ": expert '" + name
                            + "' but every layer uses the shared expert (sharedFfnFrom = 0)");
                }
            } else if (!name.equals(ATTENTION)) {
                throw new UserInputException(config.where("freeze") + ": unknown entry '" + name
                        + "'; expected an expert (" + String.join(", ", routing.experts())
                        + "), '" + SHARED + "' or '" + ATTENTION + "'");
            }
        }
        return names;
    }

    private static List<String> distinct(List<String> names) {
        return names.stream().distinct().toList();
    }
}
