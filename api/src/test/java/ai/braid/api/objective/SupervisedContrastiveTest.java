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

class SupervisedContrastiveTest {

    private static final double[][] FEATURES = {
        {1.0, 0.2, -0.1}, {0.8, 0.5, 0.0}, {0.3, -1.0, 0.4}, {-0.5, 0.1, 1.0}};

    /** Khosla's L^sup_out by loops, averaged over anchors that have a positive. */
    private static double expectedLoss(double[][] features, long[] labels, double tau) {
        double[][] z = Reference.normalizeRows(features);
        int n = z.length;
        double total = 0;
        int anchors = 0;
        for (int i = 0; i < n; i++) {
            double denominator = 0;
            for (int a = 0; a < n; a++) {
                if (a != i) {
                    denominator += Math.exp(Reference.dot(z[i], z[a]) / tau);
                }
            }
            double sum = 0;
            int positives = 0;
            for (int p = 0; p < n; p++) {
                if (p != i && labels[p] == labels[i]) {
                    sum += Math.log(Math.exp(Reference.dot(z[i], z[p]) / tau) / denominator);
                    positives++;
                }
            }
            if (positives > 0) {
                total += -sum / positives;
                anchors++;
            }
        }
        return total / anchors;
    }

    @Test
    void twoClassesWithOneAnchorWithoutPositive() {
        // class 0 has three samples, class 1 one: anchor 3 has no positive
        long[] labels = {0, 0, 0, 1};
        double expected = expectedLoss(FEATURES, labels, 0.5);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList outputs = new NDList(named(
                    manager.create(Reference.flatten(FEATURES), new Shape(4, 3)), "embedding"));
            NDList targets = new NDList(named(manager.create(labels), "label"));

            float loss = SupervisedContrastive.builder().optTemperature(0.5f).build()
                    .compute(outputs, targets).get(0).value().getFloat();

            assertThat(loss).isCloseTo((float) expected, within(1e-5f));
        }
    }

    @Test
    void theDefaultTemperatureIsPointZeroSeven() {
        long[] labels = {1, 0, 1, 0};
        double expected = expectedLoss(FEATURES, labels, 0.07);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList outputs = new NDList(named(
                    manager.create(Reference.flatten(FEATURES), new Shape(4, 3)), "z"));
            NDList targets = new NDList(named(manager.create(new int[] {1, 0, 1, 0}), "y"));

            float loss = SupervisedContrastive.builder().optFeatures("z").optLabels("y").build()
                    .compute(outputs, targets).get(0).value().getFloat();

            assertThat(loss).isCloseTo((float) expected, within(1e-4f));
        }
    }

    @Test
    void gradientsReachTheFeatures() {
        try (NDManager manager = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray features = manager.create(Reference.flatten(FEATURES), new Shape(4, 3));
            features.setRequiresGradient(true);
            NDArray loss = SupervisedContrastive.builder().build().compute(
                    new NDList(named(features, "embedding")),
                    new NDList(named(manager.create(new long[] {0, 0, 0, 1}), "label")))
                    .get(0).value();
            collector.backward(loss);

            float[] gradient = features.getGradient().toFloatArray();
            for (int row = 0; row < 4; row++) {
                double norm = 0;
                for (int d = 0; d < 3; d++) {
                    norm += gradient[row * 3 + d] * gradient[row * 3 + d];
                }
                // anchor 3 has no positive but is a negative of the others
                assertThat(norm).as("row %d", row).isPositive();
            }
        }
    }

    @Test
    void noPositiveAtAllGivesZeroOnTheGraph() {
        try (NDManager manager = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray features = manager.create(Reference.flatten(FEATURES), new Shape(4, 3));
            features.setRequiresGradient(true);
            NDArray loss = SupervisedContrastive.builder().build().compute(
                    new NDList(named(features, "embedding")),
                    new NDList(named(manager.create(new long[] {0, 1, 2, 3}), "label")))
                    .get(0).value();
            collector.backward(loss);

            assertThat(loss.getFloat()).isZero();
            assertThat(features.getGradient().abs().sum().getFloat()).isZero();
        }
    }

    @Test
    void aSecondViewStacksTheViewsAndRepeatsTheLabels() {
        double[][] first = {FEATURES[0], FEATURES[1]};
        double[][] second = {FEATURES[2], FEATURES[3]};
        double expected = expectedLoss(FEATURES, new long[] {5, 7, 5, 7}, 0.2);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList outputs = new NDList(
                    named(manager.create(Reference.flatten(first), new Shape(2, 3)), "v1"),
                    named(manager.create(Reference.flatten(second), new Shape(2, 3)), "v2"));
            NDList targets = new NDList(named(manager.create(new long[] {5, 7}), "label"));

            float loss = SupervisedContrastive.builder().optFeatures("v1").optSecondView("v2")
                    .optTemperature(0.2f).build().compute(outputs, targets).get(0).value()
                    .getFloat();

            assertThat(loss).isCloseTo((float) expected, within(1e-5f));
        }
    }

    @Test
    void ntXentIsTheMeanCrossEntropyOfEachViewAgainstItsPair() {
        double[][] first = {FEATURES[0], FEATURES[1]};
        double[][] second = {FEATURES[2], FEATURES[3]};
        // SimCLR written directly: anchor k's positive is (k + 2) mod 4, all others negatives
        double[][] z = Reference.normalizeRows(FEATURES);
        double tau = 0.1;
        double expected = 0;
        for (int k = 0; k < 4; k++) {
            double[] row = new double[3];
            int column = 0;
            int positive = -1;
            for (int j = 0; j < 4; j++) {
                if (j == k) {
                    continue;
                }
                if (j == (k + 2) % 4) {
                    positive = column;
                }
                row[column++] = Reference.dot(z[k], z[j]) / tau;
            }
            expected += Reference.negativeLogSoftmax(row, positive) / 4;
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList outputs = new NDList(
                    named(manager.create(Reference.flatten(first), new Shape(2, 3)), "view_a"),
                    named(manager.create(Reference.flatten(second), new Shape(2, 3)), "view_b"));

            float loss = NtXent.builder().build().compute(outputs, new NDList()).get(0).value()
                    .getFloat();

            assertThat(loss).isCloseTo((float) expected, within(1e-5f));
        }
    }
}
