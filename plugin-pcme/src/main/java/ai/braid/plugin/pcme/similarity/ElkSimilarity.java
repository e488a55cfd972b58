package ai.braid.plugin.pcme.similarity;

import ai.braid.api.nn.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * {@code "elk"}: the log expected likelihood kernel of two diagonal Gaussians without its
 * constant, {@code -0.5 * sum_d [(mu_q - mu_g)^2 / (var_q + var_g) + log(var_q + var_g)]}.
 *
 * <p>It is {@code log integral N(x; q) N(x; g) dx} up to {@code -D/2 log(2 pi)}. Symmetric;
 * the maximum over g is not at g = q, since a narrower g raises the overlap.
 *
 * <p>The 1/(var_q + var_g) does not separate into matrix products, so this is computed on (b,
 * G, D) blocks of queries, each bounded to {@link PairwiseMath#BLOCK_ELEMENTS} elements.
 */
public final class ElkSimilarity extends GaussianSimilarity {

    /** The name this similarity is chosen by. */
    public static final String NAME = "elk";

    /** Creates the similarity. */
    public ElkSimilarity() {
        super(NAME, true);
    }

    @Override
    NDArray compute(Moments queries, Moments gallery) {
        NDArray sum = overlapTerm(queries, gallery, 1f);
        return Scalars.mul(sum, -0.5f);
    }

    /**
     * {@code sum_d [c * (mu_q - mu_g)^2 / (var_q + var_g) + log(var_q + var_g)]} of every pair,
     * shared with {@link BhattacharyyaSimilarity}.
     *
     * @param queries Q Gaussians
     * @param gallery G Gaussians
     * @param c the weight of the mean term
     * @return (Q, G)
     */
    static NDArray overlapTerm(Moments queries, Moments gallery, float c) {
        NDArray galleryMu = gallery.mu().expandDims(0);
        NDArray galleryVariance = gallery.variance().expandDims(0);
        return PairwiseMath.blocked(new NDList(queries.mu(), queries.variance()), gallery.size(),
                rows -> {
                    NDArray squared = rows.get(0).expandDims(1).sub(galleryMu).square();
                    NDArray total = rows.get(1).expandDims(1).add(galleryVariance);
                    return Scalars.mul(squared.div(total), c).add(total.log())
                            .sum(new int[] {2});
                });
    }
}
