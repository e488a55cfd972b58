package ai.braid.plugin.pcme.objective;

import ai.braid.api.UserInputException;
import java.util.Arrays;
import java.util.Locale;

/**
 * How {@link SoftContrastiveLoss} reduces its B x B pairs, and with it every term it returns.
 *
 * <p>{@link #SUM} is the PCME reference code's loss. {@link #MEAN} divides every term (the
 * contrastive sum, the KL and the uniformity) by B^2, so the balance between the terms, and
 * with it the weights the paper tuned (vibBeta, uniformity), stays exactly as in the reference;
 * only the loss's scale changes. Under Adam the two train alike; they differ where an absolute
 * scale matters: SGD's learning rate and a gradient-norm clip (the reference clips at 2 on the
 * summed loss).
 */
public enum PairReduction {

    /** Sum over all B x B pairs, as the reference code does. */
    SUM,
    /** The sum divided by B^2: a per-pair scale that does not grow with the batch. */
    MEAN;

    /**
     * Returns the reduction of the given name.
     *
     * @param name "sum" or "mean", in any case
     * @return the reduction
     * @throws UserInputException if the name is neither
     */
    public static PairReduction of(String name) {
        for (PairReduction reduction : values()) {
            if (reduction.toString().equals(name.toLowerCase(Locale.ROOT))) {
                return reduction;
            }
        }
        throw new UserInputException("reduction must be one of " + Arrays.toString(values())
                + ", got '" + name + "'");
    }

    /**
     * Returns the factor that turns the summed loss into this reduction.
     *
     * @param batch the batch size B
     * @return 1 for sum, 1 / B^2 for mean
     */
    public float scale(long batch) {
        return this == SUM ? 1f : (float) (1.0 / ((double) batch * batch));
    }

    /**
     * Returns the name pipelines use.
     *
     * @return "sum" or "mean"
     */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
