package ai.braid.api.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenEmbeddingTest {

    private static final int V = 7;
    private static final int D = 4;
    private static final int MAX = 5;

    @Test
    void anEmbeddingIsWordPlusPositionPlusType() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TokenEmbedding block = TokenEmbedding.builder()
                    .setVocabularySize(V).setDim(D).setMaxLength(MAX).build();
            block.initialize(manager, DataType.FLOAT32, new Shape(2, 3), new Shape(2, 3));
            long[] ids = {2, 5, 0, 6, 6, 1};
            NDArray mask = manager.create(new float[] {1, 1, 0, 1, 1, 1}, new Shape(2, 3));

            NDList out = block.forward(new ParameterStore(manager, false),
                    new NDList(manager.create(ids, new Shape(2, 3)), mask), false);

            assertThat(out.get(0).getShape()).isEqualTo(new Shape(2, 3, D));
            assertThat(out.get(1).toFloatArray()).containsExactly(mask.toFloatArray());
            float[] emb = out.get(0).toFloatArray();
            Map<String, float[]> p = PatchEmbeddingTest.parameters(block);
            for (int b = 0; b < 2; b++) {
                for (int l = 0; l < 3; l++) {
                    int id = (int) ids[b * 3 + l];
                    for (int d = 0; d < D; d++) {
                        double expected = p.get("words")[id * D + d]
                                + p.get("positions")[l * D + d] + p.get("type")[d];
                        assertThat((double) emb[(b * 3 + l) * D + d])
                                .isCloseTo(expected, within(1e-6));
                    }
                }
            }
        }
    }

    @Test
    void theLayerNormNormalisesEachTokenOverItsWidth() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TokenEmbedding block = TokenEmbedding.builder().setVocabularySize(V).setDim(D)
                    .setMaxLength(MAX).optLayerNorm(true).optDropout(0.5f).build();
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 4), new Shape(1, 4));
            long[] ids = {1, 2, 3, 4};

            float[] emb = block.forward(new ParameterStore(manager, false),
                    new NDList(manager.create(ids, new Shape(1, 4)),
                            manager.ones(new Shape(1, 4))), false).get(0).toFloatArray();

            Map<String, float[]> p = PatchEmbeddingTest.parameters(block);
            for (int t = 0; t < 4; t++) {
                double[] raw = new double[D];
                double mean = 0;
                for (int d = 0; d < D; d++) {
                    raw[d] = p.get("words")[(int) ids[t] * D + d]
                            + p.get("positions")[t * D + d] + p.get("type")[d];
                    mean += raw[d] / D;
                }
                double variance = 0;
                for (int d = 0; d < D; d++) {
                    variance += (raw[d] - mean) * (raw[d] - mean) / D;
                }
                for (int d = 0; d < D; d++) {
                    // LayerNorm starts with gain 1 and bias 0; DJL's epsilon is 1e-5
                    double expected = (raw[d] - mean) / Math.sqrt(variance + 1e-5);
                    assertThat((double) emb[t * D + d]).isCloseTo(expected, within(1e-4));
                }
            }
        }
    }

    @Test
    void gradientsReachTheRowsOfTheIdsUsedOnly() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TokenEmbedding block = TokenEmbedding.builder()
                    .setVocabularySize(V).setDim(D).setMaxLength(MAX).optLayerNorm(true).build();
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 3), new Shape(1, 3));

            Map<String, Double> sums = Gradients.ofEmbeddingSum(block, new NDList(
                    manager.create(new long[] {3, 1, 3}, new Shape(1, 3)),
                    manager.ones(new Shape(1, 3))));

            assertThat(sums.values()).allMatch(sum -> sum > 0);
            float[] wordGradient = block.wordEmbeddings().getArray().getGradient().toFloatArray();
            for (int id = 0; id < V; id++) {
                double rowSum = 0;
                for (int d = 0; d < D; d++) {
                    rowSum += Math.abs(wordGradient[id * D + d]);
                }
                if (id == 1 || id == 3) {
                    assertThat(rowSum).as("row %d", id).isGreaterThan(0);
                } else {
                    assertThat(rowSum).as("row %d", id).isZero();
                }
            }
        }
    }

    @Test
    void aSequenceLongerThanThePositionsIsRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TokenEmbedding block = TokenEmbedding.builder()
                    .setVocabularySize(V).setDim(D).setMaxLength(2).build();
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 2), new Shape(1, 2));

            assertThatThrownBy(() -> block.forward(new ParameterStore(manager, false),
                    new NDList(manager.zeros(new Shape(1, 3), DataType.INT64),
                            manager.ones(new Shape(1, 3))), false))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("2 positions");
        }
    }

    @Test
    void theVocabularySizeIsReadAtInitialisation() {
        int[] size = {0};
        TokenEmbedding block = TokenEmbedding.builder()
                .setVocabularySize(() -> size[0]).setDim(D).setMaxLength(MAX).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            size[0] = 11;
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 2), new Shape(1, 2));

            assertThat(block.wordEmbeddings().getArray().getShape()).isEqualTo(new Shape(11, D));
        }
    }
}
