package ai.braid.plugin.pcme.similarity;

import ai.braid.api.nn.PairwiseDistances;
import ai.djl.ndarray.NDArray;

/**
 * {@code "wasserstein"}: minus the squared 2-Wasserstein distance of two diagonal Gaussians,
 * {@code -sum_d [(mu_q - mu_g)^2 + (sigma_q - sigma_g)^2]}.
 *
 * <p>Symmetric; identical Gaussians score 0, the maximum.
 */
public final class WassersteinSimilarity extends GaussianSimilarity {

    /** The name this similarity is chosen by. */
    public static final String NAME = "wasserstein";

    /** Creates the similarity. */
    public WassersteinSimilarity() {
        super(NAME, true);
    }

    @Override
    NDArray compute(Moments queries, Moments gallery) {
        NDArray means = PairwiseDistances.squared(queries.mu(), gallery.mu());
        NDArray sigmas = PairwiseDistances.squared(queries.sigma(), gallery.sigma());
        return means.add(sigmas).neg();
    }
}
