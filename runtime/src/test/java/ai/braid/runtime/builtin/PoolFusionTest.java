package ai.braid.runtime.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.data.FusedOutput;
import ai.braid.api.data.Modality;
import ai.braid.api.spi.FusionBlock;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolFusionTest {

    private static final Modality IMAGE = Modality.of("image");
    private static final Modality TEXT = Modality.of("text");

    private final PoolFusionFactory factory = new PoolFusionFactory();

    @Test
    void concatenatesEachModalitysMaskedMeanWithoutParameters() {
        // image: B=2, L=3, D=2; text: B=2, L=2, D=3. Row 0 of image has 2 real tokens, row 1
        // all 3; row 0 of text 1 token, row 1 none (pools to zeros).
        float[] image = {1, 2, 3, 4, 100, 100, /* row 1 */ -1, 0, 2, 4, 5, 8};
        float[] imageMask = {1, 1, 0, 1, 1, 1};
        float[] text = {1, 2, 3, 9, 9, 9, /* row 1 */ 7, 7, 7, 7, 7, 7};
        float[] textMask = {1, 0, 0, 0};
        FusionBlock fusion = factory.create(Configs.defaults(factory, "fusion"),
                List.of(IMAGE, TEXT), Map.of(IMAGE, 2, TEXT, 3));

        assertThat(fusion.outputDim()).isEqualTo(5);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList inputs = new NDList(
                    manager.create(image, new Shape(2, 3, 2)),
                    manager.create(imageMask, new Shape(2, 3)),
                    manager.create(text, new Shape(2, 2, 3)),
                    manager.create(textMask, new Shape(2, 2)));
            fusion.block().initialize(manager, DataType.FLOAT32,
                    inputs.stream().map(array -> array.getShape()).toArray(Shape[]::new));
            NDList output = fusion.block().forward(new ParameterStore(manager, false), inputs,
                    true);

            assertThat(fusion.block().getParameters().isEmpty()).isTrue();
            FusedOutput fused = FusedOutput.from(output);
            assertThat(fused.pooled().getShape()).isEqualTo(new Shape(2, 5));
            assertThat(fused.findSequence()).isEmpty();
            float[] expected = new float[10];
            maskedMeans(image, imageMask, 3, 2, expected, 0, 5);
            maskedMeans(text, textMask, 2, 3, expected, 2, 5);
            float[] actual = fused.pooled().toFloatArray();
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).as("pooled[%d]", i).isCloseTo(expected[i], within(1e-6f));
            }
            assertThat(fused.modalityPooled().get(TEXT).toFloatArray())
                    .containsExactly(expected[2], expected[3], expected[4],
                            expected[7], expected[8], expected[9]);
            assertThat(fused.findModalitySequence(IMAGE).orElseThrow().embeddings()
                    .toFloatArray()).containsExactly(image);
            assertThat(fused.findModalitySequence(TEXT).orElseThrow().mask().toFloatArray())
                    .containsExactly(textMask);
            Shape[] shapes = fusion.block().getOutputShapes(new Shape[] {new Shape(2, 3, 2),
                new Shape(2, 3), new Shape(2, 2, 3), new Shape(2, 2)});
            assertThat(shapes).containsExactly(new Shape(2, 5), new Shape(2, 2),
                    new Shape(2, 3), new Shape(2, 3, 2), new Shape(2, 3), new Shape(2, 2, 3),
                    new Shape(2, 2));
            assertThat(output.getShapes()).containsExactly(shapes);
        }
    }

    /** Writes each row's mean over real tokens into {@code out} at column {@code offset}. */
    private static void maskedMeans(float[] values, float[] mask, int length, int width,
            float[] out, int offset, int outWidth) {
        for (int b = 0; b < 2; b++) {
            double count = 0;
            double[] sums = new double[width];
            for (int t = 0; t < length; t++) {
                if (mask[b * length + t] == 1f) {
                    count++;
                    for (int d = 0; d < width; d++) {
                        sums[d] += values[(b * length + t) * width + d];
                    }
                }
            }
            for (int d = 0; d < width; d++) {
                out[b * outWidth + offset + d] = count == 0 ? 0f : (float) (sums[d] / count);
            }
        }
    }
}
