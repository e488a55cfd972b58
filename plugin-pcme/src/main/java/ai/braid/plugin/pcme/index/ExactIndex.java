package ai.braid.plugin.pcme.index;

import ai.braid.api.UserInputException;
import ai.braid.plugin.pcme.similarity.GaussianSet;
import ai.braid.plugin.pcme.similarity.Similarity;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.Objects;

/**
 * Exact search: scores every query against every gallery item with the {@link Similarity} on
 * the gallery's device and keeps the top k of each row.
 *
 * <p>Queries are scored a chunk at a time, so one search holds at most a (chunk, G) score
 * matrix (and the similarity's intermediates of that size); only the (chunk, k) top-k values
 * and rows come back to Java. The gallery's arrays stay owned by the caller and must stay open
 * while the index is used. A search is not meant to run concurrently with another on the same
 * index.
 *
 * <pre>{@code
 * try (GalleryIndex index = ExactIndex.builder().setGallery(gallery).setSimilarity(csd).build()) {
 *     SearchHits hits = index.search(queries, 10);
 * }
 * }</pre>
 */
public final class ExactIndex implements GalleryIndex {

    /** Scores held at once by default: 2^24 floats (64 MiB) per (chunk, G) matrix. */
    public static final long DEFAULT_SCORE_BUDGET = 1L << 24;

    private final GaussianSet gallery;
    private final Similarity similarity;
    private final int queryChunk;

    private ExactIndex(Builder builder) {
        this.gallery = builder.gallery;
        this.similarity = builder.similarity;
        long chunk = builder.queryChunk > 0
                ? builder.queryChunk
                : Math.max(1, DEFAULT_SCORE_BUDGET / gallery.size());
        this.queryChunk = (int) Math.min(chunk, 4096);
    }

    /**
     * Starts a configuration; the gallery and the similarity are required.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public long size() {
        return gallery.size();
    }

    @Override
    public long dimension() {
        return gallery.dimension();
    }

    @Override
    public Similarity similarity() {
        return similarity;
    }

    /**
     * Returns the number of queries scored at once.
     *
     * @return the chunk size
     */
    public int queryChunk() {
        return queryChunk;
    }

    @Override
    public SearchHits search(GaussianSet queries, int k) {
        IndexSupport.checkSearch(this, queries, k);
        int count = (int) queries.size();
        int[][] ids = new int[count][];
        float[][] scores = new float[count][];
        for (int from = 0; from < count; from += queryChunk) {
            int to = Math.min(count, from + queryChunk);
            try (NDManager chunk = gallery.mu().getManager().newSubManager()) {
                GaussianSet part = IndexSupport.rowsOn(queries, from, to, chunk);
                NDArray score = similarity.score(part, gallery);
                score.attach(chunk);
                NDList top = score.topK(k, 1, true, true);
                top.attach(chunk);
                float[] values = top.get(0).toFloatArray();
                long[] rows = top.get(1).toLongArray();
                for (int q = from; q < to; q++) {
                    int offset = (q - from) * k;
                    ids[q] = new int[k];
                    scores[q] = new float[k];
                    for (int r = 0; r < k; r++) {
                        ids[q][r] = (int) rows[offset + r];
                        scores[q][r] = values[offset + r];
                    }
                }
            }
        }
        return new SearchHits(ids, scores);
    }

    /** Holds nothing of its own: the gallery belongs to the caller. */
    @Override
    public void close() {}

    /** Configures an {@link ExactIndex}. */
    public static final class Builder {

        private GaussianSet gallery;
        private Similarity similarity;
        private int queryChunk;

        private Builder() {}

        /**
         * Sets the gallery, on the device the scoring should run on.
         *
         * @param gallery G embeddings (G, D), kept by reference (not copied, not closed)
         * @return this builder
         */
        public Builder setGallery(GaussianSet gallery) {
            this.gallery = Objects.requireNonNull(gallery, "gallery");
            return this;
        }

        /**
         * Sets the similarity that ranks the gallery.
         *
         * @param similarity the similarity
         * @return this builder
         */
        public Builder setSimilarity(Similarity similarity) {
            this.similarity = Objects.requireNonNull(similarity, "similarity");
            return this;
        }

        /**
         * Sets how many queries are scored at once; bounds memory at (chunk, G) scores.
         *
         * @param queryChunk 1 or more; by default {@link #DEFAULT_SCORE_BUDGET} / G (at
         *     least 1, at most 4096)
         * @return this builder
         * @throws UserInputException if the chunk is below 1
         */
        public Builder optQueryChunk(int queryChunk) {
            if (queryChunk < 1) {
                throw new UserInputException("the query chunk must be 1 or more, got "
                        + queryChunk);
            }
            this.queryChunk = queryChunk;
            return this;
        }

        /**
         * Builds the index.
         *
         * @return the index
         * @throws UserInputException if the gallery is empty or lacks the sigma the similarity
         *     needs
         * @throws NullPointerException if the gallery or the similarity is not set
         */
        public ExactIndex build() {
            Objects.requireNonNull(gallery, "setGallery was not called");
            Objects.requireNonNull(similarity, "setSimilarity was not called");
            IndexSupport.checkGallery(gallery, similarity);
            return new ExactIndex(this);
        }
    }
}
