package ai.braid.api.nn;

/** Where a transformer layer puts its layer normalisations relative to the residual sums. */
public enum NormPlacement {

    /**
     * Pre-LN: {@code x = x + f(LN(x))}. The residual stream is never normalised, so a stack
     * usually ends with one final LayerNorm; trains stably without warm-up.
     */
    PRE,

    /**
     * Post-LN (Vaswani, BERT): {@code x = LN(x + f(x))}. Every layer output has zero mean and
     * unit variance over the feature axis (before the LayerNorm's own scale and shift).
     */
    POST
}
