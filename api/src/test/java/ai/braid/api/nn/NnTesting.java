package ai.braid.api.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers shared by the block tests. */
final class NnTesting {

    private NnTesting() {
    }

    static void initialize(Block block, NDManager manager, Shape... shapes) {
        block.initialize(manager, DataType.FLOAT32, shapes);
    }

    static NDList forward(Block block, NDManager manager, boolean training, NDArray... inputs) {
        return block.forward(new ParameterStore(manager, false), new NDList(inputs), training);
    }

    /**
     * Backpropagates a random projection of the first output (a plain sum would be blind to
     * parameters that shift every output equally, e.g. behind a LayerNorm) and returns the sum
     * of absolute gradients of every parameter.
     */
    static Map<String, Float> gradientSums(Block block, NDManager manager, NDArray... inputs) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray out = forward(block, manager, true, inputs).get(0);
            NDArray weights = manager.randomNormal(out.getShape());
            collector.backward(out.mul(weights).sum());
        }
        Map<String, Float> sums = new LinkedHashMap<>();
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            try (NDArray gradient = parameter.getValue().getArray().getGradient()) {
                sums.put(parameter.getKey(), gradient.abs().sum().getFloat());
            }
        }
        return sums;
    }

    static void assertEveryParameterGetsGradient(Block block, NDManager manager,
            NDArray... inputs) {
        Map<String, Float> sums = gradientSums(block, manager, inputs);
        assertThat(sums).isNotEmpty();
        assertThat(sums).allSatisfy((name, sum) -> assertThat(sum).as(name).isGreaterThan(0f));
    }

    /** Float mask (B, L) with ones on the first {@code lengths[b]} positions of row b. */
    static NDArray mask(NDManager manager, int length, int... lengths) {
        float[] values = new float[lengths.length * length];
        for (int b = 0; b < lengths.length; b++) {
            for (int t = 0; t < lengths[b]; t++) {
                values[b * length + t] = 1f;
            }
        }
        return manager.create(values, new Shape(lengths.length, length));
    }

    /** Same as x at real positions, fresh noise at padded positions. */
    static NDArray repad(NDManager manager, NDArray x, NDArray mask) {
        NDArray keep = mask.expandDims(2);
        NDArray noise = manager.randomNormal(0f, 10f, x.getShape(), DataType.FLOAT32);
        return x.mul(keep).add(noise.mul(keep.sub(1f).neg()));
    }

    /** Max |a - b| over positions (B, L) where mask is 1, for (B, L, ...) arrays. */
    static float maxDiffAtReal(NDArray a, NDArray b, NDArray mask) {
        NDArray keep = mask;
        while (keep.getShape().dimension() < a.getShape().dimension()) {
            keep = keep.expandDims(keep.getShape().dimension());
        }
        return a.sub(b).abs().mul(keep).max().getFloat();
    }

    static float[][] rows(NDArray matrix) {
        Shape shape = matrix.getShape();
        float[] flat = matrix.toFloatArray();
        int cols = (int) shape.get(1);
        float[][] rows = new float[(int) shape.get(0)][cols];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(flat, i * cols, rows[i], 0, cols);
        }
        return rows;
    }
}
