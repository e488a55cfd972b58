package ai.braid.plugin.ssesf.pretrain;

import ai.braid.api.UserInputException;
import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.data.Modality;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The options of a fusion that turn on its pre-training passes ({@link PretrainingSettings}),
 * declared and read in one place:
 *
 * <pre>
 * fusion:
 *   name: multiway
 *   pretraining: [image, text]   # ITC pair; ITM swaps the text for a hard negative's
 *   mlm: text                    # masked language modelling on the text; empty: none
 *   mlmProbability: 0.15
 *   mlmSlots: 4
 * </pre>
 *
 * <p>Modalities are named by the pipeline; the settings hold their positions, so nothing
 * downstream reads a name.
 */
public final class PretrainingOptions {

    /** The pair of modalities; empty turns the passes off. */
    public static final String PAIR = "pretraining";
    /** The modality to mask. */
    public static final String MLM = "mlm";
    /** The share of maskable tokens masked. */
    public static final String MLM_PROBABILITY = "mlmProbability";
    /** K, masked-token slots per sample. */
    public static final String MLM_SLOTS = "mlmSlots";
    /** tau of the hard-negative draw. */
    public static final String NEGATIVE_TEMPERATURE = "negativeTemperature";
    /** How unimodal vectors are read. */
    public static final String UNIMODAL_POOLING = "unimodalPooling";

    private static final String MEAN = "mean";
    private static final String FIRST = "first";

    private PretrainingOptions() {}

    /**
     * Declares the options on a schema.
     *
     * @param schema the fusion's schema builder
     * @return the same builder
     */
    public static OptionSchema.Builder declare(OptionSchema.Builder schema) {
        return schema
                .addStringList(PAIR, List.of(), "two modalities [a, b] turn on the pre-training"
                        + " passes: unimodal vectors of every modality (ITC), a pass with each"
                        + " sample's b swapped for a hard negative's (ITM), and MLM; empty: off")
                .addString(MLM, "", "modality whose tokens are masked and predicted (masked"
                        + " language modelling); empty: none; needs " + PAIR)
                .addNumber(MLM_PROBABILITY, 0.15, 0.01, 1, "share of each sample's tokens,"
                        + " first and last excluded, that MLM masks (at least one)")
                .addInteger(MLM_SLOTS, 4, 1, 512, "K, the most tokens MLM masks per sample;"
                        + " the outputs have K slots per sample")
                .addNumber(NEGATIVE_TEMPERATURE, 0.07, 1e-3, 100, "tau of the softmax over"
                        + " unimodal cosine similarities from which ITM hard negatives are drawn")
                .addChoice(UNIMODAL_POOLING, MEAN, List.of(MEAN, FIRST), "unimodal vector of a"
                        + " modality: " + MEAN + " of its tokens, or its " + FIRST + " token"
                        + " (its own [CLS] when the projector emits one)");
    }

    /**
     * Reads the options.
     *
     * @param config the validated options
     * @param modalities the fusion's modalities in input order
     * @return the settings, or empty when {@value #PAIR} is empty
     * @throws UserInputException naming the option's YAML path if a modality is not one of the
     *     pipeline's, the pair is not two different modalities, or {@value #MLM} is set without
     *     a pair
     */
    public static Optional<PretrainingSettings> read(ComponentConfig config,
            List<Modality> modalities) {
        List<String> names = new ArrayList<>();
        modalities.forEach(modality -> names.add(modality.name()));
        List<String> pair = config.getStringList(PAIR);
        String mlm = config.getString(MLM);
        if (pair.isEmpty()) {
            if (!mlm.isBlank()) {
                throw new UserInputException(config.where(MLM) + ": masked language modelling"
                        + " runs with the pre-training passes; set " + PAIR + " to two"
                        + " modalities, e.g. [" + String.join(", ", names) + "]");
            }
            return Optional.empty();
        }
        if (pair.size() != 2 || pair.get(0).equals(pair.get(1))) {
            throw new UserInputException(config.where(PAIR) + ": expected two different"
                    + " modalities [a, b], got " + pair);
        }
        int first = position(config, PAIR, pair.get(0), names);
        int second = position(config, PAIR, pair.get(1), names);
        int masked = mlm.isBlank() ? PretrainingSettings.NO_MLM
                : position(config, MLM, mlm, names);
        return Optional.of(new PretrainingSettings(first, second, masked,
                config.getFloat(MLM_PROBABILITY), config.getInt(MLM_SLOTS),
                config.getFloat(NEGATIVE_TEMPERATURE),
                config.getString(UNIMODAL_POOLING).equals(FIRST)
                        ? PretrainingSettings.UnimodalPooling.FIRST
                        : PretrainingSettings.UnimodalPooling.MEAN));
    }

    private static int position(ComponentConfig config, String option, String name,
            List<String> names) {
        int position = names.indexOf(name);
        if (position < 0) {
            throw new UserInputException(config.where(option) + ": '" + name + "' is not a"
                    + " modality of this pipeline; its modalities: " + String.join(", ", names));
        }
        return position;
    }
}
