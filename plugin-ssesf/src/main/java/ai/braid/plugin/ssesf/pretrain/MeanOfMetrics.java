package ai.braid.plugin.ssesf.pretrain;

import ai.braid.api.data.MetricValue;
import ai.braid.api.spi.Metric;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Several metrics reported together with the mean of some of their values, so that one number
 * (higher is better) can pick the best checkpoint of a multi-objective run. Values that are NaN
 * (a metric that counted nothing) are left out of the mean; with none left it is NaN.
 */
public final class MeanOfMetrics implements Metric {

    private final String name;
    private final List<Metric> parts;
    private final Set<String> averaged;

    /**
     * Creates the metric.
     *
     * @param name the reported name of the mean
     * @param parts the metrics, reported as they are
     * @param averaged the names of the values to average, each higher-is-better
     */
    public MeanOfMetrics(String name, List<Metric> parts, Set<String> averaged) {
        this.name = Objects.requireNonNull(name, "name");
        this.parts = List.copyOf(parts);
        this.averaged = Set.copyOf(averaged);
    }

    @Override
    public void update(NDList outputs, NDList targets) {
        for (Metric part : parts) {
            part.update(outputs, targets);
        }
    }

    /**
     * Returns every part's values, then the mean.
     *
     * @return the values, the mean last
     */
    @Override
    public List<MetricValue> compute() {
        List<MetricValue> values = new ArrayList<>();
        double sum = 0;
        int count = 0;
        for (Metric part : parts) {
            for (MetricValue value : part.compute()) {
                values.add(value);
                if (averaged.contains(value.name()) && !Double.isNaN(value.value())) {
                    sum += value.value();
                    count++;
                }
            }
        }
        values.add(new MetricValue(name, count == 0 ? Double.NaN : sum / count, true));
        return values;
    }
}
