package ai.braid.plugin.betavae.task;

import ai.braid.api.data.MetricValue;
import ai.braid.api.objective.GaussianKl;
import ai.braid.api.spi.Metric;
import ai.braid.plugin.betavae.model.BetaVaeHead;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;

/**
 * The KL of each latent unit's posterior from the prior, averaged over a split: which units
 * carry information. Reports {@code kl} (the sum over units, nats) and {@code active_units}
 * (units whose mean KL exceeds {@value #ACTIVE_KL} nats); {@link #perUnit} gives each unit's,
 * which the task draws as a bar chart.
 *
 * <p>Reads the outputs {@code mu (B, Z)} and {@code logvar (B, Z)}.
 */
public final class LatentKlMetric implements Metric {

    /** The mean KL, in nats, above which a unit counts as active. */
    public static final double ACTIVE_KL = 0.1;

    private static final GaussianKl KL = GaussianKl.builder()
            .optMean(BetaVaeHead.MU).optLogVariance(BetaVaeHead.LOG_VARIANCE).build();

    private double[] sums;
    private long count;

    @Override
    public void update(NDList outputs, NDList targets) {
        float[] batchMeans = KL.perDimension(outputs).toFloatArray();
        long batch = outputs.get(BetaVaeHead.MU).getShape().get(0);
        if (sums == null) {
            sums = new double[batchMeans.length];
        }
        for (int i = 0; i < batchMeans.length; i++) {
            sums[i] += batchMeans[i] * (double) batch;
        }
        count += batch;
    }

    /**
     * Returns the mean KL of each unit so far.
     *
     * @return one value per latent unit, nats; empty before any update
     */
    public double[] perUnit() {
        if (sums == null) {
            return new double[0];
        }
        double[] means = new double[sums.length];
        for (int i = 0; i < sums.length; i++) {
            means[i] = sums[i] / count;
        }
        return means;
    }

    @Override
    public List<MetricValue> compute() {
        double[] perUnit = perUnit();
        List<MetricValue> values = new ArrayList<>();
        double total = 0;
        int active = 0;
        for (double kl : perUnit) {
            total += kl;
            active += kl > ACTIVE_KL ? 1 : 0;
        }
        values.add(new MetricValue("kl", total, false));
        values.add(new MetricValue("active_units", active, true));
        return values;
    }
}
