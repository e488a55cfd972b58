package ai.braid.api.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PatchEmbeddingTest {

    private static final int B = 2;
    private static final int C = 3;
    private static final int SIZE = 8;
    private static final int P = 4;
    private static final int D = 6;

    @Test
    void patchesBecomeTokensAfterAClsToken() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PatchEmbedding block = PatchEmbedding.builder().setPatch(P).setDim(D).build();
            Shape input = new Shape(B, C, SIZE, SIZE);
            block.initialize(manager, DataType.FLOAT32, input);
            NDArray pixels = manager.randomUniform(0, 1, input);

            NDList out = block.forward(new ParameterStore(manager, false), new NDList(pixels),
                    false);

            assertThat(out.get(0).getShape()).isEqualTo(new Shape(B, 5, D));
            assertThat(out.get(1).getShape()).isEqualTo(new Shape(B, 5));
            assertThat(out.get(1).toFloatArray()).containsOnly(1f);
            assertThat(block.getOutputShapes(new Shape[] {input}))
                    .containsExactly(new Shape(B, 5, D), new Shape(B, 5));
        }
    }

    @Test
    void eachTokenIsALinearMapOfItsPatchPlusPositionAndType() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PatchEmbedding block = PatchEmbedding.builder().setPatch(P).setDim(D).build();
            Shape input = new Shape(1, C, SIZE, SIZE);
            block.initialize(manager, DataType.FLOAT32, input);
            NDArray pixels = manager.randomUniform(0, 1, input);
            float[] x = pixels.toFloatArray();

            float[] emb = block.forward(new ParameterStore(manager, false), new NDList(pixels),
                    false).get(0).toFloatArray();

            Map<String, float[]> p = parameters(block);
            float[] weight = p.get("01patches_weight");
            float[] bias = p.get("01patches_bias");
            float[] cls = p.get("cls");
            float[] positions = p.get("positions");
            float[] type = p.get("type");
            for (int d = 0; d < D; d++) {
                assertThat(emb[d]).isCloseTo(cls[d] + positions[d] + type[d], within(1e-5f));
            }
            // patch 3 is the bottom-right one: rows 4..7, columns 4..7
            int patchRow = 1;
            int patchCol = 1;
            int token = 1 + 2 * patchRow + patchCol;
            for (int d = 0; d < D; d++) {
                double expected = bias[d] + positions[token * D + d] + type[d];
                for (int c = 0; c < C; c++) {
                    for (int i = 0; i < P; i++) {
                        for (int j = 0; j < P; j++) {
                            int row = patchRow * P + i;
                            int col = patchCol * P + j;
                            expected += weight[((d * C + c) * P + i) * P + j]
                                    * x[(c * SIZE + row) * SIZE + col];
                        }
                    }
                }
                assertThat((double) emb[token * D + d]).isCloseTo(expected, within(1e-4));
            }
        }
    }

    @Test
    void gradientsReachEveryParameter() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PatchEmbedding block = PatchEmbedding.builder().setPatch(P).setDim(D).build();
            Shape input = new Shape(B, C, SIZE, SIZE);
            block.initialize(manager, DataType.FLOAT32, input);

            Map<String, Double> gradients = Gradients.ofEmbeddingSum(
                    block, new NDList(manager.randomUniform(0, 1, input)));

            assertThat(gradients).containsOnlyKeys(
                    "01patches_weight", "01patches_bias", "cls", "positions", "type");
            assertThat(gradients.values()).allMatch(sum -> sum > 0);
        }
    }

    @Test
    void withPatchNormAPatchIsNormalisedSoItsContrastAndBrightnessDoNotMatter() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PatchEmbedding block =
                    PatchEmbedding.builder().setPatch(P).setDim(D).optPatchNorm(true).build();
            Shape input = new Shape(1, C, SIZE, SIZE);
            block.initialize(manager, DataType.FLOAT32, input);
            NDArray pixels = manager.randomUniform(0, 1, input);
            // Patch 0 (rows and columns 0..3) scaled by 3 and shifted by 0.5; the rest unchanged.
            NDArray patchZero = manager.zeros(input);
            patchZero.set(new ai.djl.ndarray.index.NDIndex(":, :, 0:4, 0:4"), 1f);
            NDArray changed = pixels.add(pixels.mul(2).add(0.5f).mul(patchZero));
            ParameterStore store = new ParameterStore(manager, false);

            float[] before = block.forward(store, new NDList(pixels), false).get(0)
                    .toFloatArray();
            float[] after = block.forward(store, new NDList(changed), false).get(0)
                    .toFloatArray();

            assertThat(after).containsExactly(before, within(1e-4f));
            assertThat(parameters(block)).containsOnlyKeys("01pixelNorm_gamma",
                    "01pixelNorm_beta", "02patches_weight", "02patches_bias",
                    "03tokenNorm_gamma", "03tokenNorm_beta", "cls", "positions", "type");
        }
    }

    @Test
    void withPatchNormEveryBlankPatchGetsTheSameTokenBeforeItsPosition() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PatchEmbedding block =
                    PatchEmbedding.builder().setPatch(P).setDim(D).optPatchNorm(true).build();
            Shape input = new Shape(1, C, SIZE, SIZE);
            block.initialize(manager, DataType.FLOAT32, input);
            NDArray pixels = manager.ones(input);
            // Only patch 3 (bottom right) holds something.
            pixels.set(new ai.djl.ndarray.index.NDIndex(":, :, 4:8, 4:8"),
                    manager.randomUniform(0, 1, new Shape(1, C, P, P)));

            float[] emb = block.forward(new ParameterStore(manager, false), new NDList(pixels),
                    false).get(0).toFloatArray();

            float[] positions = parameters(block).get("positions");
            float[][] content = new float[4][D];
            for (int patch = 0; patch < 4; patch++) {
                for (int d = 0; d < D; d++) {
                    int at = (1 + patch) * D + d;
                    content[patch][d] = emb[at] - positions[at];
                }
            }
            assertThat(content[1]).containsExactly(content[0], within(1e-5f));
            assertThat(content[2]).containsExactly(content[0], within(1e-5f));
            assertThat(content[3]).isNotEqualTo(content[0]);
        }
    }

    @Test
    void anImageNotDivisibleByThePatchIsRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PatchEmbedding block = PatchEmbedding.builder().setPatch(3).setDim(D).build();

            assertThatThrownBy(() -> block.initialize(manager, DataType.FLOAT32,
                    new Shape(B, C, SIZE, SIZE)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("divisible by the patch 3")
                    .hasMessageContaining("(2, 3, 8, 8)");
        }
    }

    static Map<String, float[]> parameters(ai.djl.nn.Block block) {
        Map<String, float[]> values = new java.util.LinkedHashMap<>();
        for (ai.djl.util.Pair<String, Parameter> p : block.getParameters()) {
            values.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return values;
    }
}
