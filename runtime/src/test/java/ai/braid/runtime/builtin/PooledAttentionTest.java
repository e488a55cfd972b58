package ai.braid.runtime.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.data.FusedOutput;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PooledAttentionTest {

    /** Two examples, two heads, four positions: [CLS], two real tokens, one padding. */
    private static final int B = 2;
    private static final int H = 2;
    private static final int L = 4;
    private static final float[] MASK = {1, 1, 1, 0, 1, 1, 1, 0};

    /**
     * Hand-made attention (B, H, L, L), rows summing to 1 over the real keys. The padded
     * query row (position 3) looks only at position 1, so reading it would show.
     */
    private static float[][][][] attention(int seed) {
        float[][][][] maps = new float[B][H][L][L];
        for (int b = 0; b < B; b++) {
            for (int h = 0; h < H; h++) {
                for (int q = 0; q < L - 1; q++) {
                    float a = 1 + (seed + b + 2 * h + 3 * q) % 5;
                    float c = 1 + (seed + 2 * b + h + q) % 3;
                    float d = 1 + (seed + b * h + q) % 4;
                    float sum = a + c + d;
                    maps[b][h][q] = new float[] {a / sum, c / sum, d / sum, 0};
                }
                maps[b][h][L - 1] = new float[] {0, 1, 0, 0};
            }
        }
        return maps;
    }

    private static NDArray array(NDManager manager, float[][][][] maps) {
        float[] flat = new float[B * H * L * L];
        int i = 0;
        for (float[][][] example : maps) {
            for (float[][] head : example) {
                for (float[] row : head) {
                    for (float value : row) {
                        flat[i++] = value;
                    }
                }
            }
        }
        return manager.create(flat, new Shape(B, H, L, L));
    }

    /** Mean over heads, plus the identity, rows renormalised: what the rollout multiplies. */
    private static double[][] residual(float[][][][] maps, int b) {
        double[][] matrix = new double[L][L];
        for (int q = 0; q < L; q++) {
            double sum = 0;
            for (int k = 0; k < L; k++) {
                double mean = 0;
                for (int h = 0; h < H; h++) {
                    mean += maps[b][h][q][k] / (double) H;
                }
                matrix[q][k] = mean + (q == k ? 1 : 0);
                sum += matrix[q][k];
            }
            for (int k = 0; k < L; k++) {
                matrix[q][k] /= sum;
            }
        }
        return matrix;
    }

    /** The weighted sum of a matrix's rows. */
    private static double[] weightedRows(double[] weights, double[][] matrix) {
        double[] sum = new double[L];
        for (int q = 0; q < L; q++) {
            for (int k = 0; k < L; k++) {
                sum[k] += weights[q] * matrix[q][k];
            }
        }
        return sum;
    }

    private static FusedOutput fused(NDManager manager, List<NDArray> attention,
            float[] weights) {
        Map<String, NDArray> extras = weights == null ? Map.of()
                : Map.of(FusedOutput.POOLING_WEIGHTS, manager.create(weights, new Shape(B, L)));
        return new FusedOutput(manager.zeros(new Shape(B, 8)), null, null, attention, Map.of(),
                Map.of(), extras);
    }

    private static void assertReads(PooledAttention.Reading reading, int b, double[] expected) {
        for (int t = 0; t < L; t++) {
            assertThat(reading.weight(b, t)).as("example %d position %d", b, t)
                    .isCloseTo((float) expected[t], within(1e-5f));
        }
    }

    @Test
    void meanPoolingReadsTheMaskWeightedAverageOfTheRealTokensRows() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[][][][] maps = attention(0);
            float[] mean = {1 / 3f, 1 / 3f, 1 / 3f, 0, 1 / 3f, 1 / 3f, 1 / 3f, 0};
            PooledAttention.Reading reading = PooledAttention.read(
                    fused(manager, List.of(array(manager, maps)), mean));

            assertThat(reading.length()).isEqualTo(L);
            assertThat(reading.description())
                    .isEqualTo("attention rollout of the pooled vector, 1 layer");
            for (int b = 0; b < B; b++) {
                double[][] rows = residual(maps, b);
                double[] expected = new double[L];
                for (int t = 0; t < L; t++) {
                    expected[t] = (rows[0][t] + rows[1][t] + rows[2][t]) / 3;
                }
                assertReads(reading, b, expected);
                // the padded row would have put weight on position 1, never on 3
                assertThat(reading.weight(b, 3)).isZero();
            }
        }
    }

    @Test
    void theRolloutMultipliesTheLayersFromTheLastDown() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[][][][] first = attention(0);
            float[][][][] second = attention(3);
            float[] mean = {1 / 3f, 1 / 3f, 1 / 3f, 0, 1 / 3f, 1 / 3f, 1 / 3f, 0};
            PooledAttention.Reading reading = PooledAttention.read(fused(manager,
                    List.of(array(manager, first), array(manager, second)), mean));

            assertThat(reading.description()).contains("2 layers");
            for (int b = 0; b < B; b++) {
                double[] w = {1 / 3d, 1 / 3d, 1 / 3d, 0};
                double[] expected = weightedRows(weightedRows(w, residual(second, b)),
                        residual(first, b));
                assertReads(reading, b, expected);
            }
        }
    }

    @Test
    void clsPoolingReadsTheRolledOutClsRow() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[][][][] maps = attention(1);
            float[] cls = {1, 0, 0, 0, 1, 0, 0, 0};
            PooledAttention.Reading reading = PooledAttention.read(
                    fused(manager, List.of(array(manager, maps)), cls));

            for (int b = 0; b < B; b++) {
                assertReads(reading, b, residual(maps, b)[0]);
            }
        }
    }

    @Test
    void withoutPoolingWeightsTheFirstLayersClsRowIsReadAsBefore() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[][][][] first = attention(0);
            PooledAttention.Reading reading = PooledAttention.read(fused(manager,
                    List.of(array(manager, first), array(manager, attention(2))), null));

            assertThat(reading.description()).isEqualTo("[CLS] attention, layer 1, mean of heads");
            for (int b = 0; b < B; b++) {
                double[] expected = new double[L];
                for (int t = 0; t < L; t++) {
                    expected[t] = (first[b][0][0][t] + first[b][1][0][t]) / 2.0;
                }
                assertReads(reading, b, expected);
            }
        }
    }

    @Test
    void leavesNoArrayBehindAndTheInputsWithTheirManager() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray attention = array(manager, attention(0));
            FusedOutput fused = fused(manager, List.of(attention, attention), MASK);
            int before = manager.getManagedArrays().size();

            PooledAttention.read(fused);

            assertThat(manager.getManagedArrays()).hasSize(before);
            assertThat(attention.getManager()).isSameAs(manager);
            assertThat(attention.toFloatArray()).hasSize(B * H * L * L);
        }
    }

    @Test
    void mapsOfAnotherSequenceThanThePoolingWeightsAreAnError() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray other = manager.ones(new Shape(B, H, L + 1, L + 1));

            assertThatThrownBy(() -> PooledAttention.read(fused(manager, List.of(other), MASK)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("(2, 2, 5, 5)")
                    .hasMessageContaining("(2, 4)");
        }
    }
}
