package ai.braid.plugin.pcme.ranking;

import ai.braid.api.UserInputException;
import ai.braid.api.data.MetricValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The metrics of a {@link RetrievalRanking}, as fractions in [0, 1], and every query's rank.
 * Immutable.
 */
public final class RetrievalResult {

    private final int queryCount;
    private final int[] recallKs;
    private final double[] recall;
    private final double rPrecision;
    private final double mapAtR;
    private final int classQueryCount;
    private final int[] thresholds;
    private final double[] plausiblePrecision;
    private final int[] plausibleQueryCounts;
    private final int[] ranks;

    RetrievalResult(int queryCount, int[] recallKs, double[] recall, double rPrecision,
            double mapAtR, int classQueryCount, int[] thresholds, double[] plausiblePrecision,
            int[] plausibleQueryCounts, int[] ranks) {
        this.queryCount = queryCount;
        this.recallKs = recallKs.clone();
        this.recall = recall.clone();
        this.rPrecision = rPrecision;
        this.mapAtR = mapAtR;
        this.classQueryCount = classQueryCount;
        this.thresholds = thresholds.clone();
        this.plausiblePrecision = plausiblePrecision.clone();
        this.plausibleQueryCounts = plausibleQueryCounts.clone();
        this.ranks = ranks.clone();
    }

    /**
     * Returns the number of queries.
     *
     * @return Q
     */
    public int queryCount() {
        return queryCount;
    }

    /**
     * Returns Recall@K for every configured K.
     *
     * @return K to the share of queries whose best ground-truth item ranks below K, K
     *     ascending; NaN values before any query
     */
    public Map<Integer, Double> recall() {
        Map<Integer, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < recallKs.length; i++) {
            values.put(recallKs[i], recall[i]);
        }
        return Collections.unmodifiableMap(values);
    }

    /**
     * Returns Recall@K.
     *
     * @param k a configured K
     * @return the share of queries with rank &lt; K
     * @throws UserInputException if K was not configured
     */
    public double recallAt(int k) {
        int i = Arrays.binarySearch(recallKs, k);
        if (i < 0) {
            throw new UserInputException("Recall@" + k + " was not computed; the ranking has K "
                    + Arrays.toString(recallKs));
        }
        return recall[i];
    }

    /**
     * Returns the mean R-Precision by class.
     *
     * @return the mean over queries whose class has gallery items; empty without gallery
     *     classes or such queries
     */
    public OptionalDouble rPrecision() {
        return classQueryCount == 0 ? OptionalDouble.empty() : OptionalDouble.of(rPrecision);
    }

    /**
     * Returns the mean mAP@R by class.
     *
     * @return the mean over queries whose class has gallery items; empty without gallery
     *     classes or such queries
     */
    public OptionalDouble mapAtR() {
        return classQueryCount == 0 ? OptionalDouble.empty() : OptionalDouble.of(mapAtR);
    }

    /**
     * Returns how many queries R-Precision and mAP@R averaged.
     *
     * @return the count
     */
    public int classQueryCount() {
        return classQueryCount;
    }

    /**
     * Returns PMRP: the mean over thresholds of {@link #plausiblePrecision()}.
     *
     * @return the mean over the thresholds that counted at least one query; empty without
     *     gallery labels or such thresholds
     */
    public OptionalDouble pmrp() {
        return Arrays.stream(plausiblePrecision).filter(v -> !Double.isNaN(v)).average();
    }

    /**
     * Returns the plausible-match R-Precision at each threshold.
     *
     * @return zeta (ascending) to the mean RP over the queries counted at zeta (NaN if none);
     *     empty without gallery labels
     */
    public Map<Integer, Double> plausiblePrecision() {
        Map<Integer, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < thresholds.length; i++) {
            values.put(thresholds[i], plausiblePrecision[i]);
        }
        return Collections.unmodifiableMap(values);
    }

    /**
     * Returns how many queries each threshold's plausible-match R-Precision averaged.
     *
     * @return zeta (ascending) to the count of queries with a non-empty label set and at least
     *     one plausible gallery item at zeta; empty without gallery labels
     */
    public Map<Integer, Integer> plausibleQueryCounts() {
        Map<Integer, Integer> values = new LinkedHashMap<>();
        for (int i = 0; i < thresholds.length; i++) {
            values.put(thresholds[i], plausibleQueryCounts[i]);
        }
        return Collections.unmodifiableMap(values);
    }

    /**
     * Returns every query's rank, in the order the queries were added: the number of
     * non-relevant gallery items scored strictly above its best ground-truth item (0 = hit at
     * 1).
     *
     * @return Q ranks
     */
    public int[] ranks() {
        return ranks.clone();
    }

    /**
     * Returns which queries miss at K, e.g. the R@1 failures to correlate with uncertainty.
     *
     * @param k K &gt;= 1, need not be a configured one
     * @return Q flags, true where the rank is &gt;= K
     */
    public boolean[] missedAt(int k) {
        if (k < 1) {
            throw new UserInputException("K must be >= 1, got " + k);
        }
        boolean[] missed = new boolean[ranks.length];
        for (int i = 0; i < ranks.length; i++) {
            missed[i] = ranks[i] >= k;
        }
        return missed;
    }

    /**
     * Names the metrics for a report, higher is better for all: {@code recall@<K>},
     * {@code r_precision}, {@code map@r} and {@code pmrp}, each followed by {@code _<direction>}
     * if a direction is given (e.g. {@code recall@1_i2t}). Metrics that were not computed are
     * left out.
     *
     * @param direction e.g. {@code "i2t"}, or empty for none
     * @return the values
     */
    public List<MetricValue> metricValues(String direction) {
        String suffix = direction == null || direction.isEmpty() ? "" : "_" + direction;
        List<MetricValue> values = new ArrayList<>();
        for (int i = 0; i < recallKs.length && queryCount > 0; i++) {
            values.add(new MetricValue("recall@" + recallKs[i] + suffix, recall[i], true));
        }
        rPrecision().ifPresent(v -> values.add(new MetricValue("r_precision" + suffix, v, true)));
        mapAtR().ifPresent(v -> values.add(new MetricValue("map@r" + suffix, v, true)));
        pmrp().ifPresent(v -> values.add(new MetricValue("pmrp" + suffix, v, true)));
        return values;
    }

    @Override
    public String toString() {
        return "RetrievalResult[" + queryCount + " queries, recall " + recall() + ", R-P "
                + rPrecision() + ", mAP@R " + mapAtR() + ", PMRP " + pmrp() + "]";
    }
}
