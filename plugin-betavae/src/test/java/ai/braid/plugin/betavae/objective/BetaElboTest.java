package ai.braid.plugin.betavae.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.UserInputException;
import ai.braid.api.data.LossTerm;
import ai.braid.plugin.betavae.model.BetaVaeHead;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class BetaElboTest {

    // Two samples, three pixels, two latent units.
    private static final float[] LOGITS = {2.0f, -1.0f, 0.5f, -3.0f, 0.0f, 4.0f};
    private static final float[] PIXELS = {1, 0, 1, 0, 1, 0.5f};
    private static final float[] MU = {0.5f, -1.0f, 0.0f, 2.0f};
    private static final float[] LOGVAR = {0.0f, -0.5f, 1.0f, 0.2f};

    private static NDList outputs(NDManager manager) {
        NDArray logits = manager.create(LOGITS, new Shape(2, 3));
        logits.setName(BetaVaeHead.RECONSTRUCTION);
        NDArray mu = manager.create(MU, new Shape(2, 2));
        mu.setName(BetaVaeHead.MU);
        NDArray logvar = manager.create(LOGVAR, new Shape(2, 2));
        logvar.setName(BetaVaeHead.LOG_VARIANCE);
        return new NDList(logits, mu, logvar);
    }

    private static NDList targets(NDManager manager) {
        NDArray pixels = manager.create(PIXELS, new Shape(2, 3));
        pixels.setName(BetaElbo.PIXELS);
        return new NDList(pixels);
    }

    /** -log p(x|z) of Bernoulli pixels, written the naive way, averaged over the 2 samples. */
    private static double bernoulli() {
        double sum = 0;
        for (int i = 0; i < LOGITS.length; i++) {
            double p = 1 / (1 + Math.exp(-LOGITS[i]));
            sum -= PIXELS[i] * Math.log(p) + (1 - PIXELS[i]) * Math.log(1 - p);
        }
        return sum / 2;
    }

    private static double gaussian() {
        double sum = 0;
        for (int i = 0; i < LOGITS.length; i++) {
            double mean = 1 / (1 + Math.exp(-LOGITS[i]));
            sum += 0.5 * (PIXELS[i] - mean) * (PIXELS[i] - mean);
        }
        return sum / 2;
    }

    private static double kl() {
        double sum = 0;
        for (int i = 0; i < MU.length; i++) {
            sum += 0.5 * (MU[i] * MU[i] + Math.exp(LOGVAR[i]) - LOGVAR[i] - 1);
        }
        return sum / 2;
    }

    private static double total(List<LossTerm> terms) {
        return terms.stream().mapToDouble(t -> t.value().getFloat()).sum();
    }

    @Test
    void theLossIsReconstructionPlusBetaTimesKl() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<LossTerm> terms = BetaElbo.builder().optBeta(4).build()
                    .compute(outputs(manager), targets(manager));
            assertThat(terms).extracting(LossTerm::name)
                    .containsExactly(BetaElbo.RECONSTRUCTION, BetaElbo.BETA_KL);
            assertThat((double) terms.get(0).value().getFloat()).isCloseTo(bernoulli(),
                    within(1e-5));
            assertThat((double) terms.get(1).value().getFloat()).isCloseTo(4 * kl(),
                    within(1e-5));
            // beta = 1 is the plain VAE's negative ELBO
            assertThat(total(BetaElbo.builder().optBeta(1).build()
                    .compute(outputs(manager), targets(manager))))
                    .isCloseTo(bernoulli() + kl(), within(1e-5));
        }
    }

    @Test
    void confidentLogitsStayFinite() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logits = manager.create(new float[] {200f, -200f, 200f}, new Shape(1, 3));
            NDArray pixels = manager.create(new float[] {1f, 0f, 0f}, new Shape(1, 3));
            // the first two are right (loss ~0), the third wrong by a logit of 200
            assertThat((double) PixelLikelihood.BERNOULLI.negativeLogLikelihood(logits, pixels)
                    .getFloat()).isCloseTo(200, within(1e-3));
        }
    }

    @Test
    void theGaussianDecoderUsesTheSquaredErrorAroundTheSigmoid() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<LossTerm> terms = BetaElbo.builder().optBeta(2)
                    .optLikelihood(PixelLikelihood.GAUSSIAN).build()
                    .compute(outputs(manager), targets(manager));
            assertThat(total(terms)).isCloseTo(gaussian() + 2 * kl(), within(1e-5));
        }
    }

    @Test
    void theCapacityFormPenalisesTheDistanceToARisingTarget() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BetaElbo elbo = BetaElbo.builder()
                    .optCapacity(new CapacitySchedule(10, 1000, 100)).build();
            elbo.beginStep(250); // C = 2.5
            List<LossTerm> terms = elbo.compute(outputs(manager), targets(manager));
            assertThat(terms.get(1).name()).isEqualTo(BetaElbo.CAPACITY);
            assertThat((double) terms.get(1).value().getFloat())
                    .isCloseTo(100 * Math.abs(kl() - 2.5), within(1e-3));
            elbo.beginStep(5000); // C capped at 10
            assertThat((double) elbo.compute(outputs(manager), targets(manager)).get(1)
                    .value().getFloat()).isCloseTo(100 * Math.abs(kl() - 10), within(1e-3));
        }
    }

    @Test
    void mismatchedPixelCountsAreReportedWithTheFix() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray pixels = manager.zeros(new Shape(2, 4));
            pixels.setName(BetaElbo.PIXELS);
            assertThatThrownBy(() -> BetaElbo.builder().build()
                    .compute(outputs(manager), new NDList(pixels)))
                    .isInstanceOf(UserInputException.class)
                    .hasMessageContaining("imageSize and channels");
        }
    }
}
