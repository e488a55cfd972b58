package ai.braid.plugin.pcme.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.UserInputException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ClosedFormSimilaritiesTest {

    // Two queries and three gallery items in D = 3; gallery item 2 equals query 1.
    private static final double[][] Q_MU = {{0.5, -1.0, 0.2}, {1.5, 0.3, -0.7}};
    private static final double[][] Q_LS = {{-0.5, 0.1, -1.2}, {0.3, -0.2, 0.0}};
    private static final double[][] G_MU = {{0.4, -0.8, 0.0}, {-1.0, 0.5, 1.1}, {1.5, 0.3, -0.7}};
    private static final double[][] G_LS = {{-0.3, 0.2, -1.0}, {0.0, 0.0, 0.0}, {0.3, -0.2, 0.0}};

    private static final List<String> CLOSED_FORMS = List.of("mu", "wasserstein", "elk", "kl",
            "js", "bhattacharyya", "csd");
    private static final List<String> SYMMETRIC = List.of("mu", "wasserstein", "elk", "js",
            "bhattacharyya", "csd");

    /** Each similarity of one pair of Gaussians, written per dimension from its definition. */
    private static final Map<String, PairFormula> FORMULAS = Map.of(
            "mu", (m1, s1, m2, s2) -> -sum(m1.length, d -> sq(m1[d] - m2[d])),
            "wasserstein", (m1, s1, m2, s2) -> -sum(m1.length,
                    d -> sq(m1[d] - m2[d]) + sq(s1[d] - s2[d])),
            "elk", (m1, s1, m2, s2) -> -0.5 * sum(m1.length, d -> {
                double v = sq(s1[d]) + sq(s2[d]);
                return sq(m1[d] - m2[d]) / v + Math.log(v);
            }),
            "kl", (m1, s1, m2, s2) -> -kl(m1, s1, m2, s2),
            "js", (m1, s1, m2, s2) -> -(kl(m1, s1, m2, s2) + kl(m2, s2, m1, s1)),
            "bhattacharyya", (m1, s1, m2, s2) -> -sum(m1.length, d -> {
                double v = sq(s1[d]) + sq(s2[d]);
                return sq(m1[d] - m2[d]) / (4 * v) + 0.5 * Math.log(v / (2 * s1[d] * s2[d]));
            }),
            "csd", (m1, s1, m2, s2) -> -sum(m1.length,
                    d -> sq(m1[d] - m2[d]) + sq(s1[d]) + sq(s2[d])));

    @FunctionalInterface
    private interface PairFormula {
        double apply(double[] mu1, double[] sigma1, double[] mu2, double[] sigma2);
    }

    private interface IntToDouble {
        double apply(int d);
    }

    private static double sum(int dimension, IntToDouble term) {
        double total = 0;
        for (int d = 0; d < dimension; d++) {
            total += term.apply(d);
        }
        return total;
    }

    private static double sq(double x) {
        return x * x;
    }

    /** KL(1 || 2) of diagonal Gaussians, the textbook closed form. */
    private static double kl(double[] m1, double[] s1, double[] m2, double[] s2) {
        return 0.5 * sum(m1.length, d -> {
            double v1 = sq(s1[d]);
            double v2 = sq(s2[d]);
            return v1 / v2 + sq(m1[d] - m2[d]) / v2 - 1 + Math.log(v2 / v1);
        });
    }

    private static double[][] exp(double[][] logs) {
        double[][] out = new double[logs.length][];
        for (int i = 0; i < logs.length; i++) {
            out[i] = new double[logs[i].length];
            for (int d = 0; d < logs[i].length; d++) {
                out[i][d] = Math.exp(logs[i][d]);
            }
        }
        return out;
    }

    private static double[][] expected(String name, double[][] qMu, double[][] qLs,
            double[][] gMu, double[][] gLs) {
        double[][] qSigma = exp(qLs);
        double[][] gSigma = exp(gLs);
        double[][] out = new double[qMu.length][gMu.length];
        for (int i = 0; i < qMu.length; i++) {
            for (int j = 0; j < gMu.length; j++) {
                out[i][j] = FORMULAS.get(name).apply(qMu[i], qSigma[i], gMu[j], gSigma[j]);
            }
        }
        return out;
    }

    static NDArray array(NDManager manager, double[][] values) {
        int columns = values[0].length;
        float[] flat = new float[values.length * columns];
        for (int i = 0; i < values.length; i++) {
            for (int d = 0; d < columns; d++) {
                flat[i * columns + d] = (float) values[i][d];
            }
        }
        return manager.create(flat, new Shape(values.length, columns));
    }

    static GaussianSet set(NDManager manager, double[][] mu, double[][] logSigma) {
        return new GaussianSet(array(manager, mu), array(manager, logSigma));
    }

    private static void assertScores(NDArray scores, double[][] expected, double tolerance) {
        assertThat(scores.getShape()).isEqualTo(new Shape(expected.length, expected[0].length));
        assertThat(scores.getDataType()).isEqualTo(DataType.FLOAT32);
        float[] values = scores.toFloatArray();
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[0].length; j++) {
                double want = expected[i][j];
                assertThat((double) values[i * expected[0].length + j])
                        .as("score (%d, %d)", i, j)
                        .isCloseTo(want, within(tolerance * Math.max(1, Math.abs(want))));
            }
        }
    }

    @Test
    void everyClosedFormMatchesItsPerDimensionDefinition() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianSet queries = set(manager, Q_MU, Q_LS);
            GaussianSet gallery = set(manager, G_MU, G_LS);
            for (String name : CLOSED_FORMS) {
                NDArray scores = Similarities.of(name).score(queries, gallery);
                assertScores(scores, expected(name, Q_MU, Q_LS, G_MU, G_LS), 1e-5);
            }
        }
    }

    @Test
    void oneDimensionalPairMatchesValuesWorkedByHand() {
        // q = N(0, 1), g = N(1, 2^2):
        //   mu:            -(0-1)^2                                     = -1
        //   wasserstein:   -[(0-1)^2 + (1-2)^2]                         = -2
        //   elk:           -0.5 [1/(1+4) + ln 5] = -0.5 (0.2 + 1.609438) = -0.904719
        //   kl(q||g):      0.5 [1/4 + 1/4 - 1 + ln 4] = 0.5 (0.886294)  =  0.443147
        //   kl(g||q):      0.5 [4/1 + 1/1 - 1 + ln 1/4] = 0.5 (2.613706) =  1.306853
        //   js:            -(0.443147 + 1.306853)                       = -1.75
        //   bhattacharyya: -[1/(4*5) + 0.5 ln(5/(2*1*2))] = -(0.05 + 0.111572) = -0.161572
        //   csd:           -[(0-1)^2 + 1 + 4]                           = -6
        Map<String, Double> byHand = Map.of("mu", -1.0, "wasserstein", -2.0, "elk", -0.904719,
                "kl", -0.443147, "js", -1.75, "bhattacharyya", -0.161572, "csd", -6.0);
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianSet q = set(manager, new double[][] {{0}}, new double[][] {{0}});
            GaussianSet g = set(manager, new double[][] {{1}}, new double[][] {{Math.log(2)}});
            for (Map.Entry<String, Double> entry : byHand.entrySet()) {
                float score = Similarities.of(entry.getKey()).score(q, g).getFloat(0, 0);
                assertThat((double) score).as(entry.getKey())
                        .isCloseTo(entry.getValue(), within(1e-5));
            }
            // KL's direction: the reverse pair gives KL(g || q)
            assertThat((double) Similarities.of("kl").score(g, q).getFloat(0, 0))
                    .isCloseTo(-1.306853, within(1e-5));
        }
    }

    @Test
    void symmetricSimilaritiesGiveTheTransposeWhenSidesSwapAndKlDoesNot() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianSet queries = set(manager, Q_MU, Q_LS);
            GaussianSet gallery = set(manager, G_MU, G_LS);
            for (String name : SYMMETRIC) {
                Similarity similarity = Similarities.of(name);
                float[] forward = similarity.score(queries, gallery).toFloatArray();
                float[] backward = similarity.score(gallery, queries).transpose().toFloatArray();
                assertThat(forward).as(name).containsExactly(backward,
                        within(1e-5f));
            }
            float[] forward = Similarities.of("kl").score(queries, gallery).toFloatArray();
            float[] backward = Similarities.of("kl").score(gallery, queries).transpose()
                    .toFloatArray();
            assertThat(Math.abs(forward[0] - backward[0])).isGreaterThan(0.01f);
        }
    }

    @Test
    void identicalGaussiansScoreTheMaximumZeroWhereTheDivergenceVanishes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianSet queries = set(manager, Q_MU, Q_LS);
            GaussianSet gallery = set(manager, G_MU, G_LS);
            for (String name : List.of("mu", "wasserstein", "kl", "js", "bhattacharyya")) {
                float[] row = Similarities.of(name).score(queries, gallery).get(1)
                        .toFloatArray();
                // gallery item 2 equals query 1
                assertThat(row[2]).as(name).isCloseTo(0f, within(1e-5f));
                assertThat(row[2]).as(name).isGreaterThan(row[0]).isGreaterThan(row[1]);
            }
        }
    }

    @Test
    void scoresAreNotOwnedByAScratchManagerAndNothingElseStays() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianSet queries = set(manager, Q_MU, Q_LS);
            GaussianSet gallery = set(manager, G_MU, G_LS);
            for (String name : CLOSED_FORMS) {
                int before = manager.getManagedArrays().size();
                NDArray scores = Similarities.of(name).score(queries, gallery);
                assertThat(scores.getManager()).as(name).isSameAs(manager);
                assertThat(manager.getManagedArrays()).as(name).hasSize(before + 1);
                assertThat(queries.mu().isReleased()).isFalse();
                assertThat(gallery.logSigma().getManager()).isSameAs(manager);
            }
            // scoring a set against itself must not release it either
            Similarities.of("elk").score(queries, queries);
            assertThat(queries.mu().isReleased()).isFalse();
            assertThat(queries.logSigma().toFloatArray()).hasSize(6);
        }
    }

    @Test
    void blocksOfQueriesGiveTheSameScoresAsOneBlock() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = array(manager, new double[][] {{1, 2}, {3, 4}, {5, 6}, {7, 8}, {9, 0}});
            NDArray b = array(manager, new double[][] {{0.5, -1}, {2, 2}});
            NDArray gallery = b.expandDims(0);
            Function<NDList, NDArray> term = rows -> rows.get(0).expandDims(1).sub(gallery)
                    .abs().sum(new int[] {2});
            // a budget of 4 elements fits one (1, 2, 2) block: five blocks
            NDArray blocked = PairwiseMath.blocked(new NDList(a), 2, 4, term);
            NDArray whole = PairwiseMath.blocked(new NDList(a), 2, 1 << 20, term);
            assertThat(blocked.getShape()).isEqualTo(new Shape(5, 2));
            assertThat(blocked.toFloatArray()).containsExactly(whole.toFloatArray());
            // |1-0.5|+|2+1| = 3.5, |9-2|+|0-2| = 9
            assertThat(blocked.getFloat(0, 0)).isEqualTo(3.5f);
            assertThat(blocked.getFloat(4, 1)).isEqualTo(9f);
        }
    }

    @Test
    void mismatchedDimensionsAreRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianSet queries = set(manager, Q_MU, Q_LS);
            GaussianSet narrow = set(manager, new double[][] {{1, 2}}, new double[][] {{0, 0}});
            for (String name : CLOSED_FORMS) {
                assertThatThrownBy(() -> Similarities.of(name).score(queries, narrow))
                        .as(name)
                        .isInstanceOf(UserInputException.class)
                        .hasMessageContaining("dimension");
            }
        }
    }

    @Test
    void missingSigmaIsRejectedExceptByTheMeanOnlySimilarity() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianSet points = GaussianSet.points(array(manager, Q_MU));
            GaussianSet gallery = set(manager, G_MU, G_LS);
            for (String name : CLOSED_FORMS) {
                Similarity similarity = Similarities.of(name);
                assertThat(similarity.needsSigma()).as(name).isEqualTo(!name.equals("mu"));
                if (similarity.needsSigma()) {
                    assertThatThrownBy(() -> similarity.score(points, gallery)).as(name)
                            .isInstanceOf(UserInputException.class)
                            .hasMessageContaining("sigma");
                    assertThatThrownBy(() -> similarity.score(gallery, points)).as(name)
                            .isInstanceOf(UserInputException.class);
                }
            }
            NDArray scores = Similarities.of("mu").score(points, GaussianSet.points(
                    array(manager, G_MU)));
            assertScores(scores, expected("mu", Q_MU, Q_LS, G_MU, G_LS), 1e-5);
        }
    }

    @Test
    void anEmptyGalleryGivesAnEmptyMatrix() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianSet queries = set(manager, Q_MU, Q_LS);
            GaussianSet empty = new GaussianSet(manager.zeros(new Shape(0, 3)),
                    manager.zeros(new Shape(0, 3)));
            assertThat(Similarities.of("elk").score(queries, empty).getShape())
                    .isEqualTo(new Shape(2, 0));
        }
    }
}
