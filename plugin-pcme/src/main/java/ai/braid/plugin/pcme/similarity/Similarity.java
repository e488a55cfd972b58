package ai.braid.plugin.pcme.similarity;

import ai.djl.ndarray.NDArray;
import java.util.Optional;

/**
 * Scores every query embedding against every gallery embedding; higher means more similar.
 *
 * <p>Implementations are batched array computations on the device of the inputs, so a caller
 * bounds memory by scoring a chunk of queries at a time.
 */
public interface Similarity {

    /**
     * Returns the name a pipeline or command line chooses this similarity by, e.g. {@code
     * "csd"}.
     *
     * @return the name
     */
    String name();

    /**
     * Returns whether this similarity reads sigma, so deterministic embeddings cannot use it.
     *
     * @return true if it needs {@link GaussianSet#logSigma()}
     */
    boolean needsSigma();

    /**
     * Scores queries against a gallery.
     *
     * @param queries Q embeddings (Q, D)
     * @param gallery G embeddings (G, D)
     * @return (Q, G) similarities, float32, owned by the queries' manager
     * @throws ai.braid.api.UserInputException if the dimensions differ, or sigma is needed
     *     and missing
     */
    NDArray score(GaussianSet queries, GaussianSet gallery);

    /**
     * Returns the similarity as a Euclidean distance between augmented vectors, if it has one,
     * so an index can search it exactly rather than through the means' nearest neighbours.
     *
     * @return the form, or empty (the default)
     */
    default Optional<EuclideanForm> euclideanForm() {
        return Optional.empty();
    }
}
