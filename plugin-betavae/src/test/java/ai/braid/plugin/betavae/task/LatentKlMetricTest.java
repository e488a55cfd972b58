package ai.braid.plugin.betavae.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.data.MetricValue;
import ai.braid.plugin.betavae.model.BetaVaeHead;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LatentKlMetricTest {

    private static NDList batch(NDManager manager, float[] mu, float[] logvar) {
        NDArray m = manager.create(mu, new Shape(mu.length / 2, 2));
        m.setName(BetaVaeHead.MU);
        NDArray l = manager.create(logvar, new Shape(logvar.length / 2, 2));
        l.setName(BetaVaeHead.LOG_VARIANCE);
        return new NDList(m, l);
    }

    private static double kl(double mu, double logvar) {
        return 0.5 * (mu * mu + Math.exp(logvar) - logvar - 1);
    }

    @Test
    void averagesEachUnitsKlOverBatchesAndCountsTheActiveOnes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            LatentKlMetric metric = new LatentKlMetric();
            // unit 0 carries information, unit 1 matches the prior exactly
            metric.update(batch(manager, new float[] {1f, 0f, -2f, 0f}, new float[] {-1f, 0f, 0f,
                0f}), new NDList());
            metric.update(batch(manager, new float[] {0.5f, 0f}, new float[] {0.3f, 0f}),
                    new NDList());
            double unit0 = (kl(1, -1) + kl(-2, 0) + kl(0.5, 0.3)) / 3;
            assertThat(metric.perUnit()[0]).isCloseTo(unit0, within(1e-6));
            assertThat(metric.perUnit()[1]).isCloseTo(0, within(1e-9));
            Map<String, Double> values = metric.compute().stream()
                    .collect(Collectors.toMap(MetricValue::name, MetricValue::value));
            assertThat(values.get("kl")).isCloseTo(unit0, within(1e-6));
            assertThat(values.get("active_units")).isEqualTo(1.0);
        }
    }
}
