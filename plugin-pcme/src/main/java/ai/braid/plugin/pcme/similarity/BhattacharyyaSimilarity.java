package ai.braid.plugin.pcme.similarity;

import ai.braid.api.nn.Scalars;
import ai.djl.ndarray.NDArray;

/**
 * {@code "bhattacharyya"}: minus the Bhattacharyya distance of two diagonal Gaussians,
 *
 * <pre>
 * D_B = sum_d [ (mu_q - mu_g)^2 / (4 (var_q + var_g)) + 0.5 log((var_q + var_g) / (2 sigma_q sigma_g)) ]
 * </pre>
 *
 * <p>the standard form {@code 1/8 dmu^T S^-1 dmu + 1/2 log(det S / sqrt(det S_q det S_g))}
 * with {@code S = (S_q + S_g) / 2}. Symmetric; identical Gaussians score 0, the maximum.
 * Computed on bounded query blocks like {@link ElkSimilarity}.
 */
public final class BhattacharyyaSimilarity extends GaussianSimilarity {

    /** The name this similarity is chosen by. */
    public static final String NAME = "bhattacharyya";

    private static final float LOG_TWO = (float) Math.log(2);

    /** Creates the similarity. */
    public BhattacharyyaSimilarity() {
        super(NAME, true);
    }

    @Override
    NDArray compute(Moments queries, Moments gallery) {
        // D_B = 0.5 sum_d [d / (2 var_sum) + log var_sum] - 0.5 D log 2
        //       - 0.5 sum_d log sigma_q - 0.5 sum_d log sigma_g
        NDArray overlap = ElkSimilarity.overlapTerm(queries, gallery, 0.5f);
        NDArray logSigmas = PairwiseMath.rowSums(queries.logSigma())
                .add(PairwiseMath.columnSums(gallery.logSigma()));
        NDArray distance = PairwiseMath.plus(Scalars.mul(overlap.sub(logSigmas), 0.5f),
                -0.5f * LOG_TWO * queries.dimension());
        return distance.neg();
    }
}
