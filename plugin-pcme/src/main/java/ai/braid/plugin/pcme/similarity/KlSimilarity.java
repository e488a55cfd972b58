package ai.braid.plugin.pcme.similarity;

import ai.braid.api.nn.Scalars;
import ai.djl.ndarray.NDArray;

/**
 * {@code "kl"}: minus the Kullback-Leibler divergence KL(query || gallery) of two diagonal
 * Gaussians, the standard closed form
 *
 * <pre>
 * KL(q || g) = 0.5 * sum_d [ var_q / var_g + (mu_q - mu_g)^2 / var_g - 1 + log var_g - log var_q ]
 * </pre>
 *
 * <p>Direction: the expectation is over the query's Gaussian, so a gallery item scores well
 * when it covers the query's mass; a broad gallery item is penalised less than a narrow one.
 * Not symmetric; identical Gaussians score 0, the maximum. (PCME's evaluation code writes its
 * "kl" without the 1/2 and the -1; this class follows the textbook form. For the other
 * direction, swap queries and gallery and transpose.)
 *
 * <p>The sum over d is expanded into matrix products ({@code (var_q + mu_q^2) . (1/var_g) - 2
 * mu_q . (mu_g/var_g)} plus per-item sums), so no (Q, G, D) array is formed; the result is
 * clamped at 0 against rounding.
 */
public final class KlSimilarity extends GaussianSimilarity {

    /** The name this similarity is chosen by. */
    public static final String NAME = "kl";

    /** Creates the similarity. */
    public KlSimilarity() {
        super(NAME, true);
    }

    @Override
    NDArray compute(Moments queries, Moments gallery) {
        NDArray inverse = gallery.inverseVariance();
        NDArray ratio = queries.variance().add(queries.mu().square()).matMul(inverse.transpose());
        NDArray cross = queries.mu().matMul(gallery.mu().mul(inverse).transpose());
        // log var = 2 log sigma
        NDArray galleryTerm = PairwiseMath.columnSums(gallery.mu().square().mul(inverse))
                .add(Scalars.mul(PairwiseMath.columnSums(gallery.logSigma()), 2f));
        NDArray queryTerm = Scalars.mul(PairwiseMath.rowSums(queries.logSigma()), 2f);
        NDArray twiceKl = ratio.sub(Scalars.mul(cross, 2f)).add(galleryTerm).sub(queryTerm);
        NDArray kl = Scalars.maximum(
                Scalars.mul(PairwiseMath.plus(twiceKl, -queries.dimension()), 0.5f), 0f);
        return kl.neg();
    }
}
