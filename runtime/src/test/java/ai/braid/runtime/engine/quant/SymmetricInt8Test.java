package ai.braid.runtime.engine.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SymmetricInt8Test {

    private static final int ROWS = 3;
    private static final int COLUMNS = 5;

    /** Seeded values of mixed magnitudes per row, so that rows get different scales. */
    private static float[] values() {
        Random random = new Random(11);
        float[] values = new float[ROWS * COLUMNS];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * (1 + i / COLUMNS * 3));
        }
        return values;
    }

    /** round(w / s) clipped to [-127, 127], in float as the engine computes it. */
    private static float level(float w, float s) {
        return (float) Math.max(-127, Math.min(127, Math.rint(w / s)));
    }

    private static float rowScale(float[] values, int row) {
        float max = 0;
        for (int c = 0; c < COLUMNS; c++) {
            max = Math.max(max, Math.abs(values[row * COLUMNS + c]));
        }
        return max / 127f;
    }

    @Test
    void perChannelFakeQuantisationMatchesJavaRounding() {
        float[] w = values();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.create(w, new Shape(ROWS, COLUMNS));

            float[] scales = SymmetricInt8.scales(weight, QuantizationScheme.PER_CHANNEL)
                    .toFloatArray();
            float[] fake = SymmetricInt8.fakeQuantize(weight, QuantizationScheme.PER_CHANNEL)
                    .toFloatArray();

            assertThat(scales).hasSize(ROWS);
            for (int r = 0; r < ROWS; r++) {
                float s = rowScale(w, r);
                assertThat(scales[r]).isCloseTo(s, within(s * 1e-6f));
                for (int c = 0; c < COLUMNS; c++) {
                    int i = r * COLUMNS + c;
                    assertThat(fake[i]).as("w[%d][%d] = %f", r, c, w[i])
                            .isCloseTo(level(w[i], s) * s, within(1e-6f));
                    assertThat(Math.abs(fake[i] - w[i])).isLessThanOrEqualTo(s / 2 + 1e-6f);
                }
            }
            // The rows' scales differ, so one scale per channel is really per channel.
            assertThat(scales[2]).isGreaterThan(scales[0] * 1.5f);
        }
    }

    @Test
    void perTensorUsesOneScaleForEveryValue() {
        float[] w = values();
        float max = 0;
        for (float value : w) {
            max = Math.max(max, Math.abs(value));
        }
        float s = max / 127f;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.create(w, new Shape(ROWS, COLUMNS));

            NDArray scales = SymmetricInt8.scales(weight, QuantizationScheme.PER_TENSOR);
            float[] fake = SymmetricInt8.fakeQuantize(weight, QuantizationScheme.PER_TENSOR)
                    .toFloatArray();

            assertThat(scales.getShape()).isEqualTo(new Shape(1));
            assertThat(scales.getFloat(0)).isCloseTo(s, within(s * 1e-6f));
            for (int i = 0; i < w.length; i++) {
                assertThat(fake[i]).isCloseTo(level(w[i], s) * s, within(1e-6f));
            }
        }
    }

    @Test
    void valuesBeyondTheScaleRangeAreClippedTo127Steps() {
        float[] w = {3.0f, -2.5f, 0.004f, 0.3f, -0.006f, 1.0f};
        float[] given = {0.01f, 0.002f};
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.create(w, new Shape(2, 3));
            NDArray scales = manager.create(given);

            float[] fake = SymmetricInt8.fakeQuantize(weight, scales).toFloatArray();
            byte[] levels = SymmetricInt8.quantize(weight, scales).toByteArray();

            for (int i = 0; i < w.length; i++) {
                float s = given[i / 3];
                assertThat(levels[i]).isEqualTo((byte) level(w[i], s));
                assertThat(fake[i]).isCloseTo(level(w[i], s) * s, within(1e-7f));
            }
            // Clipped: 3.0 / 0.01 = 300 steps, -2.5 / 0.01 = -250, 1.0 / 0.002 = 500.
            assertThat(levels[0]).isEqualTo((byte) 127);
            assertThat(levels[1]).isEqualTo((byte) -127);
            assertThat(levels[5]).isEqualTo((byte) 127);
            assertThat(fake[5]).isCloseTo(127 * 0.002f, within(1e-7f));
        }
    }

    @Test
    void int8ValuesReadBackWithinHalfAStepAndAsTheFakeQuantisedOnes() {
        float[] w = values();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.create(w, new Shape(ROWS, COLUMNS));
            NDArray scales = SymmetricInt8.scales(weight, QuantizationScheme.PER_CHANNEL);

            NDArray quantized = SymmetricInt8.quantize(weight, scales);
            float[] restored = SymmetricInt8.dequantize(quantized, scales).toFloatArray();
            float[] fake = SymmetricInt8.fakeQuantize(weight, scales).toFloatArray();

            assertThat(quantized.getDataType()).isEqualTo(DataType.INT8);
            byte[] levels = quantized.toByteArray();
            for (int i = 0; i < w.length; i++) {
                float s = rowScale(w, i / COLUMNS);
                assertThat(levels[i]).isEqualTo((byte) level(w[i], s));
                assertThat(Math.abs(restored[i] - w[i])).isLessThanOrEqualTo(s / 2 + 1e-6f);
                assertThat(restored[i]).isEqualTo(fake[i]);
            }
            // The largest magnitude of each row is exactly +-127 steps.
            assertThat(levels).contains((byte) 127);
        }
    }

    @Test
    void convolutionWeightsGetOneScalePerOutputChannel() {
        // (2 out, 1 in, 2, 2): channel 0 has max 0.8, channel 1 max 0.05.
        float[] w = {0.8f, -0.1f, 0.33f, 0.01f, 0.05f, -0.02f, 0.013f, 0.0f};
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.create(w, new Shape(2, 1, 2, 2));

            float[] scales = SymmetricInt8.scales(weight, QuantizationScheme.PER_CHANNEL)
                    .toFloatArray();
            NDArray fake = SymmetricInt8.fakeQuantize(weight, QuantizationScheme.PER_CHANNEL);

            assertThat(scales[0]).isCloseTo(0.8f / 127, within(1e-9f));
            assertThat(scales[1]).isCloseTo(0.05f / 127, within(1e-9f));
            assertThat(fake.getShape()).isEqualTo(weight.getShape());
            float[] values = fake.toFloatArray();
            for (int i = 0; i < w.length; i++) {
                float s = i < 4 ? 0.8f / 127 : 0.05f / 127;
                assertThat(values[i]).isCloseTo(level(w[i], s) * s, within(1e-7f));
            }
        }
    }

    @Test
    void anAllZeroChannelStaysZeroWithoutNaN() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.create(new float[] {0, 0, 0, 0.5f, -0.25f, 0.1f},
                    new Shape(2, 3));

            float[] fake = SymmetricInt8.fakeQuantize(weight, QuantizationScheme.PER_CHANNEL)
                    .toFloatArray();

            // -0.25 is -63.5 steps: a tie, rounded to the even -64 as PyTorch does.
            float s = 0.5f / 127;
            assertThat(level(-0.25f, s)).isEqualTo(-64f);
            assertThat(fake).containsExactly(new float[] {0, 0, 0, 0.5f, -64 * s,
                    level(0.1f, s) * s}, within(1e-6f));
        }
    }

    @Test
    void scalesOfTheWrongSizeAreRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.zeros(new Shape(3, 2));

            assertThatThrownBy(() -> SymmetricInt8.quantize(weight, manager.ones(new Shape(2))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("(1) or (C) scales");
        }
    }
}
