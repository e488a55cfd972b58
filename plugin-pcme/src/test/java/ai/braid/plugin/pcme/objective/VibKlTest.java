package ai.braid.plugin.pcme.objective;

import static ai.braid.plugin.pcme.objective.PcmeReference.LOG_SIGMA_A;
import static ai.braid.plugin.pcme.objective.PcmeReference.LOG_SIGMA_B;
import static ai.braid.plugin.pcme.objective.PcmeReference.MU_A;
import static ai.braid.plugin.pcme.objective.PcmeReference.MU_B;
import static ai.braid.plugin.pcme.objective.PcmeReference.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.UserInputException;
import ai.braid.plugin.pcme.model.PcmeOutputs;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class VibKlTest {

    private static VibKl kl() {
        return new VibKl("test", PcmeOutputs.MU_A, PcmeOutputs.LOG_SIGMA_A,
                PcmeOutputs.MU_B, PcmeOutputs.LOG_SIGMA_B);
    }

    @Test
    void theStandardNormalHasNoDivergence() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList outputs = new NDList(
                    named(manager.zeros(new Shape(3, 4)), PcmeOutputs.MU_A),
                    named(manager.zeros(new Shape(3, 4)), PcmeOutputs.LOG_SIGMA_A),
                    named(manager.zeros(new Shape(3, 4)), PcmeOutputs.MU_B),
                    named(manager.zeros(new Shape(3, 4)), PcmeOutputs.LOG_SIGMA_B));

            assertThat(kl().batchMean(outputs).getFloat()).isZero();
        }
    }

    @Test
    void logSigmaIsReadAsALogStandardDeviation() {
        try (NDManager manager = NDManager.newBaseManager()) {
            double expected = (PcmeReference.kl(MU_A, LOG_SIGMA_A)
                    + PcmeReference.kl(MU_B, LOG_SIGMA_B)) / 2; // averaged over B = 2

            assertThat((double) kl().batchMean(PcmeReference.outputs(manager)).getFloat())
                    .isCloseTo(expected, within(1e-5));
        }
    }

    @Test
    void aUnitMeanWithUnitSigmaCostsOneHalfPerDimension() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList outputs = new NDList(
                    named(manager.ones(new Shape(1, 3)), PcmeOutputs.MU_A),
                    named(manager.zeros(new Shape(1, 3)), PcmeOutputs.LOG_SIGMA_A),
                    named(manager.zeros(new Shape(1, 3)), PcmeOutputs.MU_B),
                    named(manager.zeros(new Shape(1, 3)), PcmeOutputs.LOG_SIGMA_B));

            assertThat(kl().batchMean(outputs).getFloat()).isCloseTo(1.5f, within(1e-6f));
        }
    }

    @Test
    void aLogSigmaOfAnotherShapeIsReportedWithBothNames() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList outputs = PcmeReference.outputs(manager);
            outputs.set(3, named(manager.zeros(new Shape(2, 5)), PcmeOutputs.LOG_SIGMA_A));

            assertThatThrownBy(() -> kl().check(outputs, "test"))
                    .isInstanceOf(UserInputException.class)
                    .hasMessageContaining("'logsigma_a' has shape (2, 5)")
                    .hasMessageContaining("'mu_a' has shape (2, 2)");
        }
    }
}
