package ai.braid.plugin.pcme.index;

import java.util.Arrays;
import java.util.Objects;

/**
 * The top-k gallery items of every query of one search, best first.
 *
 * <p>Immutable: the arrays are copied in and out. Scores are those of the index's final
 * {@link ai.braid.plugin.pcme.similarity.Similarity} (higher = more similar), so hits of an
 * exact and an approximate index over the same gallery compare directly.
 */
public final class SearchHits {

    private final int[][] ids;
    private final float[][] scores;

    /**
     * Creates the hits of Q queries.
     *
     * @param ids (Q, k) gallery row indices per query, best first
     * @param scores (Q, k) their similarities, non-increasing along each row
     * @throws IllegalArgumentException if the two disagree in shape or a row is not sorted
     */
    public SearchHits(int[][] ids, float[][] scores) {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(scores, "scores");
        if (ids.length != scores.length) {
            throw new IllegalArgumentException("expected ids and scores for the same number of"
                    + " queries, got " + ids.length + " and " + scores.length);
        }
        this.ids = new int[ids.length][];
        this.scores = new float[ids.length][];
        for (int q = 0; q < ids.length; q++) {
            if (ids[q].length != scores[q].length) {
                throw new IllegalArgumentException("query " + q + ": " + ids[q].length
                        + " ids but " + scores[q].length + " scores");
            }
            for (int r = 1; r < scores[q].length; r++) {
                if (scores[q][r] > scores[q][r - 1]) {
                    throw new IllegalArgumentException("query " + q
                            + ": scores must be sorted best first, got "
                            + Arrays.toString(scores[q]));
                }
            }
            this.ids[q] = ids[q].clone();
            this.scores[q] = scores[q].clone();
        }
    }

    /**
     * Returns the number Q of queries.
     *
     * @return Q
     */
    public int queries() {
        return ids.length;
    }

    /**
     * Returns the gallery row indices found for one query.
     *
     * @param query the query's row, 0 to Q - 1
     * @return (k) gallery rows, best first (a copy)
     */
    public int[] ids(int query) {
        return ids[query].clone();
    }

    /**
     * Returns the similarities of the items found for one query.
     *
     * @param query the query's row, 0 to Q - 1
     * @return (k) similarities, best first, matching {@link #ids(int)} (a copy)
     */
    public float[] scores(int query) {
        return scores[query].clone();
    }

    /**
     * Returns the share of one query's hits that are among another search's hits for it:
     * recall@k of these hits against reference hits, k being the reference's length.
     *
     * @param query the query's row
     * @param reference the hits to compare with, e.g. an exact search's
     * @return |these ∩ reference| / |reference|, in [0, 1]
     * @throws IllegalArgumentException if the reference has no hits for the query or
     *     another number of queries
     */
    public double recall(int query, SearchHits reference) {
        Objects.requireNonNull(reference, "reference");
        if (reference.queries() != queries()) {
            throw new IllegalArgumentException("expected reference hits for " + queries()
                    + " queries, got " + reference.queries());
        }
        int[] expected = reference.ids[query];
        if (expected.length == 0) {
            throw new IllegalArgumentException("the reference has no hits for query " + query);
        }
        int[] found = ids[query].clone();
        Arrays.sort(found);
        int common = 0;
        for (int id : expected) {
            if (Arrays.binarySearch(found, id) >= 0) {
                common++;
            }
        }
        return (double) common / expected.length;
    }

    /**
     * Returns the mean recall over all queries (see {@link #recall(int, SearchHits)}).
     *
     * @param reference the hits to compare with
     * @return mean recall@k, in [0, 1]
     * @throws IllegalArgumentException if there are no queries or the counts differ
     */
    public double meanRecall(SearchHits reference) {
        if (queries() == 0) {
            throw new IllegalArgumentException("no queries to compare");
        }
        double sum = 0;
        for (int q = 0; q < queries(); q++) {
            sum += recall(q, reference);
        }
        return sum / queries();
    }
}
