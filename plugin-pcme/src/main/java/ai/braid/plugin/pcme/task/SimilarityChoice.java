package ai.braid.plugin.pcme.task;

import ai.braid.plugin.pcme.similarity.MatchProbabilityParameters;
import ai.braid.plugin.pcme.similarity.Similarities;
import ai.braid.plugin.pcme.similarity.Similarity;
import java.util.Objects;

/**
 * The test-time similarity a pipeline chose, resolved once the trained match scalars are
 * known: the match probability scores with the model's learned a and b, not their initial
 * values.
 *
 * @param name one of {@link Similarities#names()}
 * @param samples J, Monte-Carlo samples per embedding for the match probability
 * @param seed seed of those samples
 */
record SimilarityChoice(String name, int samples, long seed) {

    SimilarityChoice {
        Objects.requireNonNull(name, "name");
    }

    /** Returns whether the similarity needs sigma, checked when the pipeline is built. */
    boolean needsSigma() {
        return resolve(1f, 0f).needsSigma();
    }

    /**
     * Returns the similarity.
     *
     * @param scale the trained a of the match logit
     * @param shift the trained b
     * @return the similarity
     */
    Similarity resolve(float scale, float shift) {
        return Similarities.of(name, new MatchProbabilityParameters(scale, shift, samples, seed));
    }
}
