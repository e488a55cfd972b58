package ai.braid.plugin.pcme.ranking;

import ai.braid.api.UserInputException;
import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.util.FastMath;

/**
 * How well a per-query uncertainty predicts retrieval failure.
 *
 * <p>The standard measure between a continuous variable and a binary one is the
 * <b>point-biserial correlation</b>: Pearson's r with the failure coded 1 and success 0,
 * equal to {@code (mean_fail - mean_success) / sd * sqrt(p (1 - p))} with the population
 * standard deviation sd of the uncertainty and the failure share p. Positive means uncertain
 * queries fail more often, PCME's claim. {@link #spearman} is the rank-based alternative, e.g.
 * between uncertainty and the rank itself, robust to sigma's skewed scale. {@link #interval}
 * says how far a correlation from n queries can be trusted.
 */
public final class UncertaintyCorrelation {

    private UncertaintyCorrelation() {}

    /**
     * Point-biserial correlation of uncertainty and failure.
     *
     * @param uncertainty one finite value per query
     * @param failed one flag per query, true where retrieval failed (e.g. missed at R@1)
     * @return r in [-1, 1]; NaN if every query failed, none did, or the uncertainty is
     *     constant
     * @throws UserInputException if the lengths differ, there are fewer than 2 queries, or a
     *     value is not finite
     */
    public static double pointBiserial(double[] uncertainty, boolean[] failed) {
        Objects.requireNonNull(failed, "failed");
        double[] coded = new double[failed.length];
        for (int i = 0; i < failed.length; i++) {
            coded[i] = failed[i] ? 1 : 0;
        }
        return pearson(uncertainty, coded);
    }

    /**
     * Pearson's product-moment correlation.
     *
     * @param x one finite value per query
     * @param y one finite value per query
     * @return r in [-1, 1]; NaN if either is constant
     * @throws UserInputException if the lengths differ, there are fewer than 2 values, or a
     *     value is not finite
     */
    public static double pearson(double[] x, double[] y) {
        check(x, y);
        double meanX = Arrays.stream(x).average().orElseThrow();
        double meanY = Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            double dx = x[i] - meanX;
            double dy = y[i] - meanY;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
    }

    /**
     * Spearman's rank correlation: Pearson's r of the ranks, tied values sharing their mean
     * rank.
     *
     * @param x one finite value per query
     * @param y one finite value per query
     * @return rho in [-1, 1]; NaN if either is constant
     * @throws UserInputException if the lengths differ, there are fewer than 2 values, or a
     *     value is not finite
     */
    public static double spearman(double[] x, double[] y) {
        check(x, y);
        return pearson(midRanks(x), midRanks(y));
    }

    /**
     * Approximate confidence interval of a correlation from n independent queries, by Fisher's
     * z-transform: atanh(r) is close to normal with standard error 1 / sqrt(n - 3), so the
     * bounds are tanh(atanh(r) -+ q / sqrt(n - 3)) with q the normal quantile of the level.
     * For the point-biserial r it is the usual approximation, not exact.
     *
     * @param r a correlation in [-1, 1]
     * @param n the number of queries it was computed from, at least 4
     * @param level the coverage, in (0, 1), e.g. 0.95
     * @return the interval, within [-1, 1]
     * @throws IllegalArgumentException if r is outside [-1, 1] or not a number, n is below 4
     *     or the level is outside (0, 1)
     */
    public static Interval interval(double r, int n, double level) {
        if (!(r >= -1 && r <= 1)) {
            throw new IllegalArgumentException("a correlation lies in [-1, 1], got " + r);
        }
        if (n < 4) {
            throw new IllegalArgumentException("an interval needs at least 4 queries, got " + n);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("a coverage lies in (0, 1), got " + level);
        }
        double quantile = new NormalDistribution().inverseCumulativeProbability((1 + level) / 2);
        double z = FastMath.atanh(r);
        double half = quantile / Math.sqrt(n - 3);
        return new Interval(FastMath.tanh(z - half), FastMath.tanh(z + half));
    }

    /**
     * A confidence interval of a correlation.
     *
     * @param low the lower bound
     * @param high the upper bound
     */
    public record Interval(double low, double high) {}

    /** Ranks 1..n, ties given the mean of the ranks they span. */
    static double[] midRanks(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[] ranks = new double[values.length];
        int start = 0;
        while (start < order.length) {
            int end = start;
            while (end + 1 < order.length && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            double rank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                ranks[order[k]] = rank;
            }
            start = end + 1;
        }
        return ranks;
    }

    private static void check(double[] x, double[] y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.length != y.length) {
            throw new UserInputException("a correlation needs one value of each variable per "
                    + "query, got " + x.length + " and " + y.length);
        }
        if (x.length < 2) {
            throw new UserInputException("a correlation needs at least 2 queries, got "
                    + x.length);
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new UserInputException("a correlation needs finite values, query " + i
                        + " has " + x[i] + " and " + y[i]);
            }
        }
    }
}
