package ai.braid.plugin.pcme.similarity;

import ai.braid.api.nn.Scalars;
import ai.djl.ndarray.NDArray;

/**
 * {@code "js"}: minus the symmetric Kullback-Leibler divergence (Jeffreys divergence) of two
 * diagonal Gaussians, {@code KL(q || g) + KL(g || q)}, which PCME's evaluation calls "JS":
 *
 * <pre>
 * KL(q || g) + KL(g || q) = 0.5 * sum_d [ (var_q + d) / var_g + (var_g + d) / var_q - 2 ],
 * d = (mu_q - mu_g)^2
 * </pre>
 *
 * <p>(It is not the Jensen-Shannon divergence, which has no closed form for Gaussians.)
 * Symmetric; identical Gaussians score 0, the maximum. Computed with matrix products as in
 * {@link KlSimilarity}, clamped at 0 against rounding.
 */
public final class SymmetricKlSimilarity extends GaussianSimilarity {

    /** The name this similarity is chosen by. */
    public static final String NAME = "js";

    /** Creates the similarity. */
    public SymmetricKlSimilarity() {
        super(NAME, true);
    }

    @Override
    NDArray compute(Moments queries, Moments gallery) {
        NDArray queryInverse = queries.inverseVariance();
        NDArray galleryInverse = gallery.inverseVariance();
        NDArray queryMu = queries.mu();
        NDArray galleryMu = gallery.mu();
        // sum_d (var_q + mu_q^2 - 2 mu_q mu_g + mu_g^2) / var_g, and the same with q, g swapped
        NDArray overGallery = queries.variance().add(queryMu.square())
                .matMul(galleryInverse.transpose())
                .sub(Scalars.mul(queryMu.matMul(galleryMu.mul(galleryInverse).transpose()), 2f))
                .add(PairwiseMath.columnSums(galleryMu.square().mul(galleryInverse)));
        NDArray overQuery = queryInverse
                .matMul(gallery.variance().add(galleryMu.square()).transpose())
                .sub(Scalars.mul(queryMu.mul(queryInverse).matMul(galleryMu.transpose()), 2f))
                .add(PairwiseMath.rowSums(queryMu.square().mul(queryInverse)));
        NDArray twice = PairwiseMath.plus(overGallery.add(overQuery), -2f * queries.dimension());
        return Scalars.maximum(Scalars.mul(twice, 0.5f), 0f).neg();
    }
}
