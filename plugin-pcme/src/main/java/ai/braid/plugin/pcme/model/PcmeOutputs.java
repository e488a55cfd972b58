package ai.braid.plugin.pcme.model;

/**
 * Names of the arrays the PCME head outputs, read by the plugin's objectives and metrics.
 *
 * <p>The two modalities of a retrieval pair are called a and b (a is the first of the task's
 * {@code modalities}, usually the image).
 */
public final class PcmeOutputs {

    /** Means of a (B, D), unit length. */
    public static final String MU_A = "mu_a";
    /** Means of b (B, D), unit length. */
    public static final String MU_B = "mu_b";
    /** Log standard deviations of a (B, D); probabilistic heads only. */
    public static final String LOG_SIGMA_A = "logsigma_a";
    /** Log standard deviations of b (B, D); probabilistic heads only. */
    public static final String LOG_SIGMA_B = "logsigma_b";
    /** Monte-Carlo samples of a (B, J, D); probabilistic heads only. */
    public static final String SAMPLES_A = "samples_a";
    /** Monte-Carlo samples of b (B, J, D); probabilistic heads only. */
    public static final String SAMPLES_B = "samples_b";
    /** The negative scale a of the match logit (1); probabilistic heads only. */
    public static final String SCALE = "pcme_a";
    /** The shift b of the match logit (1); probabilistic heads only. */
    public static final String SHIFT = "pcme_b";

    private PcmeOutputs() {}
}
