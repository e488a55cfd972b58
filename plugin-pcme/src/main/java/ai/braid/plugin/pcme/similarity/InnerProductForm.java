package ai.braid.plugin.pcme.similarity;

import java.util.Arrays;

/**
 * A similarity that ranks a query's gallery exactly as the inner product of two augmented
 * vectors does, so a maximum-inner-product index can search it without a proxy.
 *
 * <p>For the squared distance of the means, and PCME++'s closed-form sampled distance which
 * adds each side's total variance S = sum_d sigma_d^2,
 *
 * <pre>
 * -(||mu_q - mu_g||^2 + S_q + S_g) = 2 [mu_q, 1] . [mu_g, -(||mu_g||^2 + S_g) / 2] - ||mu_q||^2 - S_q
 * </pre>
 *
 * <p>and the last two terms are the same for every gallery item of one query.
 */
public final class InnerProductForm {

    private final boolean withVariance;

    /**
     * Creates the form.
     *
     * @param withVariance true for the closed-form sampled distance, false for the means alone
     */
    InnerProductForm(boolean withVariance) {
        this.withVariance = withVariance;
    }

    /**
     * Returns the width of the augmented vectors.
     *
     * @param dimension D of the embeddings
     * @return D + 1
     */
    public int width(int dimension) {
        return dimension + 1;
    }

    /**
     * Augments a query.
     *
     * @param mu (D) its mean
     * @return (D + 1) {@code [mu, 1]}
     */
    public float[] query(float[] mu) {
        float[] vector = Arrays.copyOf(mu, mu.length + 1);
        vector[mu.length] = 1f;
        return vector;
    }

    /**
     * Augments a gallery item.
     *
     * @param mu (D) its mean
     * @param logSigma (D) its log standard deviations; read only with variance
     * @return (D + 1) {@code [mu, -(||mu||^2 + S) / 2]}
     */
    public float[] gallery(float[] mu, float[] logSigma) {
        double offset = 0;
        for (int d = 0; d < mu.length; d++) {
            offset += (double) mu[d] * mu[d];
            if (withVariance) {
                offset += Math.exp(2.0 * logSigma[d]);
            }
        }
        float[] vector = Arrays.copyOf(mu, mu.length + 1);
        vector[mu.length] = (float) (-offset / 2);
        return vector;
    }

    /**
     * Returns whether the gallery vectors read sigma.
     *
     * @return true for the closed-form sampled distance
     */
    public boolean readsSigma() {
        return withVariance;
    }
}
