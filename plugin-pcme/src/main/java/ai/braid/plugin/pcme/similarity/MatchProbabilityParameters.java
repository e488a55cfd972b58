package ai.braid.plugin.pcme.similarity;

import ai.braid.api.UserInputException;

/**
 * The settings of {@link MatchProbabilitySimilarity}: PCME's learned match head and the
 * Monte-Carlo sampling.
 *
 * @param scale a in the pair logit {@code s = -a * ||z_q - z_g|| + b}; the trained model's
 *     value, positive
 * @param shift b in the pair logit; the trained model's value
 * @param samples J, the samples drawn per embedding; PCME uses 7
 * @param seed seeds the noise, so a score is reproducible
 */
public record MatchProbabilityParameters(float scale, float shift, int samples, long seed) {

    /** PCME's number of samples per embedding. */
    public static final int DEFAULT_SAMPLES = 7;

    /**
     * Checks the values.
     *
     * @throws UserInputException if the scale is not a positive finite number, the shift is not
     *     finite or the samples are fewer than 1
     */
    public MatchProbabilityParameters {
        if (!(scale > 0) || Float.isInfinite(scale)) {
            throw new UserInputException("match-prob needs a positive finite scale a, got "
                    + scale);
        }
        if (!Float.isFinite(shift)) {
            throw new UserInputException("match-prob needs a finite shift b, got " + shift);
        }
        if (samples < 1) {
            throw new UserInputException("match-prob needs at least 1 sample per embedding, got "
                    + samples);
        }
    }

    /**
     * PCME's J = 7 samples with seed 0.
     *
     * @param scale a, positive
     * @param shift b
     * @return the parameters
     */
    public static MatchProbabilityParameters of(float scale, float shift) {
        return new MatchProbabilityParameters(scale, shift, DEFAULT_SAMPLES, 0);
    }
}
