package ai.braid.plugin.betavae.metric;

import static org.assertj.core.api.Assertions.assertThat;

import ai.braid.plugin.betavae.DSpritesFactors;
import ai.braid.plugin.betavae.DSpritesRenderer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints where the non-model baselines land against the paper (raw pixels 45.75, PCA 84.9, ICA
 * 42.03, in %) and how long each takes. Minutes on two cores, so it runs only with
 * {@code -Dbraid.betavae.baselineScores=true}; the sizes can be set with
 * {@code -Dbraid.betavae.trainPoints}, {@code evalPoints} and {@code fitSample}.
 */
@EnabledIfSystemProperty(named = "braid.betavae.baselineScores", matches = "true")
class BaselineRepresentationScoresTest {

    private static int property(String name, int fallback) {
        return Integer.parseInt(System.getProperty("braid.betavae." + name,
                String.valueOf(fallback)));
    }

    private static <T> T timed(String what, Supplier<T> task) {
        long start = System.nanoTime();
        T result = task.get();
        System.out.printf("%-28s %8.1f s%n", what, (System.nanoTime() - start) / 1e9);
        return result;
    }

    @Test
    void printTheBaselineScores() {
        DSpritesRenderer renderer = new DSpritesRenderer();
        List<DSpritesFactors> images = Factors.uniform(100_000, new SplittableRandom(1));
        long checksum = 0;
        for (int round = 0; round < 2; round++) {
            long start = System.nanoTime();
            for (DSpritesFactors factors : images) {
                checksum += renderer.render(factors)[2080];
            }
            System.out.printf("render: %.2f us per image (round %d)%n",
                    (System.nanoTime() - start) / 1e3 / images.size(), round);
        }

        DisentanglementMetric metric = DisentanglementMetric.builder()
                .optTrainPoints(property("trainPoints", 2_000))
                .optEvalPoints(property("evalPoints", 1_000)).build();
        int fitSample = property("fitSample", 5_000);
        System.out.printf("L %d, %d training and %d evaluation points, baselines fitted on %d "
                + "images%n", metric.getPairs(), metric.getTrainPoints(), metric.getEvalPoints(),
                fitSample);
        report("ground truth", timed("ground truth: metric",
                () -> metric.evaluate(new GroundTruthRepresentation())));
        report("raw pixels", timed("raw pixels: metric",
                () -> metric.evaluate(new RawPixelRepresentation())));
        PcaRepresentation pca = timed("PCA: fit", () -> PcaRepresentation.fit(fitSample, 0));
        report("PCA", timed("PCA: metric", () -> metric.evaluate(pca)));
        IcaRepresentation ica = timed("ICA: fit", () -> IcaRepresentation.fit(fitSample, 0));
        report("ICA", timed("ICA: metric", () -> metric.evaluate(ica)));
        assertThat(checksum).isPositive();
    }

    private static void report(String name, DisentanglementScore score) {
        System.out.printf("%-12s eval %5.1f %%  train %5.1f %%%n", name,
                100 * score.evalAccuracy(), 100 * score.trainAccuracy());
    }
}
