package ai.braid.runtime.engine.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.nn.Scalars;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;

class WeightQuantizerTest {

    /** Conv2d -> flatten -> LayerNorm -> Linear, on (2, 1, 4, 4) images. */
    private static SequentialBlock convAndLinear(NDManager manager) {
        SequentialBlock block = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(2, 2)).setFilters(3).build())
                .add(Blocks.batchFlattenBlock())
                .add(LayerNorm.builder().build())
                .add(Linear.builder().setUnits(2).build());
        block.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 4, 4));
        return block;
    }

    @Test
    void selectsTheWeightsOfLinearAndConvolutionBlocksOnly() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock block = convAndLinear(manager);

            WeightQuantizer quantizer = WeightQuantizer.of(block, QuantizationScheme.PER_CHANNEL);

            assertThat(quantizer.isEnabled()).isTrue();
            assertThat(quantizer.weights()).extracting(pair -> pair.getValue().getType())
                    .containsOnly(Parameter.Type.WEIGHT);
            assertThat(quantizer.weights()).extracting(pair -> pair.getValue().getArray()
                    .getShape()).containsExactly(new Shape(3, 1, 2, 2), new Shape(2, 27));
            // The names are the model's, the keys of checkpoints.
            assertThat(quantizer.weights()).extracting(Pair::getKey)
                    .isSubsetOf(block.getParameters().keys());
            assertThat(WeightQuantizer.none().isEnabled()).isFalse();
            assertThat(WeightQuantizer.none().weights()).isEmpty();
        }
    }

    @Test
    void weightsAreFakeQuantisedInPlaceAndPutBackExactly() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock block = convAndLinear(manager);
            WeightQuantizer quantizer = WeightQuantizer.of(block, QuantizationScheme.PER_CHANNEL);
            NDArray conv = quantizer.weights().get(0).getValue().getArray();
            NDArray linear = quantizer.weights().get(1).getValue().getArray();
            float[] convBefore = conv.toFloatArray();
            float[] linearBefore = linear.toFloatArray();
            NDArray bias = block.getParameters().valueAt(1).getArray();
            float[] biasBefore = bias.toFloatArray();

            try (WeightQuantizer.FloatWeights floats = quantizer.fakeQuantize(manager)) {
                // The same arrays (the parameter store keeps handing them out) hold q(w).
                assertThat(quantizer.weights().get(0).getValue().getArray()).isSameAs(conv);
                float[] quantized = conv.toFloatArray();
                for (int channel = 0; channel < 3; channel++) {
                    float max = 0;
                    for (int i = 0; i < 4; i++) {
                        max = Math.max(max, Math.abs(convBefore[channel * 4 + i]));
                    }
                    float s = max / 127;
                    for (int i = 0; i < 4; i++) {
                        float w = convBefore[channel * 4 + i];
                        assertThat(quantized[channel * 4 + i])
                                .isCloseTo((float) Math.rint(w / s) * s, within(1e-6f));
                    }
                }
                assertThat(linear.toFloatArray()).isNotEqualTo(linearBefore);
                assertThat(bias.toFloatArray()).isEqualTo(biasBefore);
            }

            assertThat(conv.toFloatArray()).isEqualTo(convBefore);
            assertThat(linear.toFloatArray()).isEqualTo(linearBefore);
        }
    }

    @Test
    void theFloatWeightsReceiveTheGradientAtTheQuantisedWeights() {
        // y = x W^T, L = sum(y^2) / 2, so dL/dW = y^T x with y computed at whatever W the
        // forward pass used. Per tensor, s = 0.9 / 127 puts 0.013 at 1.83 steps, which rounds to
        // 2: q(W) differs from W, and so do the two gradients.
        float[][] w = {{0.9f, 0.013f}, {-0.5f, 0.3f}};
        float[][] x = {{1.0f, -2.0f}, {0.5f, 3.0f}};
        float s = 0.9f / 127f;
        float[][] q = new float[2][2];
        for (int j = 0; j < 2; j++) {
            for (int k = 0; k < 2; k++) {
                q[j][k] = (float) Math.rint(w[j][k] / s) * s;
            }
        }
        double[][] atQuantized = gradient(q, x);
        double[][] atFloat = gradient(w, x);
        assertThat(Math.abs(atQuantized[0][1] - atFloat[0][1])).isGreaterThan(1e-3);

        try (NDManager manager = NDManager.newBaseManager()) {
            Linear layer = Linear.builder().setUnits(2).optBias(false).build();
            layer.initialize(manager, DataType.FLOAT32, new Shape(2, 2));
            NDArray weight = layer.getParameters().get("weight").getArray();
            weight.set(new NDIndex("..."), manager.create(new float[] {w[0][0], w[0][1],
                    w[1][0], w[1][1]}, new Shape(2, 2)));
            weight.setRequiresGradient(true);
            WeightQuantizer quantizer = WeightQuantizer.of(layer, QuantizationScheme.PER_TENSOR);
            ParameterStore store = new ParameterStore(manager, false);

            try (NDManager step = manager.newSubManager()) {
                NDArray input = step.create(new float[] {x[0][0], x[0][1], x[1][0], x[1][1]},
                        new Shape(2, 2));
                try (WeightQuantizer.FloatWeights floats = quantizer.fakeQuantize(step);
                        GradientCollector collector =
                                Engine.getInstance().newGradientCollector()) {
                    NDArray y = layer.forward(store, new NDList(input), true).head();
                    collector.backward(Scalars.mul(y.square().sum(), 0.5f));
                }
            }

            float[] restored = weight.toFloatArray();
            assertThat(restored).containsExactly(w[0][0], w[0][1], w[1][0], w[1][1]);
            try (NDArray gradient = weight.getGradient()) {
                float[] got = gradient.toFloatArray();
                for (int j = 0; j < 2; j++) {
                    for (int k = 0; k < 2; k++) {
                        assertThat((double) got[j * 2 + k]).as("dL/dW[%d][%d]", j, k)
                                .isCloseTo(atQuantized[j][k], within(1e-5));
                    }
                }
            }
        }
    }

    /** dL/dW = y^T x for y = x W^T and L = sum(y^2) / 2, in doubles. */
    private static double[][] gradient(float[][] w, float[][] x) {
        double[][] y = new double[x.length][w.length];
        for (int b = 0; b < x.length; b++) {
            for (int j = 0; j < w.length; j++) {
                for (int k = 0; k < x[b].length; k++) {
                    y[b][j] += (double) x[b][k] * w[j][k];
                }
            }
        }
        double[][] grad = new double[w.length][x[0].length];
        for (int j = 0; j < w.length; j++) {
            for (int k = 0; k < x[0].length; k++) {
                for (int b = 0; b < x.length; b++) {
                    grad[j][k] += y[b][j] * x[b][k];
                }
            }
        }
        return grad;
    }
}
