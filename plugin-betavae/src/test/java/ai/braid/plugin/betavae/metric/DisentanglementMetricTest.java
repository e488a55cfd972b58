package ai.braid.plugin.betavae.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import ai.braid.plugin.betavae.DSpritesFactors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DisentanglementMetricTest {

    private static DisentanglementMetric.Builder tiny() {
        return DisentanglementMetric.builder().optTrainPoints(500).optEvalPoints(300)
                .optPairs(16).optBatchPoints(32).optSeed(1);
    }

    /** Codes drawn from N(0, 1), unrelated to the images. */
    private static FactorRepresentation noise(long seed, int width) {
        Random random = new Random(seed);
        return factors -> {
            double[][] codes = new double[factors.size()][width];
            for (double[] code : codes) {
                for (int d = 0; d < width; d++) {
                    code[d] = random.nextGaussian();
                }
            }
            return codes;
        };
    }

    /** Records every batch it is asked to encode and returns the ground truth. */
    private static final class Recording implements FactorRepresentation {

        final List<List<DSpritesFactors>> batches = new ArrayList<>();

        @Override
        public double[][] encode(List<DSpritesFactors> factors) {
            batches.add(factors);
            return new GroundTruthRepresentation().encode(factors);
        }
    }

    @Test
    void theGroundTruthIsNearlyPerfectlyDisentangled() {
        DisentanglementScore score = tiny().build().evaluate(new GroundTruthRepresentation());

        assertThat(score.evalAccuracy()).isGreaterThanOrEqualTo(0.99);
        assertThat(score.trainAccuracy()).isGreaterThanOrEqualTo(0.99);
        assertThat(score.trainPoints()).isEqualTo(500);
        assertThat(score.evalPoints()).isEqualTo(300);
        assertThat(Arrays.stream(score.evalRecallPerFactor())).hasSize(5)
                .allMatch(recall -> recall >= 0.95);
    }

    @Test
    void factorsTheCodeIgnoresAreConfusedWithEachOther() {
        // A code of the position only: a fixed x or y shows as a zero difference, but fixing
        // shape, scale or orientation leaves the code's differences alike, so those three
        // cannot be told apart and the score is capped near (2 + 1) / 5.
        FactorRepresentation position = factors -> factors.stream()
                .map(f -> new double[] {f.positionX(), f.positionY()})
                .toArray(double[][]::new);
        DisentanglementScore score = tiny().build().evaluate(position);
        double[] recall = score.evalRecallPerFactor();

        assertThat(recall[3]).isGreaterThan(0.95);
        assertThat(recall[4]).isGreaterThan(0.95);
        assertThat(recall[0] + recall[1] + recall[2]).isBetween(0.6, 1.4);
        assertThat(score.evalAccuracy()).isBetween(0.45, 0.75);
    }

    @Test
    void noiseScoresNearChance() {
        DisentanglementScore score = tiny().build().evaluate(noise(5, 10));

        // Five factors: chance is 0.2.
        assertThat(score.evalAccuracy()).isBetween(0.1, 0.35);
    }

    @Test
    void eachPointPairsImagesThatShareOneFactor() {
        int pairs = 8;
        Recording recording = new Recording();
        DisentanglementMetric.builder().optTrainPoints(50).optEvalPoints(7).optPairs(pairs)
                .optBatchPoints(4).build().evaluate(recording);

        // 50 training points in 13 calls (12 of 4, one of 2), 7 evaluation points in 2.
        assertThat(recording.batches).hasSize(15);
        assertThat(recording.batches.get(0)).hasSize(4 * 2 * pairs);
        assertThat(recording.batches.get(12)).hasSize(2 * 2 * pairs);
        assertThat(recording.batches.get(14)).hasSize(3 * 2 * pairs);
        int[] sharedCounts = new int[Factors.COUNT];
        for (List<DSpritesFactors> batch : recording.batches) {
            for (int start = 0; start < batch.size(); start += 2 * pairs) {
                // Some factor k has v1[k] == v2[k] in all pairs of the point.
                List<Integer> shared = new ArrayList<>();
                for (int k = 0; k < Factors.COUNT; k++) {
                    boolean all = true;
                    for (int l = 0; l < pairs; l++) {
                        all &= Factors.get(batch.get(start + l), k)
                                == Factors.get(batch.get(start + pairs + l), k);
                    }
                    if (all) {
                        shared.add(k);
                    }
                }
                assertThat(shared).isNotEmpty();
                sharedCounts[shared.get(0)]++;
            }
        }
        // Every factor is chosen sometimes among 57 points.
        assertThat(java.util.Arrays.stream(sharedCounts).min().getAsInt()).isPositive();
    }

    @Test
    void aSeedFixesTheImagesAndTheScoreAndTrainingAndEvaluationDiffer() {
        FactorRepresentation noisyTruth = factors -> {
            double[][] codes = new GroundTruthRepresentation().encode(factors);
            // Deterministic per image, so that the score is not trivially 1.
            for (int i = 0; i < codes.length; i++) {
                Random random = new Random(factors.get(i).index());
                for (int d = 0; d < codes[i].length; d++) {
                    codes[i][d] += 3 * random.nextGaussian();
                }
            }
            return codes;
        };
        DisentanglementMetric metric = tiny().optSeed(3).build();
        Recording first = new Recording();
        Recording second = new Recording();
        Recording other = new Recording();
        metric.evaluate(first);
        metric.evaluate(second);
        tiny().optSeed(4).build().evaluate(other);

        assertThat(second.batches).isEqualTo(first.batches);
        assertThat(other.batches.get(0)).isNotEqualTo(first.batches.get(0));
        // 500 training points in 16 calls of 32 points: call 16 starts the evaluation points.
        assertThat(first.batches.get(16)).isNotEqualTo(first.batches.get(0));
        DisentanglementScore score = metric.evaluate(noisyTruth);
        assertThat(metric.evaluate(noisyTruth)).isEqualTo(score);
        assertThat(score.evalAccuracy()).isBetween(0.3, 0.99);
    }

    @Test
    void badOptionsAreRejected() {
        assertThatThrownBy(() -> DisentanglementMetric.builder().optPairs(0).build())
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("pairs (L) must be at least 1, got 0");
        assertThatThrownBy(() -> DisentanglementMetric.builder().optTrainPoints(49).build())
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("trainPoints must be at least 50, got 49");
        assertThatThrownBy(() -> DisentanglementMetric.builder().optEvalPoints(0).build())
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("evalPoints must be at least 1, got 0");
        assertThatThrownBy(() -> DisentanglementMetric.builder().optBatchPoints(-2).build())
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("batchPoints must be at least 1, got -2");
        assertThatThrownBy(() -> DisentanglementMetric.builder().optPairs(1 << 20)
                .optBatchPoints(1 << 12).build())
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("must fit one list of images");
        DisentanglementMetric defaults = DisentanglementMetric.builder().build();
        assertThat(defaults.getPairs()).isEqualTo(64);
        assertThat(defaults.getTrainPoints()).isEqualTo(10_000);
        assertThat(defaults.getEvalPoints()).isEqualTo(5_000);
    }

    @Test
    void badCodesAreRejected() {
        DisentanglementMetric metric = tiny().build();

        assertThatThrownBy(() -> metric.evaluate(factors -> new double[3][2]))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("expected 1024 rows, got 3");
        assertThatThrownBy(() -> metric.evaluate(factors -> {
            double[][] codes = new double[factors.size()][2];
            codes[7] = new double[3];
            return codes;
        })).isInstanceOf(UserInputException.class)
                .hasMessageContaining("expected 2 values in row 7, got 3");
        assertThatThrownBy(() -> metric.evaluate(factors -> {
            double[][] codes = new double[factors.size()][2];
            codes[5][1] = Double.NaN;
            return codes;
        })).isInstanceOf(UserInputException.class)
                .hasMessageContaining("non-finite value (NaN) in row 5");
    }
}
