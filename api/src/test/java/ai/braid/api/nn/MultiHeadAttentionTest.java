package ai.braid.api.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.UserInputException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;

class MultiHeadAttentionTest {

    private static MultiHeadAttention attention(NDManager manager, Shape query, Shape keyValue) {
        MultiHeadAttention block = MultiHeadAttention.builder().setDim(8).setHeads(2).build();
        NnTesting.initialize(block, manager, query, keyValue, new Shape(query.get(0),
                keyValue.get(1)));
        return block;
    }

    @Test
    void outputsHaveTheDocumentedShapes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiHeadAttention block = attention(manager, new Shape(2, 3, 8), new Shape(2, 5, 8));
            NDList out = NnTesting.forward(block, manager, false,
                    manager.randomNormal(new Shape(2, 3, 8)), manager.randomNormal(new Shape(2, 5, 8)));

            assertThat(out.get(0).getShape()).isEqualTo(new Shape(2, 3, 8));
            assertThat(out.get(1).getShape()).isEqualTo(new Shape(2, 2, 3, 5));
            assertThat(block.getOutputShapes(new Shape[] {new Shape(2, 3, 8), new Shape(2, 5, 8)}))
                    .containsExactly(new Shape(2, 3, 8), new Shape(2, 2, 3, 5));
        }
    }

    @Test
    void probabilitiesSumToOneOverRealKeysAndAreZeroOnPaddingAndOnAllPaddingRows() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiHeadAttention block = attention(manager, new Shape(3, 4, 8), new Shape(3, 5, 8));
            NDArray mask = NnTesting.mask(manager, 5, 2, 5, 0);
            NDArray probs = NnTesting.forward(block, manager, false,
                    manager.randomNormal(new Shape(3, 4, 8)),
                    manager.randomNormal(new Shape(3, 5, 8)), mask).get(1);

            float[] p = probs.toFloatArray();
            int[] lengths = {2, 5, 0};
            for (int b = 0; b < 3; b++) {
                for (int h = 0; h < 2; h++) {
                    for (int q = 0; q < 4; q++) {
                        double sum = 0;
                        for (int k = 0; k < 5; k++) {
                            float value = p[((b * 2 + h) * 4 + q) * 5 + k];
                            assertThat(Float.isNaN(value)).isFalse();
                            if (k >= lengths[b]) {
                                assertThat(value).isEqualTo(0f);
                            }
                            sum += value;
                        }
                        assertThat(sum).isCloseTo(lengths[b] > 0 ? 1.0 : 0.0, within(1e-5));
                    }
                }
            }
        }
    }

    @Test
    void boolIntAndFloatMasksGiveTheSameResult() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiHeadAttention block = attention(manager, new Shape(2, 3, 8), new Shape(2, 3, 8));
            NDArray x = manager.randomNormal(new Shape(2, 3, 8));
            NDArray mask = NnTesting.mask(manager, 3, 1, 3);
            NDArray reference = NnTesting.forward(block, manager, false, x, x, mask).get(0);
            for (DataType type : new DataType[] {DataType.BOOLEAN, DataType.INT32, DataType.INT64}) {
                NDArray out = NnTesting.forward(block, manager, false, x, x,
                        mask.toType(type, false)).get(0);
                assertThat(out.sub(reference).abs().max().getFloat()).as(type.name()).isZero();
            }
        }
    }

    @Test
    void paddedKeysDoNotChangeTheOutput() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiHeadAttention block = attention(manager, new Shape(2, 4, 8), new Shape(2, 4, 8));
            NDArray mask = NnTesting.mask(manager, 4, 2, 4);
            NDArray x = manager.randomNormal(new Shape(2, 4, 8));
            NDArray repadded = NnTesting.repad(manager, x, mask);

            NDArray a = NnTesting.forward(block, manager, false, x, x, mask).get(0);
            NDArray b = NnTesting.forward(block, manager, false, repadded, repadded, mask).get(0);

            assertThat(NnTesting.maxDiffAtReal(a, b, mask)).isLessThan(1e-5f);
            assertThat(a.sub(b).abs().max().getFloat()).as("padded queries do change")
                    .isGreaterThan(1e-3f);
        }
    }

    @Test
    void matchesAPlainJavaComputation() {
        try (NDManager manager = NDManager.newBaseManager()) {
            int e = 4;
            int heads = 2;
            int tq = 2;
            int tk = 3;
            MultiHeadAttention block = MultiHeadAttention.builder().setDim(e).setHeads(heads).build();
            NnTesting.initialize(block, manager, new Shape(1, tq, e), new Shape(1, tk, e),
                    new Shape(1, tk));
            for (Pair<String, Parameter> p : block.getParameters()) {
                NDArray array = p.getValue().getArray();
                array.set(manager.randomNormal(array.getShape()).toFloatArray());
            }
            NDArray query = manager.randomNormal(new Shape(1, tq, e));
            NDArray keyValue = manager.randomNormal(new Shape(1, tk, e));
            NDArray mask = manager.create(new int[] {1, 0, 1}, new Shape(1, tk));
            NDArray out = NnTesting.forward(block, manager, false, query, keyValue, mask).get(0);

            double[][] q = linear(block, "query", rowsOf(query, tq, e));
            double[][] k = linear(block, "key", rowsOf(keyValue, tk, e));
            double[][] v = linear(block, "value", rowsOf(keyValue, tk, e));
            int d = e / heads;
            double[][] merged = new double[tq][e];
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < tq; i++) {
                    double[] w = new double[tk];
                    double total = 0;
                    for (int j = 0; j < tk; j++) {
                        if (j == 1) {
                            continue;
                        }
                        double s = 0;
                        for (int c = 0; c < d; c++) {
                            s += q[i][h * d + c] * k[j][h * d + c];
                        }
                        w[j] = Math.exp(s / Math.sqrt(d));
                        total += w[j];
                    }
                    for (int j = 0; j < tk; j++) {
                        for (int c = 0; c < d; c++) {
                            merged[i][h * d + c] += w[j] / total * v[j][h * d + c];
                        }
                    }
                }
            }
            double[][] expected = linear(block, "output", merged);
            float[] actual = out.toFloatArray();
            for (int i = 0; i < tq; i++) {
                for (int c = 0; c < e; c++) {
                    assertThat((double) actual[i * e + c]).isCloseTo(expected[i][c], within(1e-4));
                }
            }
        }
    }

    private static double[][] rowsOf(NDArray x, int rows, int cols) {
        float[] flat = x.toFloatArray();
        double[][] result = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < cols; c++) {
                result[i][c] = flat[i * cols + c];
            }
        }
        return result;
    }

    /** y = x W^T + b with the weights of the named Linear child. */
    private static double[][] linear(MultiHeadAttention block, String child, double[][] x) {
        float[] weight = null;
        float[] bias = null;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getKey().endsWith(child + "_weight")) {
                weight = p.getValue().getArray().toFloatArray();
            } else if (p.getKey().endsWith(child + "_bias")) {
                bias = p.getValue().getArray().toFloatArray();
            }
        }
        assertThat(weight).as(child + " weight").isNotNull();
        assertThat(bias).as(child + " bias").isNotNull();
        int in = x[0].length;
        int out = bias.length;
        double[][] y = new double[x.length][out];
        for (int i = 0; i < x.length; i++) {
            for (int o = 0; o < out; o++) {
                double s = bias[o];
                for (int c = 0; c < in; c++) {
                    s += x[i][c] * weight[o * in + c];
                }
                y[i][o] = s;
            }
        }
        return y;
    }

    @Test
    void gradientsReachEveryParameter() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiHeadAttention block = attention(manager, new Shape(2, 3, 8), new Shape(2, 4, 8));
            NnTesting.assertEveryParameterGetsGradient(block, manager,
                    manager.randomNormal(new Shape(2, 3, 8)), manager.randomNormal(new Shape(2, 4, 8)),
                    NnTesting.mask(manager, 4, 3, 4));
        }
    }

    @Test
    void badOptionsAndShapesAreUserErrors() {
        assertThatThrownBy(() -> MultiHeadAttention.builder().setDim(6).setHeads(4).build())
                .isInstanceOf(UserInputException.class).hasMessageContaining("multiple");
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiHeadAttention block = attention(manager, new Shape(2, 3, 8), new Shape(2, 3, 8));
            NDArray x = manager.randomNormal(new Shape(2, 3, 8));
            assertThatThrownBy(() -> NnTesting.forward(block, manager, false, x, x,
                    manager.ones(new Shape(2, 4))))
                    .isInstanceOf(UserInputException.class).hasMessageContaining("(2, 3)");
            assertThatThrownBy(() -> NnTesting.forward(block, manager, false,
                    manager.randomNormal(new Shape(2, 3, 6))))
                    .isInstanceOf(UserInputException.class).hasMessageContaining("last axis 8");
        }
    }
}
