package ai.braid.plugin.pcme.objective;

import ai.braid.plugin.pcme.model.PcmeOutputs;

/**
 * The names of the model outputs a PCME objective reads: both modalities' Gaussians and the
 * match logit's a and b.
 *
 * @param muA image means (B, D)
 * @param logSigmaA image log standard deviations (B, D)
 * @param muB text means (B, D); row i matches row i of muA
 * @param logSigmaB text log standard deviations (B, D)
 * @param negativeScale the learnable negative scale a (1)
 * @param shift the learnable shift b (1)
 */
public record GaussianPairOutputs(String muA, String logSigmaA, String muB, String logSigmaB,
        String negativeScale, String shift) {

    /** The names the pcme-retrieval head gives its outputs ({@link PcmeOutputs}). */
    public static final GaussianPairOutputs DEFAULT = new GaussianPairOutputs(PcmeOutputs.MU_A,
            PcmeOutputs.LOG_SIGMA_A, PcmeOutputs.MU_B, PcmeOutputs.LOG_SIGMA_B,
            PcmeOutputs.SCALE, PcmeOutputs.SHIFT);

    /**
     * Checks the names.
     *
     * @throws ai.braid.api.UserInputException if a name is null or blank
     */
    public GaussianPairOutputs {
        Outputs.name(muA, "muA");
        Outputs.name(logSigmaA, "logSigmaA");
        Outputs.name(muB, "muB");
        Outputs.name(logSigmaB, "logSigmaB");
        Outputs.name(negativeScale, "negativeScale");
        Outputs.name(shift, "shift");
    }

    MatchLogits matchLogits() {
        return new MatchLogits(negativeScale, shift);
    }

    VibKl kl(String objective) {
        return new VibKl(objective, muA, logSigmaA, muB, logSigmaB);
    }
}
