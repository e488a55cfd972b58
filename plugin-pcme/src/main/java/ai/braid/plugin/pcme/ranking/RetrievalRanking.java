package ai.braid.plugin.pcme.ranking;

import ai.braid.api.UserInputException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Accumulates retrieval metrics over a (Q, G) score matrix fed one query row at a time, so the
 * scores can be computed on a device a chunk of queries at a time and copied out.
 *
 * <p>Reported (all as fractions in [0, 1], see {@link RetrievalResult}):
 *
 * <ul>
 *   <li><b>Recall@K</b> (PCME / COCO): a query's rank is the best rank of any of its
 *       ground-truth items, counted as the number of non-relevant items scored strictly
 *       higher than that item, so <b>ties count in the query's favour</b>; R@K is the share of
 *       queries with rank &lt; K. A query given only a class has its class's items as ground
 *       truth (CUB's R@K).
 *   <li><b>R-Precision</b> and <b>mAP@R</b> (CUB), with gallery classes: the relevant items are
 *       those of the query's class and R is their number; {@code RP = (#relevant in the top
 *       R) / R} and {@code mAP@R = (1/R) sum_{k <= R} P@k * rel_k}. Queries whose class has no
 *       gallery item are left out.
 *   <li><b>PMRP</b> (plausible-match R-Precision, PCME / COCO), with gallery label sets: an item
 *       is a plausible match at threshold zeta if the Hamming distance of its and the query's
 *       multi-hot label vectors (the size of the symmetric difference of the sets) is at most
 *       zeta; R is the number of plausible items in the gallery and {@code RP = (#plausible in
 *       the top R) / R}. PMRP is the mean over the thresholds (default 0, 1, 2) of the mean
 *       over queries. As COCO's PMRP drops images without instances, queries with an empty
 *       label set are left out, gallery items with an empty label set are never plausible, and
 *       a query with R = 0 at a threshold is left out at that threshold.
 * </ul>
 *
 * <p>The ranked list of R-Precision, mAP@R and PMRP sorts by score descending and breaks <b>ties
 * by gallery index</b>, ascending (a stable sort). Not thread-safe.
 */
public final class RetrievalRanking {

    private final int gallerySize;
    private final int[] recallKs;
    private final int[] galleryClasses;
    private final Map<Integer, Integer> classSizes;
    private final int[][] galleryLabels;
    private final int[] thresholds;

    private final long[] recallHits;
    private int[] ranks = new int[64];
    private int queryCount;
    private double precisionSum;
    private double averagePrecisionSum;
    private int classQueries;
    private final double[] plausibleSums;
    private final int[] plausibleQueries;

    private final long[] sortKeys;
    private final int[] order;
    private final int[] distances;

    private RetrievalRanking(Builder builder) {
        this.gallerySize = builder.gallerySize;
        this.recallKs = builder.recallKs;
        this.galleryClasses = builder.galleryClasses;
        this.galleryLabels = builder.galleryLabels;
        this.thresholds = builder.thresholds;
        this.recallHits = new long[recallKs.length];
        this.plausibleSums = new double[thresholds.length];
        this.plausibleQueries = new int[thresholds.length];
        this.classSizes = new HashMap<>();
        if (galleryClasses != null) {
            for (int c : galleryClasses) {
                classSizes.merge(c, 1, Integer::sum);
            }
        }
        boolean ranked = galleryClasses != null || galleryLabels != null;
        this.sortKeys = ranked ? new long[gallerySize] : null;
        this.order = ranked ? new int[gallerySize] : null;
        this.distances = galleryLabels != null ? new int[gallerySize] : null;
    }

    /**
     * Starts a ranking over a gallery of G items, reporting Recall@1, 5, 10 only until gallery
     * classes or labels are given.
     *
     * @param gallerySize G, at least 1
     * @return a builder
     * @throws UserInputException if G is below 1
     */
    public static Builder builder(int gallerySize) {
        return new Builder(gallerySize);
    }

    /**
     * Returns the gallery size.
     *
     * @return G
     */
    public int gallerySize() {
        return gallerySize;
    }

    /**
     * Returns how many queries were added.
     *
     * @return the count
     */
    public int queryCount() {
        return queryCount;
    }

    /**
     * Adds one query.
     *
     * @param scores the query's G scores over the gallery, higher = more similar
     * @param relevance its ground truth, class and labels, as this ranking was built to read
     * @throws UserInputException if the row is not G finite-or-infinite numbers (NaN is
     *     rejected) or the relevance does not fit the gallery or the configured metrics; the
     *     ranking is then unchanged
     */
    public void add(float[] scores, QueryRelevance relevance) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(relevance, "relevance");
        if (scores.length != gallerySize) {
            throw new UserInputException("query " + queryCount + ": the score row has "
                    + scores.length + " values, the gallery has " + gallerySize + " items");
        }
        add(scores, 0, relevance);
    }

    /**
     * Adds a chunk of queries, e.g. a (n, G) score block copied from a device.
     *
     * @param scores n x G scores, row-major: query i's row is {@code [i G, (i + 1) G)}
     * @param relevances the n queries' relevance, in row order
     * @throws UserInputException if the array is not n x G or a row or relevance is invalid;
     *     the rows before the invalid one stay added
     */
    public void addRows(float[] scores, List<QueryRelevance> relevances) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(relevances, "relevances");
        if ((long) relevances.size() * gallerySize != scores.length) {
            throw new UserInputException("a chunk of " + relevances.size() + " queries over "
                    + gallerySize + " gallery items needs " + (long) relevances.size()
                    * gallerySize + " scores, got " + scores.length);
        }
        for (int i = 0; i < relevances.size(); i++) {
            add(scores, i * gallerySize, Objects.requireNonNull(relevances.get(i), "relevance"));
        }
    }

    /**
     * Returns the metrics of the queries added so far.
     *
     * @return the result; this ranking may go on accumulating
     */
    public RetrievalResult result() {
        double[] recall = new double[recallKs.length];
        for (int i = 0; i < recall.length; i++) {
            recall[i] = queryCount == 0 ? Double.NaN : (double) recallHits[i] / queryCount;
        }
        // without gallery labels no threshold is reported
        int[] reported = galleryLabels == null ? new int[0] : thresholds;
        double[] plausible = new double[reported.length];
        for (int i = 0; i < reported.length; i++) {
            plausible[i] = plausibleQueries[i] == 0 ? Double.NaN
                    : plausibleSums[i] / plausibleQueries[i];
        }
        return new RetrievalResult(queryCount, recallKs, recall,
                classQueries == 0 ? Double.NaN : precisionSum / classQueries,
                classQueries == 0 ? Double.NaN : averagePrecisionSum / classQueries,
                classQueries, reported, plausible,
                Arrays.copyOf(plausibleQueries, reported.length),
                Arrays.copyOf(ranks, queryCount));
    }

    private void add(float[] scores, int offset, QueryRelevance relevance) {
        check(scores, offset, relevance);
        int rank = bestRank(scores, offset, relevance);
        if (queryCount == ranks.length) {
            ranks = Arrays.copyOf(ranks, ranks.length * 2);
        }
        ranks[queryCount++] = rank;
        for (int i = 0; i < recallKs.length; i++) {
            if (rank < recallKs[i]) {
                recallHits[i]++;
            }
        }
        if (order == null) {
            return;
        }
        sort(scores, offset);
        if (galleryClasses != null) {
            addClassPrecision(relevance.classId().getAsInt());
        }
        if (galleryLabels != null && relevance.labelsView().length > 0) {
            addPlausiblePrecision(relevance.labelsView());
        }
    }

    private void check(float[] scores, int offset, QueryRelevance relevance) {
        for (int i = 0; i < gallerySize; i++) {
            if (Float.isNaN(scores[offset + i])) {
                throw new UserInputException("query " + queryCount + ": the score of gallery "
                        + "item " + i + " is NaN");
            }
        }
        int[] matches = relevance.matchesView();
        if (matches.length > 0 && matches[matches.length - 1] >= gallerySize) {
            throw new UserInputException("query " + queryCount + ": ground-truth item "
                    + matches[matches.length - 1] + " is outside the gallery of " + gallerySize
                    + " items");
        }
        if (relevance.classId().isPresent() != (galleryClasses != null)) {
            throw new UserInputException("query " + queryCount + (galleryClasses == null
                    ? " has a class, but the ranking was built without gallery classes"
                    : " has no class, but the ranking has gallery classes (use withClass)"));
        }
        if (relevance.hasLabels() != (galleryLabels != null)) {
            throw new UserInputException("query " + queryCount + (galleryLabels == null
                    ? " has labels, but the ranking was built without gallery labels"
                    : " has no labels, but the ranking has gallery labels (use withLabels; an "
                            + "empty set leaves the query out of PMRP)"));
        }
    }

    /** Non-relevant items scored strictly above the best-scored relevant item. */
    private int bestRank(float[] scores, int offset, QueryRelevance relevance) {
        int[] matches = relevance.matchesView();
        boolean byClass = matches.length == 0;
        int classId = byClass ? relevance.classId().getAsInt() : 0;
        float best = Float.NEGATIVE_INFINITY;
        boolean found = !byClass;
        for (int match : matches) {
            best = Math.max(best, scores[offset + match]);
        }
        for (int i = 0; byClass && i < gallerySize; i++) {
            if (galleryClasses[i] == classId) {
                best = Math.max(best, scores[offset + i]);
                found = true;
            }
        }
        if (!found) {
            throw new UserInputException("query " + queryCount + ": no gallery item has its class "
                    + classId + ", so it has no ground truth for Recall@K");
        }
        int rank = 0;
        int next = 0;
        for (int i = 0; i < gallerySize; i++) {
            boolean relevant;
            if (byClass) {
                relevant = galleryClasses[i] == classId;
            } else {
                relevant = next < matches.length && matches[next] == i;
                if (relevant) {
                    next++;
                }
            }
            if (!relevant && scores[offset + i] > best) {
                rank++;
            }
        }
        return rank;
    }

    /** Fills {@link #order} with gallery indices by score descending, ties by index. */
    private void sort(float[] scores, int offset) {
        for (int i = 0; i < gallerySize; i++) {
            sortKeys[i] = ((long) descendingKey(scores[offset + i]) << 32) | i;
        }
        Arrays.sort(sortKeys);
        for (int k = 0; k < gallerySize; k++) {
            order[k] = (int) sortKeys[k];
        }
    }

    /** An int whose ascending order is the score's descending order; -0 equals 0. */
    private static int descendingKey(float score) {
        int bits = Float.floatToIntBits(score + 0.0f);
        int ascending = bits ^ ((bits >> 31) & 0x7fff_ffff);
        return ~ascending;
    }

    private void addClassPrecision(int classId) {
        int relevant = classSizes.getOrDefault(classId, 0);
        if (relevant == 0) {
            return;
        }
        int hits = 0;
        double averagePrecision = 0;
        for (int k = 0; k < relevant; k++) {
            if (galleryClasses[order[k]] == classId) {
                hits++;
                averagePrecision += (double) hits / (k + 1);
            }
        }
        precisionSum += (double) hits / relevant;
        averagePrecisionSum += averagePrecision / relevant;
        classQueries++;
    }

    private void addPlausiblePrecision(int[] queryLabels) {
        for (int i = 0; i < gallerySize; i++) {
            int[] labels = galleryLabels[i];
            distances[i] = labels.length == 0 ? Integer.MAX_VALUE
                    : LabelSets.hammingDistance(queryLabels, labels);
        }
        for (int t = 0; t < thresholds.length; t++) {
            int threshold = thresholds[t];
            int plausible = 0;
            for (int distance : distances) {
                if (distance <= threshold) {
                    plausible++;
                }
            }
            if (plausible == 0) {
                continue;
            }
            int hits = 0;
            for (int k = 0; k < plausible; k++) {
                if (distances[order[k]] <= threshold) {
                    hits++;
                }
            }
            plausibleSums[t] += (double) hits / plausible;
            plausibleQueries[t]++;
        }
    }

    /** Options of a {@link RetrievalRanking}. */
    public static final class Builder {

        private final int gallerySize;
        private int[] recallKs = {1, 5, 10};
        private int[] galleryClasses;
        private int[][] galleryLabels;
        private int[] thresholds = {0, 1, 2};

        private Builder(int gallerySize) {
            if (gallerySize < 1) {
                throw new UserInputException("a retrieval gallery needs at least 1 item, got "
                        + gallerySize);
            }
            this.gallerySize = gallerySize;
        }

        /**
         * Sets the cut-offs of Recall@K.
         *
         * @param ks one or more K &gt;= 1; default 1, 5, 10; reported in ascending order
         * @return this builder
         * @throws UserInputException if none is given or one is below 1
         */
        public Builder optRecallKs(int... ks) {
            this.recallKs = distinctSorted(ks, 1, "each K of Recall@K");
            return this;
        }

        /**
         * Sets the gallery items' classes, which turns on R-Precision and mAP@R; every query
         * then needs a class.
         *
         * @param classes G class ids, one per gallery item
         * @return this builder
         * @throws UserInputException if there are not G of them
         */
        public Builder optGalleryClasses(int[] classes) {
            Objects.requireNonNull(classes, "classes");
            if (classes.length != gallerySize) {
                throw new UserInputException("gallery classes must be one per gallery item ("
                        + gallerySize + "), got " + classes.length);
            }
            this.galleryClasses = classes.clone();
            return this;
        }

        /**
         * Sets the gallery items' label sets, which turns on PMRP; every query then needs a
         * label set.
         *
         * @param labels G label-id sets, each sorted ascending without repeats; an empty set
         *     is never a plausible match
         * @return this builder
         * @throws UserInputException if there are not G of them or one is not sorted
         */
        public Builder optGalleryLabels(int[][] labels) {
            Objects.requireNonNull(labels, "labels");
            if (labels.length != gallerySize) {
                throw new UserInputException("gallery label sets must be one per gallery item ("
                        + gallerySize + "), got " + labels.length);
            }
            int[][] copy = new int[gallerySize][];
            for (int i = 0; i < gallerySize; i++) {
                copy[i] = LabelSets.checked(labels[i], "the labels of gallery item " + i);
            }
            this.galleryLabels = copy;
            return this;
        }

        /**
         * Sets PMRP's Hamming-distance thresholds zeta.
         *
         * @param thresholds one or more zeta &gt;= 0; default 0, 1, 2 (PCME's)
         * @return this builder
         * @throws UserInputException if none is given or one is negative
         */
        public Builder optPlausibleThresholds(int... thresholds) {
            this.thresholds = distinctSorted(thresholds, 0, "each PMRP threshold");
            return this;
        }

        /**
         * Builds an empty ranking.
         *
         * @return the ranking
         */
        public RetrievalRanking build() {
            return new RetrievalRanking(this);
        }

        private static int[] distinctSorted(int[] values, int min, String what) {
            Objects.requireNonNull(values, what);
            if (values.length == 0) {
                throw new UserInputException(what + ": at least one value is needed");
            }
            for (int value : values) {
                if (value < min) {
                    throw new UserInputException(what + " must be >= " + min + ", got " + value);
                }
            }
            return Arrays.stream(values).sorted().distinct().toArray();
        }
    }
}
