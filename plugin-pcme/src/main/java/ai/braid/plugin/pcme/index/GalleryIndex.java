package ai.braid.plugin.pcme.index;

import ai.braid.plugin.pcme.similarity.GaussianSet;
import ai.braid.plugin.pcme.similarity.Similarity;

/**
 * A searchable gallery of Gaussian embeddings: returns every query's k most similar gallery
 * items under a {@link Similarity}.
 *
 * <p>Gallery items are named by their row in the {@link GaussianSet} the index was built
 * from. Closing the index frees what the index made (search structures, files); the gallery's
 * arrays stay with their owner.
 */
public interface GalleryIndex extends AutoCloseable {

    /**
     * Returns the number G of gallery items.
     *
     * @return G
     */
    long size();

    /**
     * Returns the embedding dimension D.
     *
     * @return D
     */
    long dimension();

    /**
     * Returns the similarity the final scores are computed with.
     *
     * @return the similarity
     */
    Similarity similarity();

    /**
     * Finds every query's k most similar gallery items.
     *
     * @param queries Q query embeddings (Q, D), on any device; with sigma if the similarity
     *     needs it
     * @param k hits per query, 1 to G
     * @return (Q, k) gallery rows and their similarities, best first
     * @throws ai.braid.api.UserInputException if k is out of range, D differs from the
     *     gallery's, or sigma is needed and missing
     */
    SearchHits search(GaussianSet queries, int k);

    /** Frees what the index made; the gallery's arrays are not closed. */
    @Override
    void close();
}
