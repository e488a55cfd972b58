package ai.braid.plugin.pcme.similarity;

import ai.braid.api.nn.PairwiseDistances;
import ai.djl.ndarray.NDArray;
import java.util.Optional;

/**
 * {@code "mu"}: minus the squared Euclidean distance of the means, {@code -||mu_q - mu_g||^2}.
 *
 * <p>Ignores sigma, so it scores deterministic embeddings too; it is the baseline that shows
 * what the probabilistic similarities add.
 */
public final class MuSimilarity extends GaussianSimilarity {

    /** The name this similarity is chosen by. */
    public static final String NAME = "mu";

    /** Creates the similarity. */
    public MuSimilarity() {
        super(NAME, false);
    }

    @Override
    NDArray compute(Moments queries, Moments gallery) {
        return PairwiseDistances.squared(queries.mu(), gallery.mu()).neg();
    }

    @Override
    public Optional<EuclideanForm> euclideanForm() {
        return Optional.of(new EuclideanForm(false));
    }
}
