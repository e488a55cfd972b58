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

class GaussianKlTest {

    private static final double[][] MU = {{0.5, -1.0, 0.0}, {1.5, 0.2, -0.3}};
    private static final double[][] LOGVAR = {{0.0, -0.5, 1.0}, {0.3, -2.0, 0.0}};

    /** KL(N(mu, sigma^2) || N(0, 1)) = log(1/sigma) + (sigma^2 + mu^2)/2 - 1/2, per element. */
    private static double klElement(double mu, double logvar) {
        double sigma = Math.exp(logvar / 2);
        return Math.log(1 / sigma) + (sigma * sigma + mu * mu) / 2 - 0.5;
    }

    @Test
    void theTermSumsOverDimensionsAndAveragesOverTheBatch() {
        double expected = 0;
        for (int b = 0; b < 2; b++) {
            for (int d = 0; d < 3; d++) {
                expected += klElement(MU[b][d], LOGVAR[b][d]) / 2;
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            float loss = GaussianKl.builder().build().compute(outputs(manager, "logvar", 1),
                    new NDList()).get(0).value().getFloat();

            assertThat(loss).isCloseTo((float) expected, within(1e-5f));
        }
    }

    @Test
    void perDimensionKlIsAveragedOverTheBatch() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray perDimension = GaussianKl.builder().build()
                    .perDimension(outputs(manager, "logvar", 1));

            assertThat(perDimension.getShape()).isEqualTo(new Shape(3));
            float[] values = perDimension.toFloatArray();
            for (int d = 0; d < 3; d++) {
                double expected = (klElement(MU[0][d], LOGVAR[0][d])
                        + klElement(MU[1][d], LOGVAR[1][d])) / 2;
                assertThat(values[d]).isCloseTo((float) expected, within(1e-5f));
            }
        }
    }

    @Test
    void logSigmaGivesTheSameKl() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float fromLogVariance = GaussianKl.builder().build()
                    .compute(outputs(manager, "logvar", 1), new NDList()).get(0).value()
                    .getFloat();
            float fromLogSigma = GaussianKl.builder().optLogSigma("log_sigma").build()
                    .compute(outputs(manager, "log_sigma", 0.5f), new NDList()).get(0).value()
                    .getFloat();

            assertThat(fromLogSigma).isCloseTo(fromLogVariance, within(1e-5f));
        }
    }

    @Test
    void gradientsReachMeanAndLogVariance() {
        try (NDManager manager = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList outputs = outputs(manager, "logvar", 1);
            outputs.forEach(array -> array.setRequiresGradient(true));
            collector.backward(
                    GaussianKl.builder().build().compute(outputs, new NDList()).get(0).value());

            // dKL/dmu = mu / B; dKL/dlogvar = (exp(logvar) - 1) / (2B)
            float[] muGradient = outputs.get("mu").getGradient().toFloatArray();
            float[] logvarGradient = outputs.get("logvar").getGradient().toFloatArray();
            assertThat(muGradient[0]).isCloseTo(0.25f, within(1e-6f));
            assertThat(logvarGradient[2]).isCloseTo((float) ((Math.E - 1) / 4), within(1e-5f));
        }
    }

    private static NDList outputs(NDManager manager, String spreadName, float spreadFactor) {
        double[][] spread = new double[2][3];
        for (int b = 0; b < 2; b++) {
            for (int d = 0; d < 3; d++) {
                spread[b][d] = LOGVAR[b][d] * spreadFactor;
            }
        }
        return new NDList(named(manager.create(Reference.flatten(MU), new Shape(2, 3)), "mu"),
                named(manager.create(Reference.flatten(spread), new Shape(2, 3)), spreadName));
    }
}
