package ai.braid.plugin.pcme;

import ai.braid.api.UserInputException;
import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.plugin.pcme.model.PcmeOutputs;
import ai.braid.plugin.pcme.objective.GaussianPairOutputs;
import ai.braid.plugin.pcme.objective.SoftContrastiveLoss;

/** The options the two PCME objectives share: the Gaussian outputs, a, b and vibBeta. */
final class ObjectiveOptions {

    private ObjectiveOptions() {}

    /**
     * Declares the output names of the Gaussians of both modalities and of a and b.
     *
     * @param schema the schema being built
     * @return the same builder
     */
    static OptionSchema.Builder addGaussianOutputs(OptionSchema.Builder schema) {
        return schema
                .addString("muA", PcmeOutputs.MU_A, "model output holding the image means"
                        + " (B, D)")
                .addString("logSigmaA", PcmeOutputs.LOG_SIGMA_A,
                        "model output holding the image log standard deviations (B, D)")
                .addString("muB", PcmeOutputs.MU_B, "model output holding the text means"
                        + " (B, D); row i matches row i of muA")
                .addString("logSigmaB", PcmeOutputs.LOG_SIGMA_B,
                        "model output holding the text log standard deviations (B, D)")
                .addString("negativeScale", PcmeOutputs.SCALE,
                        "model output holding the logit's learnable negative scale a (1)")
                .addString("shift", PcmeOutputs.SHIFT,
                        "model output holding the logit's learnable shift b (1)");
    }

    /**
     * Reads the options {@link #addGaussianOutputs} declares.
     *
     * @param config the options
     * @return the output names
     * @throws UserInputException if a value is blank
     */
    static GaussianPairOutputs gaussianOutputs(ComponentConfig config) {
        return new GaussianPairOutputs(name(config, "muA"), name(config, "logSigmaA"),
                name(config, "muB"), name(config, "logSigmaB"), name(config, "negativeScale"),
                name(config, "shift"));
    }

    /**
     * Declares the KL weight.
     *
     * @param schema the schema being built
     * @param description the option's line, which says how the KL is reduced
     * @return the same builder
     */
    static OptionSchema.Builder addVibBeta(OptionSchema.Builder schema, String description) {
        return schema.addNumber("vibBeta", (double) SoftContrastiveLoss.DEFAULT_VIB_BETA, 0, 1e6,
                description);
    }

    /**
     * Reads an option naming a model output.
     *
     * @param config the options
     * @param option the option's key
     * @return the name
     * @throws UserInputException if the value is blank
     */
    static String name(ComponentConfig config, String option) {
        String value = config.getString(option);
        if (value.isBlank()) {
            throw new UserInputException(config.where(option)
                    + ": expected the name of a model output, got an empty string");
        }
        return value;
    }
}
