package ai.braid.plugin.pcme.objective;

import static ai.braid.plugin.pcme.objective.PcmeReference.LOG_SIGMA_A;
import static ai.braid.plugin.pcme.objective.PcmeReference.LOG_SIGMA_B;
import static ai.braid.plugin.pcme.objective.PcmeReference.MU_A;
import static ai.braid.plugin.pcme.objective.PcmeReference.MU_B;
import static ai.braid.plugin.pcme.objective.PcmeReference.SCALE;
import static ai.braid.plugin.pcme.objective.PcmeReference.SHIFT;
import static ai.braid.plugin.pcme.objective.PcmeReference.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.UserInputException;
import ai.braid.api.data.LossTerm;
import ai.braid.plugin.pcme.model.PcmeOutputs;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CsdLossTest {

    private static NDArray array(NDManager manager, double[][] values) {
        return manager.create(PcmeReference.flatten(values), new Shape(2, 2));
    }

    private static NDList gaussians(NDManager manager, double[][] muA, double[][] muB,
            double scale, double shift) {
        return new NDList(
                named(array(manager, muA), PcmeOutputs.MU_A),
                named(array(manager, LOG_SIGMA_A), PcmeOutputs.LOG_SIGMA_A),
                named(array(manager, muB), PcmeOutputs.MU_B),
                named(array(manager, LOG_SIGMA_B), PcmeOutputs.LOG_SIGMA_B),
                named(manager.create(new float[] {(float) scale}), PcmeOutputs.SCALE),
                named(manager.create(new float[] {(float) shift}), PcmeOutputs.SHIFT));
    }

    @Test
    void theDistanceIsTheSquaredMeanGapPlusBothVariances() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray csd = CsdLoss.distance(array(manager, MU_A), array(manager, LOG_SIGMA_A),
                    array(manager, MU_B), array(manager, LOG_SIGMA_B));

            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    assertThat((double) csd.getFloat(i, j)).isCloseTo(PcmeReference.csd(MU_A[i],
                            LOG_SIGMA_A[i], MU_B[j], LOG_SIGMA_B[j]), within(1e-5));
                }
            }
        }
    }

    @Test
    void theDistanceIsSymmetricAndItsSigmaPieceRemainsAtEqualMeans() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray muA = array(manager, MU_A);
            NDArray logSigmaA = array(manager, LOG_SIGMA_A);
            NDArray muB = array(manager, MU_B);
            NDArray logSigmaB = array(manager, LOG_SIGMA_B);

            NDArray forth = CsdLoss.distance(muA, logSigmaA, muB, logSigmaB);
            NDArray back = CsdLoss.distance(muB, logSigmaB, muA, logSigmaA);
            NDArray self = CsdLoss.distance(muA, logSigmaA, muA, logSigmaA);

            assertThat(forth.sub(back.transpose()).abs().max().getFloat()).isLessThan(1e-6f);
            for (int i = 0; i < 2; i++) {
                // the mean piece vanishes, the variances of both sides remain
                double variances = 2 * (Math.exp(2 * LOG_SIGMA_A[i][0])
                        + Math.exp(2 * LOG_SIGMA_A[i][1]));
                assertThat((double) self.getFloat(i, i)).isCloseTo(variances, within(1e-5));
            }
        }
    }

    @Test
    void theDistanceIsTheExpectedSquaredDistanceOfSamples() {
        Random random = new Random(7);
        double sum = 0;
        int draws = 200_000;
        for (int n = 0; n < draws; n++) {
            double squared = 0;
            for (int d = 0; d < 2; d++) {
                double v = MU_A[0][d] + random.nextGaussian() * Math.exp(LOG_SIGMA_A[0][d]);
                double t = MU_B[1][d] + random.nextGaussian() * Math.exp(LOG_SIGMA_B[1][d]);
                squared += (v - t) * (v - t);
            }
            sum += squared;
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray csd = CsdLoss.distance(array(manager, MU_A), array(manager, LOG_SIGMA_A),
                    array(manager, MU_B), array(manager, LOG_SIGMA_B));

            assertThat((double) csd.getFloat(0, 1)).isCloseTo(sum / draws, within(0.01));
        }
    }

    @Test
    void theTermIsTwiceTheMeanBinaryCrossEntropyAgainstTheIdentity() {
        double total = 0;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                double logit = -SCALE * PcmeReference.csd(MU_A[i], LOG_SIGMA_A[i], MU_B[j],
                        LOG_SIGMA_B[j]) + SHIFT;
                total += PcmeReference.bce(logit, i == j ? 1 : 0);
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            List<LossTerm> terms = CsdLoss.builder().optVibBeta(0.5f).build()
                    .compute(PcmeReference.outputs(manager), new NDList());

            assertThat(terms).extracting(LossTerm::name).containsExactly(CsdLoss.CSD, CsdLoss.KL);
            assertThat((double) terms.get(0).value().getFloat())
                    .isCloseTo(2 * total / 4, within(1e-5));
            // PCME++'s KL: the mean over batch and dimensions of each modality
            assertThat((double) terms.get(1).value().getFloat()).isCloseTo(
                    0.5 * (PcmeReference.kl(MU_A, LOG_SIGMA_A) + PcmeReference.kl(MU_B,
                            LOG_SIGMA_B)) / 4, within(1e-6));
        }
    }

    @Test
    void gradientsReachTheMeansTheSigmasAndTheLogitParameters() {
        try (NDManager manager = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList outputs = gaussians(manager, MU_A, MU_B, SCALE, SHIFT);
            outputs.forEach(array -> array.setRequiresGradient(true));
            NDArray loss = CsdLoss.builder().optVibBeta(0).build()
                    .compute(outputs, new NDList()).get(0).value();
            collector.backward(loss);

            for (NDArray leaf : outputs) {
                try (NDArray gradient = leaf.getGradient()) {
                    assertThat(gradient.abs().sum().getFloat()).as(leaf.getName()).isPositive();
                }
            }
        }
    }

    @Test
    void matchedEmbeddingsCostLessThanSwappedOnes() {
        double[][] images = {{1, 0}, {-1, 0}};
        double[][] swapped = {{-1, 0}, {1, 0}};
        try (NDManager manager = NDManager.newBaseManager()) {
            CsdLoss loss = CsdLoss.builder().optVibBeta(0).build();
            float good = loss.compute(gaussians(manager, images, images, 5, 5), new NDList())
                    .get(0).value().getFloat();
            float bad = loss.compute(gaussians(manager, images, swapped, 5, 5), new NDList())
                    .get(0).value().getFloat();

            assertThat(bad).isGreaterThan(5 * good);
        }
    }

    @Test
    void confidentLogitsStayFinite() {
        double[][] far = {{30, 0}, {-30, 0}};
        // the wrong pairs have logits near -54000 and cost exp(-54000) = 0
        double rightPairs = 0;
        for (int i = 0; i < 2; i++) {
            rightPairs += PcmeReference.bce(-15 * PcmeReference.csd(far[i], LOG_SIGMA_A[i],
                    far[i], LOG_SIGMA_B[i]) + 15, 1);
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            float value = CsdLoss.builder().optVibBeta(0).build()
                    .compute(gaussians(manager, far, far, 15, 15), new NDList())
                    .get(0).value().getFloat();

            assertThat(value).isFinite();
            assertThat((double) value).isCloseTo(2 * rightPairs / 4, within(1e-5));
        }
    }

    @Test
    void aMeanOfAnotherShapeIsReportedWithBothNames() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList outputs = PcmeReference.outputs(manager);
            outputs.set(4, named(manager.zeros(new Shape(3, 2)), PcmeOutputs.MU_B));

            assertThatThrownBy(() -> CsdLoss.builder().build().compute(outputs, new NDList()))
                    .isInstanceOf(UserInputException.class)
                    .hasMessageContaining("'mu_b' has shape (3, 2)")
                    .hasMessageContaining("'mu_a' has shape (2, 2)");
        }
    }

    @Test
    void itReadsTheGaussiansAndTheLogitParameters() {
        assertThat(CsdLoss.builder().build().requiredOutputs()).containsExactlyInAnyOrder(
                PcmeOutputs.MU_A, PcmeOutputs.LOG_SIGMA_A, PcmeOutputs.MU_B,
                PcmeOutputs.LOG_SIGMA_B, PcmeOutputs.SCALE, PcmeOutputs.SHIFT);
    }
}
