package ai.braid.plugin.pcme.task;

import static ai.braid.plugin.pcme.task.RetrievalBatches.ALL_TARGETS;
import static ai.braid.plugin.pcme.task.RetrievalBatches.outputs;
import static ai.braid.plugin.pcme.task.RetrievalBatches.pair;
import static ai.braid.plugin.pcme.task.RetrievalBatches.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.UserInputException;
import ai.braid.api.data.MetricValue;
import ai.braid.api.data.Sample;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Three images e_0, e_1, e_2 in R^3, each with two captions, fed in two batches: batch one
 * pairs each image with its first caption, batch two with its second, so every image shows
 * twice. Images 0 and 1 are class 0 with tags {1, 2}, image 2 is class 1 with tags {3}.
 */
class RetrievalEvaluationTest {

    private static final int D = 3;
    private static final Directions DIRECTIONS = new Directions("i2t", "t2i");
    private static final SimilarityChoice MU = new SimilarityChoice("mu", 7, 0);
    private static final float[][] IMAGES = {unit(0, D), unit(1, D), unit(2, D)};
    private static final List<Sample> FIRST = List.of(
            pair("c0a", 0, 0, new int[] {1, 2}), pair("c1a", 1, 0, new int[] {2, 1}),
            pair("c2a", 2, 1, new int[] {3}));
    private static final List<Sample> SECOND = List.of(
            pair("c0b", 0, 0, new int[] {1, 2}), pair("c1b", 1, 0, new int[] {1, 2}),
            pair("c2b", 2, 1, new int[] {3}));

    private static Map<String, Double> byName(List<MetricValue> values) {
        Map<String, Double> map = new LinkedHashMap<>();
        values.forEach(v -> map.put(v.name(), v.value()));
        return map;
    }

    /** Feeds the two batches with the given captions (first batch, second batch). */
    private static Map<String, Double> evaluate(RetrievalEvaluation evaluation,
            NDManager manager, RetrievalTargets targets, NDList first, NDList second) {
        evaluation.update(first, targets.arrays(FIRST, manager));
        evaluation.update(second, targets.arrays(SECOND, manager));
        return byName(evaluation.compute());
    }

    private static Map<String, Double> evaluateMu(NDManager manager, RetrievalTargets targets,
            float[][] firstCaptions, float[][] secondCaptions, RetrievalEvaluation evaluation) {
        return evaluate(evaluation, manager, targets,
                outputs(manager).mu(IMAGES, firstCaptions).build(),
                outputs(manager).mu(IMAGES, secondCaptions).build());
    }

    @Test
    void captionsOnTheirImagesRecallEverythingBothWays() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, Double> metrics = evaluateMu(manager, ALL_TARGETS, IMAGES, IMAGES,
                    new RetrievalEvaluation(MU, ALL_TARGETS, DIRECTIONS));

            for (String name : List.of("recall@1_i2t", "recall@5_i2t", "recall@10_i2t",
                    "recall@1_t2i", "recall@5_t2i", "recall@10_t2i")) {
                assertThat(metrics).containsEntry(name, 1.0);
            }
            assertThat(metrics.get(RetrievalEvaluation.RSUM)).isCloseTo(6.0, within(1e-12));
            // i2t, class 0 queries (R = 4): own two captions, then the index-ordered ties c1a
            // (or c0a) and c2a, so 3 of the top 4 are class 0; class 1 (R = 2): 2 of 2
            assertThat(metrics.get("r_precision_i2t")).isCloseTo(5.0 / 6, within(1e-9));
            assertThat(metrics.get("map@r_i2t")).isCloseTo(5.0 / 6, within(1e-9));
            // tags {1,2} and {3} differ by 3 > 2, so plausible = same class at every threshold
            assertThat(metrics.get("pmrp_i2t")).isCloseTo(5.0 / 6, within(1e-9));
            // t2i, class 0 (R = 2): own image, then the other class-0 image before image 2
            assertThat(metrics.get("r_precision_t2i")).isCloseTo(1.0, within(1e-9));
            assertThat(metrics.get("pmrp_t2i")).isCloseTo(1.0, within(1e-9));
            assertThat(metrics.keySet()).noneMatch(name -> name.startsWith("sigma_")
                    || name.startsWith("uncertainty_"));
        }
    }

    @Test
    void imagesShownInSeveralBatchesAreQueriesAndGalleryItemsOnce() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RetrievalEvaluation evaluation = new RetrievalEvaluation(MU, ALL_TARGETS, DIRECTIONS);
            evaluateMu(manager, ALL_TARGETS, IMAGES, IMAGES, evaluation);

            RetrievalEvaluation.Outcome outcome = evaluation.outcome();
            assertThat(outcome.forward().queryCount()).isEqualTo(3);
            assertThat(outcome.backward().queryCount()).isEqualTo(6);
            assertThat(outcome.muA()).hasSize(3 * D);
            assertThat(outcome.muB()).hasSize(6 * D);
            assertThat(outcome.dimension()).isEqualTo(D);
        }
    }

    @Test
    void twoSwappedCaptionsMissAtOneTextToImageOnly() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // c0b now looks like image 2 and c2b like image 0
            float[][] swapped = {unit(2, D), unit(1, D), unit(0, D)};
            RetrievalEvaluation evaluation = new RetrievalEvaluation(MU, ALL_TARGETS, DIRECTIONS);
            Map<String, Double> metrics = evaluateMu(manager, ALL_TARGETS, IMAGES, swapped,
                    evaluation);

            // t2i: c0b and c2b each have one wrong image strictly above their own: rank 1
            assertThat(evaluation.outcome().backward().ranks()).containsExactly(0, 0, 0, 1, 0, 1);
            assertThat(metrics.get("recall@1_t2i")).isCloseTo(4.0 / 6, within(1e-12));
            assertThat(metrics.get("recall@5_t2i")).isEqualTo(1.0);
            // i2t: image 0 still has c0a at distance 0; c2b ties it, and ties favour the query
            assertThat(metrics.get("recall@1_i2t")).isEqualTo(1.0);
            assertThat(metrics.get(RetrievalEvaluation.RSUM))
                    .isCloseTo(6.0 - 2.0 / 6, within(1e-12));
        }
    }

    @Test
    void classAndLabelMetricsAreLeftOutWithoutThoseTargets() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RetrievalTargets groupOnly = new RetrievalTargets("image", null, null);
            Map<String, Double> metrics = evaluateMu(manager, groupOnly, IMAGES, IMAGES,
                    new RetrievalEvaluation(MU, groupOnly, DIRECTIONS));

            assertThat(metrics).containsEntry("recall@1_i2t", 1.0)
                    .containsEntry("recall@1_t2i", 1.0).containsEntry(RetrievalEvaluation.RSUM, 6.0);
            assertThat(metrics.keySet()).noneMatch(name -> name.startsWith("r_precision")
                    || name.startsWith("map@r") || name.startsWith("pmrp"));

            RetrievalTargets noTags = new RetrievalTargets("image", "category", null);
            Map<String, Double> classes = evaluateMu(manager, noTags, IMAGES, IMAGES,
                    new RetrievalEvaluation(MU, noTags, DIRECTIONS));
            assertThat(classes).containsKeys("r_precision_i2t", "map@r_t2i");
            assertThat(classes.keySet()).noneMatch(name -> name.startsWith("pmrp"));
        }
    }

    @Test
    void sigmaAddsTheUncertaintyOfEachQueryOnceAndItsCorrelationWithMisses() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // image 2's captions point away from it: it misses at 1 (rank 4), and so do they
            float[][] away = {unit(0, D), unit(1, D), {0f, 0f, -1f}};
            float[][] imageLogSigma = {{-1f, -1f, -1f}, {-0.5f, -0.5f, -0.5f}, {0.1f, 0.3f, 0.2f}};
            float[][] firstLogSigma = {{-2f, -2f, -2f}, {0f, 0f, 0f}, {0.5f, 0.5f, 0.5f}};
            float[][] secondLogSigma = {{-1.5f, -1.5f, -1.5f}, {-0.3f, -0.3f, -0.3f},
                {1f, 0.5f, 0f}};
            RetrievalEvaluation evaluation = new RetrievalEvaluation(MU, ALL_TARGETS, DIRECTIONS);
            Map<String, Double> metrics = evaluate(evaluation, manager, ALL_TARGETS,
                    outputs(manager).mu(IMAGES, away).logSigma(imageLogSigma, firstLogSigma)
                            .build(),
                    outputs(manager).mu(IMAGES, away).logSigma(imageLogSigma, secondLogSigma)
                            .build());

            assertThat(metrics.get("recall@1_i2t")).isCloseTo(2.0 / 3, within(1e-12));
            assertThat(metrics.get("recall@1_t2i")).isCloseTo(4.0 / 6, within(1e-12));
            double[] imageUncertainty = {Math.exp(-1), Math.exp(-0.5), Math.exp(0.2)};
            double[] captionUncertainty = {Math.exp(-2), Math.exp(0), Math.exp(0.5),
                Math.exp(-1.5), Math.exp(-0.3), Math.exp(0.5)};
            assertThat(metrics.get("uncertainty_i2t"))
                    .isCloseTo(mean(imageUncertainty), within(1e-5));
            assertThat(metrics.get("uncertainty_t2i"))
                    .isCloseTo(mean(captionUncertainty), within(1e-5));
            assertThat(metrics.get("sigma_failure_corr_i2t")).isCloseTo(
                    pearson(imageUncertainty, new double[] {0, 0, 1}), within(1e-5));
            assertThat(metrics.get("sigma_failure_corr_t2i")).isCloseTo(
                    pearson(captionUncertainty, new double[] {0, 0, 1, 0, 0, 1}), within(1e-5));
            // an interval needs 4 queries: the 6 captions get one around their r, the 3 images not
            assertThat(metrics.get("sigma_failure_corr_t2i_low95"))
                    .isLessThan(metrics.get("sigma_failure_corr_t2i"));
            assertThat(metrics.get("sigma_failure_corr_t2i_high95"))
                    .isGreaterThan(metrics.get("sigma_failure_corr_t2i"));
            assertThat(metrics).doesNotContainKey("sigma_failure_corr_i2t_low95");
            assertThat(evaluation.outcome().uncertaintyA()).hasSize(3);
            assertThat(evaluation.outcome().uncertaintyB()).hasSize(6);
        }
    }

    @Test
    void matchProbabilityRanksWithTheTrainedScaleAndShift() {
        // query image 0 at the origin; its caption sits at distance 1, sharply; the other
        // caption sits on the origin but with sigma 1. With a = 10 the match probability is
        // about P(distance < b / a): b = 15 favours the sharp caption at distance 1 < 1.5,
        // b = 5 the broad one, whose samples fall inside 0.5 now and then while the sharp one
        // never does. The mean ignores sigma and picks the broad one, at distance 0.
        List<Sample> samples = List.of(pair("c0", 0, null, null), pair("c1", 1, null, null));
        RetrievalTargets groupOnly = new RetrievalTargets("image", null, null);
        float[][] images = {{0f, 0f}, {-3f, 0f}};
        float[][] captions = {{1f, 0f}, {0f, 0f}};
        float[][] imageLogSigma = {{-8f, -8f}, {-8f, -8f}};
        float[][] captionLogSigma = {{-8f, -8f}, {0f, 0f}};
        SimilarityChoice matchProbability = new SimilarityChoice("match-prob", 32, 3);

        int[] ranks = new int[3];
        float[][] scaleShift = {{10f, 15f}, {10f, 5f}};
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int run = 0; run < 3; run++) {
                RetrievalEvaluation evaluation = new RetrievalEvaluation(
                        run < 2 ? matchProbability : MU, groupOnly, DIRECTIONS);
                RetrievalBatches.Outputs outputs = outputs(manager).mu(images, captions)
                        .logSigma(imageLogSigma, captionLogSigma);
                if (run < 2) {
                    outputs.match(scaleShift[run][0], scaleShift[run][1]);
                }
                evaluation.update(outputs.build(), groupOnly.arrays(samples, manager));
                assertThat(evaluation.compute()).isNotEmpty();
                ranks[run] = evaluation.outcome().forward().ranks()[0];
            }
        }
        assertThat(ranks).containsExactly(0, 1, 1);
    }

    @Test
    void matchProbabilityAndMuBothRecallPerfectPairs() {
        float[][] sharp = {{-6f, -6f, -6f}, {-6f, -6f, -6f}, {-6f, -6f, -6f}};
        for (SimilarityChoice choice : List.of(MU, new SimilarityChoice("match-prob", 4, 0))) {
            try (NDManager manager = NDManager.newBaseManager()) {
                RetrievalEvaluation evaluation =
                        new RetrievalEvaluation(choice, ALL_TARGETS, DIRECTIONS);
                Map<String, Double> metrics = evaluate(evaluation, manager, ALL_TARGETS,
                        outputs(manager).mu(IMAGES, IMAGES).logSigma(sharp, sharp)
                                .match(5f, 5f).build(),
                        outputs(manager).mu(IMAGES, IMAGES).logSigma(sharp, sharp)
                                .match(5f, 5f).build());

                assertThat(metrics).as(choice.name()).containsEntry("recall@1_i2t", 1.0)
                        .containsEntry("recall@1_t2i", 1.0);
                assertThat(metrics.get(RetrievalEvaluation.RSUM)).as(choice.name())
                        .isCloseTo(6.0, within(1e-12));
            }
        }
    }

    @Test
    void missingOutputsAndTargetsAreNamed() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RetrievalEvaluation evaluation = new RetrievalEvaluation(MU, ALL_TARGETS, DIRECTIONS);
            assertThat(evaluation.compute()).isEmpty();

            NDList onlyA = outputs(manager).add("mu_a", RetrievalBatches.matrix(manager, IMAGES))
                    .build();
            assertThatThrownBy(() -> evaluation.update(onlyA, ALL_TARGETS.arrays(FIRST, manager)))
                    .isInstanceOf(UserInputException.class).hasMessageContaining("mu_b");
            NDList groupOnly = new RetrievalTargets("image", null, null).arrays(FIRST, manager);
            assertThatThrownBy(() -> evaluation.update(
                    outputs(manager).mu(IMAGES, IMAGES).build(), groupOnly))
                    .isInstanceOf(UserInputException.class).hasMessageContaining("category");
        }
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double pearson(double[] x, double[] y) {
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
