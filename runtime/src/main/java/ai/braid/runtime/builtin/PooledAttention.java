package ai.braid.runtime.builtin;

import ai.braid.api.data.FusedOutput;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads from a fusion's attention maps how much the vector its heads read draws on each
 * position of the fused sequence: the attention rollout (Abnar and Zuidema, 2020) of the pooled
 * vector.
 *
 * <p>Each layer's attention (B, H, L, L) is averaged over heads, the identity is added for the
 * residual connection and each row is renormalised to sum 1, giving A_l (B, L, L); the reading
 * is {@code w A_N ... A_1} (B, L), where w is the fusion's {@value FusedOutput#POOLING_WEIGHTS}.
 * For [CLS] pooling w is one-hot at position 0, so this is the [CLS] row rolled out through
 * every layer; for mean pooling it is the mean of the real tokens' rolled-out rows. The first
 * layer alone would say little of what the pooled output depends on: later layers mix the
 * tokens again, and the residual path keeps much of each token's own input.
 *
 * <p>A fusion that gives no pooling weights is read as before they existed: the first layer's
 * [CLS] row (position 0), averaged over heads, without rollout, since nothing says its maps are
 * a stack of self-attention layers over one sequence.
 */
final class PooledAttention {

    private static final String CLS_ROW = "[CLS] attention, layer 1, mean of heads";

    private PooledAttention() {
    }

    /**
     * One batch's reading.
     *
     * @param weights per example, a weight per position, (B, L) in row-major order
     * @param length L
     * @param description how it was computed, for a figure's title
     */
    record Reading(float[] weights, int length, String description) {

        /** Copies the weights and checks that they fill whole rows of {@code length}. */
        Reading {
            weights = weights.clone();
            Objects.requireNonNull(description, "description");
            if (length <= 0 || weights.length % length != 0) {
                throw new IllegalArgumentException(weights.length
                        + " weights are not rows of length " + length);
            }
        }

        /**
         * Returns one weight.
         *
         * @param example b in [0, B)
         * @param position t in [0, L)
         * @return weight (b, t)
         */
        float weight(int example, int position) {
            return weights[example * length + position];
        }

        @Override
        public float[] weights() {
            return weights.clone();
        }
    }

    /**
     * Reads a batch's fused output.
     *
     * @param fused a fusion's output with at least one attention map (B, H, L, L)
     * @return the weights the pooled vector gives each position
     * @throws IllegalArgumentException if there is no attention map, or the maps and pooling
     *     weights are not all of one sequence (B, H, L, L) and (B, L)
     */
    static Reading read(FusedOutput fused) {
        List<NDArray> layers = fused.attention();
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("the fusion returns no attention maps");
        }
        NDArray first = layers.get(0);
        Optional<NDArray> pooling = fused.findExtra(FusedOutput.POOLING_WEIGHTS);
        // The inputs join the scope for its duration only, so every array computed from them
        // is closed with it and the inputs go back to their own manager.
        try (NDManager scope = first.getManager().newSubManager()) {
            layers.forEach(layer -> join(layer, scope));
            if (pooling.isEmpty()) {
                NDArray row = first.get(new NDIndex(":, :, 0, :")).mean(new int[] {1});
                return new Reading(floats(row), (int) row.getShape().get(1), CLS_ROW);
            }
            NDArray weights = pooling.get();
            join(weights, scope);
            check(layers, weights.getShape());
            return new Reading(floats(rollout(layers, weights, scope)),
                    (int) weights.getShape().get(1), String.format(Locale.ROOT,
                            "attention rollout of the pooled vector, %d layer%s",
                            layers.size(), layers.size() == 1 ? "" : "s"));
        }
    }

    /** {@code w A_N ... A_1}, (B, L). */
    private static NDArray rollout(List<NDArray> layers, NDArray weights, NDManager scope) {
        DataType type = layers.get(0).getDataType();
        NDArray identity = scope.eye((int) weights.getShape().get(1)).toType(type, false);
        NDArray reading = weights.toType(type, false).expandDims(1);
        for (int layer = layers.size() - 1; layer >= 0; layer--) {
            NDArray residual = layers.get(layer).mean(new int[] {1}).add(identity);
            reading = reading.matMul(residual.div(residual.sum(new int[] {2}, true)));
        }
        return reading.squeeze(1);
    }

    private static void check(List<NDArray> layers, Shape weights) {
        if (weights.dimension() != 2) {
            throw new IllegalArgumentException("the fusion's pooling weights " + weights
                    + " are not (B, L)");
        }
        for (NDArray layer : layers) {
            Shape shape = layer.getShape();
            if (shape.dimension() != 4 || shape.get(0) != weights.get(0)
                    || shape.get(2) != weights.get(1) || shape.get(3) != weights.get(1)) {
                throw new IllegalArgumentException("the fusion's attention maps " + shape
                        + " are not (B, H, L, L) over the sequence its pooling weights "
                        + weights + " weigh");
            }
        }
    }

    /** Once only: a second temporary attach would take the scope for the array's own manager. */
    private static void join(NDArray array, NDManager scope) {
        if (array.getManager() != scope) {
            array.tempAttach(scope);
        }
    }

    private static float[] floats(NDArray array) {
        return array.toType(DataType.FLOAT32, false).toFloatArray();
    }
}
