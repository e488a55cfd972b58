package ai.braid.plugin.pcme.similarity;

import ai.braid.api.nn.PairwiseDistances;
import ai.djl.ndarray.NDArray;
import java.util.Optional;

/**
 * {@code "csd"}: minus PCME++'s closed-form sampled distance, {@code -[||mu_q - mu_g||^2 +
 * sum_d (sigma_q^2 + sigma_g^2)]}.
 *
 * <p>The CSD is the expected squared distance {@code E||z_q - z_g||^2} of independent samples
 * of the two Gaussians, so it needs no sampling. Symmetric; unlike a distance it is not 0 for
 * identical Gaussians, which score {@code -2 sum_d sigma^2}: uncertain items rank lower.
 */
public final class CsdSimilarity extends GaussianSimilarity {

    /** The name this similarity is chosen by. */
    public static final String NAME = "csd";

    /** Creates the similarity. */
    public CsdSimilarity() {
        super(NAME, true);
    }

    @Override
    NDArray compute(Moments queries, Moments gallery) {
        NDArray means = PairwiseDistances.squared(queries.mu(), gallery.mu());
        return means.add(PairwiseMath.rowSums(queries.variance()))
                .add(PairwiseMath.columnSums(gallery.variance()))
                .neg();
    }

    @Override
    public Optional<EuclideanForm> euclideanForm() {
        return Optional.of(new EuclideanForm(true));
    }
}
