package ai.braid.plugin.pcme.similarity;

import static ai.braid.plugin.pcme.similarity.ClosedFormSimilaritiesTest.array;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.UserInputException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class UncertaintyTest {

    @Test
    void uncertaintyIsTheGeometricMeanOfSigma() {
        // sigmas (1, 2, 4): geometric mean 8^(1/3) = 2; sigmas (0.5, 0.5, 0.125): (1/32)^(1/3)
        double[][] logSigma = {{0, Math.log(2), Math.log(4)},
            {Math.log(0.5), Math.log(0.5), Math.log(0.125)}};
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianSet set = new GaussianSet(manager.zeros(new Shape(2, 3)),
                    array(manager, logSigma));
            int before = manager.getManagedArrays().size();
            NDArray uncertainty = Uncertainty.of(set);
            assertThat(uncertainty.getShape()).isEqualTo(new Shape(2));
            assertThat(manager.getManagedArrays()).hasSize(before + 1);
            float[] values = uncertainty.toFloatArray();
            assertThat((double) values[0]).isCloseTo(2.0, within(1e-5));
            assertThat((double) values[1]).isCloseTo(Math.cbrt(1.0 / 32), within(1e-6));
        }
    }

    @Test
    void pointEmbeddingsHaveNoUncertainty() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianSet points = GaussianSet.points(manager.zeros(new Shape(2, 3)));
            assertThatThrownBy(() -> Uncertainty.of(points))
                    .isInstanceOf(UserInputException.class)
                    .hasMessageContaining("log sigma");
        }
    }
}
