package ai.braid.plugin.pcme.similarity;

import static ai.braid.plugin.pcme.similarity.ClosedFormSimilaritiesTest.array;
import static ai.braid.plugin.pcme.similarity.ClosedFormSimilaritiesTest.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.UserInputException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MatchProbabilitySimilarityTest {

    private static final double[][] Q_MU = {{0.5, -1.0, 0.2}, {1.5, 0.3, -0.7}};
    private static final double[][] Q_LS = {{-0.5, 0.1, -1.2}, {0.3, -0.2, 0.0}};
    private static final double[][] G_MU = {{0.4, -0.8, 0.0}, {-1.0, 0.5, 1.1}, {1.5, 0.3, -0.7}};
    private static final double[][] G_LS = {{-0.3, 0.2, -1.0}, {0.0, 0.0, 0.0}, {0.3, -0.2, 0.0}};

    private static final float A = 2f;
    private static final float B = 1.5f;

    private static float[] flat(double[][] values) {
        float[] out = new float[values.length * values[0].length];
        for (int i = 0; i < values.length; i++) {
            for (int d = 0; d < values[0].length; d++) {
                out[i * values[0].length + d] = (float) values[i][d];
            }
        }
        return out;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** The mean of sigmoid(2(-a sqrt(|zq - zg|^2 + 1e-6) + b)) over all sample pairs. */
    private static double meanMatch(double[][] querySamples, double[][] gallerySamples) {
        double total = 0;
        for (double[] zq : querySamples) {
            for (double[] zg : gallerySamples) {
                double squared = 0;
                for (int d = 0; d < zq.length; d++) {
                    squared += (zq[d] - zg[d]) * (zq[d] - zg[d]);
                }
                total += sigmoid(2 * (-A * Math.sqrt(squared + 1e-6) + B));
            }
        }
        return total / (querySamples.length * gallerySamples.length);
    }

    /** Row i's J samples mu + eps * sigma from the noise the similarity draws. */
    private static double[][] samples(double[] mu, double[] logSigma, float[] noise, int row,
            int samples) {
        int dimension = mu.length;
        double[][] out = new double[samples][dimension];
        for (int j = 0; j < samples; j++) {
            for (int d = 0; d < dimension; d++) {
                float eps = noise[(row * samples + j) * dimension + d];
                out[j][d] = (float) mu[d] + eps * Math.exp((float) logSigma[d]);
            }
        }
        return out;
    }

    @Test
    void scoresAreTheMeanMatchProbabilityOverTheDrawnSamplePairs() {
        MatchProbabilityParameters parameters = new MatchProbabilityParameters(A, B, 4, 11);
        float[] queryNoise = MatchProbabilitySimilarity.queryNoise(flat(Q_MU), flat(Q_LS), 2, 3,
                parameters);
        float[] galleryNoise = MatchProbabilitySimilarity.galleryNoise(flat(G_MU), flat(G_LS), 3,
                3, parameters);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray scores = new MatchProbabilitySimilarity(parameters)
                    .score(set(manager, Q_MU, Q_LS), set(manager, G_MU, G_LS));
            assertThat(scores.getShape()).isEqualTo(new Shape(2, 3));
            assertThat(scores.getDataType()).isEqualTo(DataType.FLOAT32);
            for (int i = 0; i < 2; i++) {
                for (int g = 0; g < 3; g++) {
                    double want = meanMatch(samples(Q_MU[i], Q_LS[i], queryNoise, i, 4),
                            samples(G_MU[g], G_LS[g], galleryNoise, g, 4));
                    assertThat((double) scores.getFloat(i, g)).as("(%d, %d)", i, g)
                            .isCloseTo(want, within(2e-5))
                            .isStrictlyBetween(0.0, 1.0);
                }
            }
        }
    }

    @Test
    void estimateAgreesWithAnIndependentMonteCarloEstimate() {
        // broad enough that the spread moves the expectation away from the means' probability
        double[][] qMu = {{0.2, 0.1, -0.3}};
        double[][] qLs = {{-1.0, -0.8, -1.2}};
        double[][] gMu = {{0.5, -0.2, 0.0}, {0.2, 0.1, -0.3}};
        double[][] gLs = {{-0.9, -1.0, -1.1}, {-1.3, -1.0, -0.7}};
        int seeds = 200;
        double[] mean = new double[2];
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianSet queries = set(manager, qMu, qLs);
            GaussianSet gallery = set(manager, gMu, gLs);
            // each seed's 16 x 16 pairs are unbiased; averaging seeds shrinks their spread
            for (int seed = 0; seed < seeds; seed++) {
                float[] scores = new MatchProbabilitySimilarity(
                        new MatchProbabilityParameters(A, B, 16, seed)).score(queries, gallery)
                        .toFloatArray();
                for (int g = 0; g < 2; g++) {
                    assertThat(scores[g]).isStrictlyBetween(0f, 1f);
                    mean[g] += scores[g] / seeds;
                }
            }
        }
        Random random = new Random(5);
        for (int g = 0; g < 2; g++) {
            double[][] zq = new double[3000][3];
            double[][] zg = new double[3000][3];
            for (int j = 0; j < zq.length; j++) {
                for (int d = 0; d < 3; d++) {
                    zq[j][d] = qMu[0][d] + random.nextGaussian() * Math.exp(qLs[0][d]);
                    zg[j][d] = gMu[g][d] + random.nextGaussian() * Math.exp(gLs[g][d]);
                }
            }
            // both estimates have a spread of about 0.005 here (sd of p ~ 0.2); the expectation
            // differs from the means' match probability by 0.35 and more
            double reference = meanMatch(zq, zg);
            assertThat(mean[g]).as("gallery %d", g).isCloseTo(reference, within(0.025));
            double ofMeans = meanMatch(qMu, new double[][] {gMu[g]});
            assertThat(Math.abs(reference - ofMeans)).as("sigma matters").isGreaterThan(0.05);
        }
        // the Gaussian centred on the query is the more probable match
        assertThat(mean[1]).isGreaterThan(mean[0]);
    }

    @Test
    void withoutSpreadTheScoreIsTheMatchProbabilityOfTheMeans() {
        // sigma = e^-30: every sample sits on its mean
        double[][] ls = {{-30, -30, -30}};
        double[][] qMu = {{0, 0, 0}};
        double[][] gMu = {{1, 2, 2}};
        try (NDManager manager = NDManager.newBaseManager()) {
            float score = new MatchProbabilitySimilarity(new MatchProbabilityParameters(A, B, 3,
                    0)).score(set(manager, qMu, ls), set(manager, gMu, ls)).getFloat(0, 0);
            // distance sqrt(1 + 4 + 4 + 1e-6) = 3.0000002; sigmoid(2 (-2 * 3 + 1.5)) = sigmoid(-9)
            assertThat((double) score).isCloseTo(sigmoid(-9), within(1e-7));
        }
    }

    @Test
    void aPairScoresTheSameInAnyChunkOrOrderAndTheSeedMatters() {
        MatchProbabilityParameters parameters = new MatchProbabilityParameters(A, B, 5, 7);
        MatchProbabilitySimilarity similarity = new MatchProbabilitySimilarity(parameters);
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianSet queries = set(manager, Q_MU, Q_LS);
            GaussianSet gallery = set(manager, G_MU, G_LS);
            NDArray all = similarity.score(queries, gallery);
            NDArray second = similarity.score(queries.rows(1, 2), gallery);
            assertThat(second.toFloatArray()).containsExactly(all.get(1).toFloatArray());
            double[][] reversedMu = {G_MU[2], G_MU[1], G_MU[0]};
            double[][] reversedLs = {G_LS[2], G_LS[1], G_LS[0]};
            float[] reversed = similarity.score(queries, set(manager, reversedMu, reversedLs))
                    .get(0).toFloatArray();
            float[] row = all.get(0).toFloatArray();
            assertThat(reversed).containsExactly(row[2], row[1], row[0]);
            assertThat(similarity.score(queries, gallery).toFloatArray())
                    .containsExactly(all.toFloatArray());
            float[] otherSeed = new MatchProbabilitySimilarity(
                    new MatchProbabilityParameters(A, B, 5, 8)).score(queries, gallery)
                    .toFloatArray();
            assertThat(otherSeed).isNotEqualTo(all.toFloatArray());
        }
    }

    @Test
    void onlyTheScoresStayOnTheQueriesManager() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianSet queries = set(manager, Q_MU, Q_LS);
            GaussianSet gallery = set(manager, G_MU, G_LS);
            int before = manager.getManagedArrays().size();
            NDArray scores = new MatchProbabilitySimilarity(MatchProbabilityParameters.of(A, B))
                    .score(queries, gallery);
            assertThat(scores.getManager()).isSameAs(manager);
            assertThat(manager.getManagedArrays()).hasSize(before + 1);
        }
    }

    @Test
    void invalidInputsAndParametersAreRejected() {
        assertThatThrownBy(() -> new MatchProbabilityParameters(0f, 1f, 7, 0))
                .isInstanceOf(UserInputException.class).hasMessageContaining("scale");
        assertThatThrownBy(() -> new MatchProbabilityParameters(1f, Float.NaN, 7, 0))
                .isInstanceOf(UserInputException.class).hasMessageContaining("shift");
        assertThatThrownBy(() -> new MatchProbabilityParameters(1f, 1f, 0, 0))
                .isInstanceOf(UserInputException.class).hasMessageContaining("sample");
        MatchProbabilitySimilarity similarity =
                new MatchProbabilitySimilarity(MatchProbabilityParameters.of(A, B));
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianSet queries = set(manager, Q_MU, Q_LS);
            assertThatThrownBy(() -> similarity.score(queries,
                    set(manager, new double[][] {{1, 2}}, new double[][] {{0, 0}})))
                    .isInstanceOf(UserInputException.class).hasMessageContaining("dimension");
            assertThatThrownBy(() -> similarity.score(queries,
                    GaussianSet.points(array(manager, G_MU))))
                    .isInstanceOf(UserInputException.class).hasMessageContaining("sigma");
        }
    }
}
