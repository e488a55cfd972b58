package ai.braid.api.objective;

import static ai.braid.api.objective.CrossEntropyTest.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class BinaryCrossEntropyTest {

    @Test
    void moderateLogitsMatchTheTextbookFormula() {
        float[] x = {0.5f, -1.5f, 2.0f, 0.0f};
        float[] y = {1, 0, 0, 1};
        double expected = 0;
        for (int i = 0; i < x.length; i++) {
            double p = 1 / (1 + Math.exp(-x[i]));
            expected -= y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p);
        }
        expected /= x.length;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList outputs = new NDList(named(manager.create(x, new Shape(2, 2)), "itm"));
            NDList targets = new NDList(named(manager.create(y, new Shape(2, 2)), "match"));

            float loss = BinaryCrossEntropy.builder().optLogits("itm").optLabels("match").build()
                    .compute(outputs, targets).get(0).value().getFloat();

            assertThat(loss).isCloseTo((float) expected, within(1e-5f));
        }
    }

    @Test
    void hugeLogitsStayFinite() {
        // right and confident: 0; wrong and confident: |x|
        float[] x = {1000f, -1000f, 1000f, -1000f};
        float[] y = {1, 0, 0, 1};
        try (NDManager manager = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray logits = manager.create(x);
            logits.setRequiresGradient(true);
            NDArray loss = BinaryCrossEntropy.builder().build().compute(
                    new NDList(named(logits, "logits")),
                    new NDList(named(manager.create(y), "label"))).get(0).value();
            collector.backward(loss);

            assertThat(loss.getFloat()).isCloseTo(500f, within(1e-3f));
            // gradient (sigmoid(x) - y) / 4: 0, 0, 1/4, -1/4
            assertThat(logits.getGradient().toFloatArray())
                    .containsExactly(new float[] {0f, 0f, 0.25f, -0.25f}, within(1e-6f));
        }
    }
}
