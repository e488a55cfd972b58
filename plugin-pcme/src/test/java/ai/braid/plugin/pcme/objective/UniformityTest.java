package ai.braid.plugin.pcme.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class UniformityTest {

    private static final double[][] POINTS = {
        {0.6, 0.8}, {-0.7, 0.7}, {0.1, -1.2}, {0.65, 0.75}, {-2.0, 0.3}};

    @Test
    void itIsTheLogMeanGaussianPotentialOverDistinctPairs() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(PcmeReference.flatten(POINTS), new Shape(5, 2));

            NDArray uniformity = Uniformity.of(x);

            assertThat(uniformity.getShape()).isEqualTo(new Shape());
            assertThat((double) uniformity.getFloat())
                    .isCloseTo(PcmeReference.uniformity(POINTS), within(1e-5));
        }
    }

    @Test
    void farApartPointsStayFiniteAndScoreBelowCloseOnes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // every potential is at most exp(-800), zero even in double: only the shift keeps it finite
            NDArray far = manager.create(new float[] {0, 0, 20, 0, 0, 20}, new Shape(3, 2));
            NDArray close = manager.create(new float[] {0, 0, 0.1f, 0, 0, 0.1f}, new Shape(3, 2));

            double spread = Uniformity.of(far).getFloat();

            // squared distances 400, 400, 800: log((2 exp(-800) + exp(-1600)) / 3), worked out
            // by hand since exp(-800) underflows a double as well
            assertThat(spread).isCloseTo(-800 + Math.log(2.0 / 3), within(1e-3));
            assertThat(spread).isLessThan(Uniformity.of(close).getFloat());
        }
    }

    @Test
    void gradientsPushPointsApart() {
        try (NDManager manager = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray x = manager.create(new float[] {0, 0, 0.5f, 0}, new Shape(2, 2));
            x.setRequiresGradient(true);
            collector.backward(Uniformity.of(x));

            try (NDArray gradient = x.getGradient()) {
                // d/dx0 of -2 ||x0 - x1||^2 is 4 (x1 - x0): descending moves x0 away from x1
                assertThat(gradient.getFloat(0, 0)).isCloseTo(2f, within(1e-5f));
                assertThat(gradient.getFloat(1, 0)).isCloseTo(-2f, within(1e-5f));
            }
        }
    }
}
