package ai.braid.api.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class PairwiseDistancesTest {

    @Test
    void everyPairsSquaredDistanceWithAGradient() {
        float[] x = {1, 2, 0, -1, 3, 0.5f};
        float[] y = {1, 2, 0, 0, 0, 0, 2, -1, 4, 1, 2, 0.000001f};
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.create(x, new Shape(2, 3));
            NDArray b = manager.create(y, new Shape(4, 3));
            a.setRequiresGradient(true);
            NDArray distances;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                distances = PairwiseDistances.squared(a, b);
                collector.backward(distances.sum());
            }

            assertThat(distances.getShape()).isEqualTo(new Shape(2, 4));
            float[] actual = distances.toFloatArray();
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 4; j++) {
                    double expected = 0;
                    for (int d = 0; d < 3; d++) {
                        double diff = x[i * 3 + d] - y[j * 3 + d];
                        expected += diff * diff;
                    }
                    assertThat(actual[i * 4 + j]).as("(%d, %d)", i, j)
                            .isCloseTo((float) expected, within(1e-4f));
                }
            }
            // row 0 of x equals row 0 of y: a distance of 0, never below it
            assertThat(actual[0]).isGreaterThanOrEqualTo(0f);
            // d/dx_i sum_j ||x_i - y_j||^2 = sum_j 2 (x_i - y_j)
            float[] gradient = a.getGradient().toFloatArray();
            for (int d = 0; d < 3; d++) {
                double expected = 0;
                for (int j = 0; j < 4; j++) {
                    expected += 2 * (x[3 + d] - y[j * 3 + d]);
                }
                assertThat(gradient[3 + d]).isCloseTo((float) expected, within(1e-3f));
            }
        }
    }
}
