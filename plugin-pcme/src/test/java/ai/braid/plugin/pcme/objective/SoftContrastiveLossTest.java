package ai.braid.plugin.pcme.objective;

import static ai.braid.plugin.pcme.objective.PcmeReference.LOG_SIGMA_A;
import static ai.braid.plugin.pcme.objective.PcmeReference.LOG_SIGMA_B;
import static ai.braid.plugin.pcme.objective.PcmeReference.MU_A;
import static ai.braid.plugin.pcme.objective.PcmeReference.MU_B;
import static ai.braid.plugin.pcme.objective.PcmeReference.SAMPLES_A;
import static ai.braid.plugin.pcme.objective.PcmeReference.SAMPLES_B;
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
import org.junit.jupiter.api.Test;

class SoftContrastiveLossTest {

    private static SoftContrastiveLoss.Builder noRegularisers() {
        return SoftContrastiveLoss.builder().optVibBeta(0);
    }

    private static double value(List<LossTerm> terms, String name) {
        return terms.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow()
                .value().getFloat();
    }

    @Test
    void eachPairsNllIsMinusTheLogOfTheMeanSampleMatchProbability() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList outputs = PcmeReference.outputs(manager);
            NDArray nll = noRegularisers().build().pairNll(outputs.get(PcmeOutputs.SAMPLES_A),
                    outputs.get(PcmeOutputs.SAMPLES_B), outputs);

            assertThat(nll.getShape()).isEqualTo(new Shape(2, 2));
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    double expected = PcmeReference.nll(SAMPLES_A[i], SAMPLES_B[j], SCALE, SHIFT,
                            i == j);
                    assertThat((double) nll.getFloat(i, j)).as("pair (%d, %d)", i, j)
                            .isCloseTo(expected, within(1e-5));
                }
            }
        }
    }

    @Test
    void theTermIsBothDirectionsSummedOverAllPairs() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<LossTerm> terms = noRegularisers().build()
                    .compute(PcmeReference.outputs(manager), new NDList());

            assertThat(terms).extracting(LossTerm::name)
                    .containsExactly(SoftContrastiveLoss.SOFT_CONTRASTIVE);
            // the reference computes the text-to-image direction separately; it must agree
            assertThat(value(terms, SoftContrastiveLoss.SOFT_CONTRASTIVE)).isCloseTo(
                    PcmeReference.softContrastiveSum(SAMPLES_A, SAMPLES_B, SCALE, SHIFT),
                    within(1e-4));
        }
    }

    @Test
    void theMeanReductionDividesEveryTermByBSquared() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList outputs = PcmeReference.outputs(manager);
            SoftContrastiveLoss.Builder builder = SoftContrastiveLoss.builder().optVibBeta(0.5f)
                    .optUniformityWeight(2f);
            List<LossTerm> sum = builder.optReduction(PairReduction.SUM).build()
                    .compute(outputs, new NDList());
            List<LossTerm> mean = builder.optReduction(PairReduction.MEAN).build()
                    .compute(outputs, new NDList());

            assertThat(sum).extracting(LossTerm::name).containsExactly(
                    SoftContrastiveLoss.SOFT_CONTRASTIVE, SoftContrastiveLoss.KL,
                    SoftContrastiveLoss.UNIFORMITY);
            assertThat(mean).extracting(LossTerm::name)
                    .isEqualTo(sum.stream().map(LossTerm::name).toList());
            for (int k = 0; k < sum.size(); k++) {
                double summed = sum.get(k).value().getFloat();
                assertThat(summed).isNotZero();
                assertThat(summed).as(sum.get(k).name())
                        .isCloseTo(4 * mean.get(k).value().getFloat(), within(1e-5));
            }
        }
    }

    @Test
    void theKlTermIsVibBetaTimesTheKlSummedOverBatchAndDimensions() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<LossTerm> terms = SoftContrastiveLoss.builder().optVibBeta(0.25f).build()
                    .compute(PcmeReference.outputs(manager), new NDList());

            assertThat(value(terms, SoftContrastiveLoss.KL)).isCloseTo(
                    0.25 * (PcmeReference.kl(MU_A, LOG_SIGMA_A)
                            + PcmeReference.kl(MU_B, LOG_SIGMA_B)), within(1e-5));
        }
    }

    @Test
    void theUniformityTermCoversTheSamplesOfBothModalities() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<LossTerm> terms = noRegularisers().optUniformityWeight(10f).build()
                    .compute(PcmeReference.outputs(manager), new NDList());

            assertThat(value(terms, SoftContrastiveLoss.UNIFORMITY)).isCloseTo(
                    10 * PcmeReference.uniformity(
                            PcmeReference.allSamples(SAMPLES_A, SAMPLES_B)), within(1e-4));
        }
    }

    @Test
    void gradientsReachTheMeansTheSigmasAndTheLogitParameters() {
        try (NDManager manager = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray muA = manager.create(PcmeReference.flatten(MU_A), new Shape(2, 2));
            NDArray logSigmaA = manager.create(PcmeReference.flatten(LOG_SIGMA_A),
                    new Shape(2, 2));
            NDArray muB = manager.create(PcmeReference.flatten(MU_B), new Shape(2, 2));
            NDArray logSigmaB = manager.create(PcmeReference.flatten(LOG_SIGMA_B),
                    new Shape(2, 2));
            NDArray scale = manager.create(new float[] {(float) SCALE});
            NDArray shift = manager.create(new float[] {(float) SHIFT});
            List<NDArray> leaves = List.of(muA, logSigmaA, muB, logSigmaB, scale, shift);
            leaves.forEach(leaf -> leaf.setRequiresGradient(true));
            // the head's sampling, with fixed noise: mu + eps * exp(log sigma), (B, J, D)
            NDArray noise = manager.create(new float[] {0.3f, -1.1f, 0.8f, 0.2f, -0.5f, 1.4f,
                -0.9f, 0.6f}, new Shape(2, 2, 2));
            NDList outputs = new NDList(
                    named(muA.expandDims(1).add(noise.mul(logSigmaA.exp().expandDims(1))),
                            PcmeOutputs.SAMPLES_A),
                    named(muB.expandDims(1).add(noise.flip(1).mul(logSigmaB.exp().expandDims(1))),
                            PcmeOutputs.SAMPLES_B),
                    named(scale, PcmeOutputs.SCALE),
                    named(shift, PcmeOutputs.SHIFT));
            // no KL: mu and log sigma get their gradient through the samples alone
            NDArray loss = noRegularisers().optUniformityWeight(1f).build()
                    .compute(outputs, new NDList()).stream().map(LossTerm::value)
                    .reduce(NDArray::add).orElseThrow();
            collector.backward(loss);

            for (NDArray leaf : leaves) {
                try (NDArray gradient = leaf.getGradient()) {
                    assertThat(gradient.abs().sum().getFloat()).isPositive();
                    assertThat(Float.isFinite(gradient.sum().getFloat())).isTrue();
                }
            }
        }
    }

    @Test
    void matchedEmbeddingsCostLessThanSwappedOnes() {
        double[][][] images = {{{1, 0}, {0.95, 0.05}}, {{-1, 0}, {-0.95, -0.05}}};
        double[][][] matched = {{{0.98, 0.02}, {1, -0.03}}, {{-0.97, 0.01}, {-1, 0.02}}};
        double[][][] swapped = {matched[1], matched[0]};
        try (NDManager manager = NDManager.newBaseManager()) {
            SoftContrastiveLoss loss = noRegularisers().build();
            double good = value(loss.compute(
                    PcmeReference.outputs(manager, images, matched, 5, 5), new NDList()),
                    SoftContrastiveLoss.SOFT_CONTRASTIVE);
            double bad = value(loss.compute(
                    PcmeReference.outputs(manager, images, swapped, 5, 5), new NDList()),
                    SoftContrastiveLoss.SOFT_CONTRASTIVE);

            assertThat(good).isLessThan(0.5);
            assertThat(bad).isGreaterThan(10 * good);
        }
    }

    @Test
    void confidentLogitsStayFinite() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // s reaches -283: exp(-2 s) overflows a float, exp(2 s) underflows it
            double[][][] far = {{{10, 0}, {10, 0}}, {{-10, 0}, {-10, 0}}};
            double value = value(noRegularisers().build().compute(
                    PcmeReference.outputs(manager, far, SAMPLES_B, 30, 30), new NDList()),
                    SoftContrastiveLoss.SOFT_CONTRASTIVE);

            assertThat(value).isCloseTo(
                    PcmeReference.softContrastiveSum(far, SAMPLES_B, 30, 30), within(1e-1));
            assertThat(Double.isFinite(value)).isTrue();
        }
    }

    @Test
    void termsWithWeightZeroAreLeftOutAndTheirOutputsNotRequired() {
        assertThat(noRegularisers().build().requiredOutputs()).containsExactlyInAnyOrder(
                PcmeOutputs.SAMPLES_A, PcmeOutputs.SAMPLES_B,
                PcmeOutputs.SCALE, PcmeOutputs.SHIFT);
        assertThat(SoftContrastiveLoss.builder().optSamples("v", "t")
                .optOutputs(new GaussianPairOutputs("m1", "s1", "m2", "s2", "a", "b")).build()
                .requiredOutputs())
                .containsExactlyInAnyOrder("v", "t", "m1", "m2", "s1", "s2", "a", "b");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList samplesOnly = new NDList();
            PcmeReference.outputs(manager).stream()
                    .filter(a -> !a.getName().startsWith("mu") && !a.getName().startsWith("log"))
                    .forEach(samplesOnly::add);
            assertThat(noRegularisers().build().compute(samplesOnly, new NDList())).hasSize(1);
        }
    }

    @Test
    void mismatchedSampleShapesNameBothOutputs() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList outputs = PcmeReference.outputs(manager);
            outputs.set(1, named(manager.zeros(new Shape(2, 3, 2)), PcmeOutputs.SAMPLES_B));

            assertThatThrownBy(() -> noRegularisers().build().compute(outputs, new NDList()))
                    .isInstanceOf(UserInputException.class)
                    .hasMessageContaining("'samples_b' has shape (2, 3, 2)")
                    .hasMessageContaining("'samples_a' has shape (2, 2, 2)");
        }
    }

    @Test
    void meansThatDoNotFitTheSamplesAreReported() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList outputs = PcmeReference.outputs(manager);
            outputs.set(4, named(manager.zeros(new Shape(2, 3)), PcmeOutputs.MU_B));

            assertThatThrownBy(() -> SoftContrastiveLoss.builder().build()
                    .compute(outputs, new NDList()))
                    .isInstanceOf(UserInputException.class)
                    .hasMessageContaining("'mu_b' has shape (2, 3)")
                    .hasMessageContaining("'mu_a' has shape (2, 2)");
        }
    }

    @Test
    void aMissingOutputAndAScaleOfTwoNumbersAreReported() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList outputs = PcmeReference.outputs(manager);
            assertThatThrownBy(() -> noRegularisers().optSamples("image", "text").build()
                    .compute(outputs, new NDList()))
                    .isInstanceOf(UserInputException.class)
                    .hasMessageContaining("'image'").hasMessageContaining("samples_a");
            outputs.set(6, named(manager.ones(new Shape(2)), PcmeOutputs.SCALE));
            assertThatThrownBy(() -> noRegularisers().build().compute(outputs, new NDList()))
                    .isInstanceOf(UserInputException.class)
                    .hasMessageContaining("'pcme_a' must hold one number");
        }
    }

    @Test
    void negativeWeightsAreRefused() {
        assertThatThrownBy(() -> SoftContrastiveLoss.builder().optVibBeta(-1f))
                .isInstanceOf(UserInputException.class).hasMessageContaining("vibBeta");
        assertThatThrownBy(() -> SoftContrastiveLoss.builder().optUniformityWeight(Float.NaN))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("uniformityWeight");
    }
}
