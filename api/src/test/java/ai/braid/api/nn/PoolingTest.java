package ai.braid.api.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class PoolingTest {

    private static final Shape X = new Shape(3, 4, 5);

    @Test
    void clsPoolingTakesTheFirstToken() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomNormal(X);
            ClsPooling block = new ClsPooling();
            NnTesting.initialize(block, manager, X);
            NDArray pooled = NnTesting.forward(block, manager, false, x,
                    NnTesting.mask(manager, 4, 1, 2, 3)).head();

            assertThat(pooled.getShape()).isEqualTo(new Shape(3, 5));
            assertThat(block.getOutputShapes(new Shape[] {X})).containsExactly(new Shape(3, 5));
            float[] all = x.toFloatArray();
            float[] first = pooled.toFloatArray();
            for (int b = 0; b < 3; b++) {
                for (int c = 0; c < 5; c++) {
                    assertThat(first[b * 5 + c]).isEqualTo(all[b * 20 + c]);
                }
            }
        }
    }

    @Test
    void maskedMeanAveragesRealTokensAndGivesZerosForAnEmptySequence() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomNormal(X);
            int[] lengths = {2, 4, 0};
            NDArray mask = NnTesting.mask(manager, 4, lengths).toType(DataType.BOOLEAN, false);
            MaskedMeanPooling block = new MaskedMeanPooling();
            NnTesting.initialize(block, manager, X, new Shape(3, 4));
            NDArray pooled = NnTesting.forward(block, manager, false, x, mask).head();

            assertThat(pooled.getShape()).isEqualTo(new Shape(3, 5));
            float[] all = x.toFloatArray();
            float[] mean = pooled.toFloatArray();
            for (int b = 0; b < 3; b++) {
                for (int c = 0; c < 5; c++) {
                    double sum = 0;
                    for (int t = 0; t < lengths[b]; t++) {
                        sum += all[b * 20 + t * 5 + c];
                    }
                    double expected = lengths[b] == 0 ? 0 : sum / lengths[b];
                    assertThat((double) mean[b * 5 + c]).isCloseTo(expected, within(1e-5));
                }
            }
            NDArray repadded = NnTesting.forward(block, manager, false,
                    NnTesting.repad(manager, x, mask.toType(DataType.FLOAT32, false)), mask).head();
            assertThat(repadded.sub(pooled).abs().max().getFloat()).isLessThan(1e-5f);
        }
    }

    @Test
    void attentionPoolingWeightsRealPositionsOnly() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomNormal(X);
            int[] lengths = {2, 4, 0};
            NDArray mask = NnTesting.mask(manager, 4, lengths);
            AttentionPooling block = new AttentionPooling(6);
            NnTesting.initialize(block, manager, X, new Shape(3, 4));
            NDList out = NnTesting.forward(block, manager, false, x, mask);
            NDArray pooled = out.get(0);
            NDArray weights = out.get(1);

            assertThat(pooled.getShape()).isEqualTo(new Shape(3, 5));
            assertThat(weights.getShape()).isEqualTo(new Shape(3, 4));
            assertThat(block.getOutputShapes(new Shape[] {X, new Shape(3, 4)}))
                    .containsExactly(new Shape(3, 5), new Shape(3, 4));
            float[] w = weights.toFloatArray();
            float[] all = x.toFloatArray();
            float[] p = pooled.toFloatArray();
            for (int b = 0; b < 3; b++) {
                double sum = 0;
                for (int t = 0; t < 4; t++) {
                    if (t >= lengths[b]) {
                        assertThat(w[b * 4 + t]).isEqualTo(0f);
                    }
                    sum += w[b * 4 + t];
                }
                assertThat(sum).isCloseTo(lengths[b] > 0 ? 1.0 : 0.0, within(1e-5));
                for (int c = 0; c < 5; c++) {
                    double expected = 0;
                    for (int t = 0; t < 4; t++) {
                        expected += w[b * 4 + t] * all[b * 20 + t * 5 + c];
                    }
                    assertThat((double) p[b * 5 + c]).isCloseTo(expected, within(1e-5));
                    assertThat(Float.isNaN(p[b * 5 + c])).isFalse();
                }
            }
            NDArray repadded = NnTesting.forward(block, manager, false,
                    NnTesting.repad(manager, x, mask), mask).get(0);
            assertThat(repadded.sub(pooled).abs().max().getFloat()).isLessThan(1e-5f);
            NnTesting.assertEveryParameterGetsGradient(block, manager, x, mask);
        }
    }
}
