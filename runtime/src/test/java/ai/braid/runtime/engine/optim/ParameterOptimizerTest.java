package ai.braid.runtime.engine.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterOptimizerTest {

    private static final LearningRateSchedule RATE_0_1 =
            LearningRateSchedule.of("constant", 0.1f, 0, 10);

    @Test
    void adagradDividesByTheRootOfTheSummedSquaresFromAPointOneStartAndZeroesTheGradient() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<Pair<String, Parameter>> parameters = parameter(manager, 1f, -2f, 3f);
            ParameterOptimizer adagrad = new ParameterOptimizer("adagrad", 0f, RATE_0_1);

            // step 1: s = 0.1 + g^2 = (1.1, 4.1, 0.35); w -= 0.1 * g / sqrt(s)
            backward(parameters, 1f, 2f, -0.5f);
            adagrad.step(parameters, 0);
            assertThat(weights(parameters)).containsExactly(new float[] {0.9046537f, -2.0987730f, 3.0845154f},
                    within(1e-6f));
            assertThat(gradient(parameters)).containsOnly(0f);

            // step 2: s = (1.35, 5.1, 1.35)
            backward(parameters, 0.5f, -1f, 1f);
            adagrad.step(parameters, 1);
            assertThat(weights(parameters)).containsExactly(
                    new float[] {0.8616206f, -2.0544922f, 2.9984491f}, within(1e-6f));
            NDList state = adagrad.state();
            assertThat(state).hasSize(1);
            assertThat(state.get(0).getName()).isEqualTo("w.v");
            assertThat(state.get(0).toFloatArray()).containsExactly(
                    new float[] {1.35f, 5.1f, 1.35f}, within(1e-6f));
        }
    }

    @Test
    void aRestoredAdagradStepsAsTheOneItWasSavedFrom() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<Pair<String, Parameter>> first = parameter(manager, 1f, -2f, 3f);
            List<Pair<String, Parameter>> second = parameter(manager, 1f, -2f, 3f);
            ParameterOptimizer running = new ParameterOptimizer("adagrad", 0f, RATE_0_1);
            backward(first, 4f, 0.1f, -2f);
            running.step(first, 0);
            backward(second, 4f, 0.1f, -2f);
            new ParameterOptimizer("adagrad", 0f, RATE_0_1).step(second, 0);

            ParameterOptimizer resumed = new ParameterOptimizer("adagrad", 0f, RATE_0_1);
            resumed.restore(running.state(), second);
            backward(first, 1f, 1f, 1f);
            running.step(first, 1);
            backward(second, 1f, 1f, 1f);
            resumed.step(second, 1);
            assertThat(weights(second)).containsExactly(weights(first), within(1e-7f));
        }
    }

    @Test
    void anUnknownKindIsRejected() {
        assertThatThrownBy(() -> new ParameterOptimizer("rmsprop", 0f, RATE_0_1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rmsprop");
    }

    private static List<Pair<String, Parameter>> parameter(NDManager manager, float... values) {
        Parameter parameter = Parameter.builder().setName("w")
                .setType(Parameter.Type.WEIGHT).build();
        NDArray array = manager.create(values);
        array.setRequiresGradient(true);
        parameter.setArray(array);
        return List.of(new Pair<>("w", parameter));
    }

    /** Leaves the given gradient on the parameter: the loss is sum(w * g). */
    private static void backward(List<Pair<String, Parameter>> parameters, float... gradient) {
        NDArray weight = parameters.get(0).getValue().getArray();
        try (NDManager scope = weight.getManager().newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray g = scope.create(gradient);
            collector.backward(weight.mul(g).sum());
        }
    }

    private static float[] weights(List<Pair<String, Parameter>> parameters) {
        return parameters.get(0).getValue().getArray().toFloatArray();
    }

    private static float[] gradient(List<Pair<String, Parameter>> parameters) {
        try (NDArray grad = parameters.get(0).getValue().getArray().getGradient()) {
            return grad.toFloatArray();
        }
    }
}
