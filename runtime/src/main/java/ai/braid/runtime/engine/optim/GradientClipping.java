package ai.braid.runtime.engine.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * Scales all gradients together so their global L2 norm is at most a bound, as
 * {@code torch.nn.utils.clip_grad_norm_} does. DJL's {@code optClipGrad} clamps values from
 * above only, which is neither symmetric nor a norm clip.
 */
public final class GradientClipping {

    private GradientClipping() {}

    /**
     * Clips the gradients of the trainable parameters in place.
     *
     * @param parameters the model's parameters by name
     * @param maxNorm the bound; 0 or less measures the norm without clipping
     * @return the global norm before clipping; NaN or infinite (and nothing scaled) if a
     *     gradient is not finite
     */
    public static double clip(List<Pair<String, Parameter>> parameters, double maxNorm) {
        List<NDArray> gradients = new ArrayList<>();
        try {
            NDArray squares = null;
            for (Pair<String, Parameter> entry : parameters) {
                if (!entry.getValue().requiresGradient()) {
                    continue;
                }
                NDArray gradient = entry.getValue().getArray().getGradient();
                gradients.add(gradient);
                // Gradients live on the model's manager: close every intermediate here.
                try (NDArray square = gradient.square()) {
                    NDArray sum = square.sum();
                    if (squares == null) {
                        squares = sum;
                    } else {
                        squares.addi(sum);
                        sum.close();
                    }
                }
            }
            if (squares == null) {
                return 0;
            }
            double norm = Math.sqrt(squares.getFloat());
            squares.close();
            if (!Double.isFinite(norm)) {
                // Scaling would turn an infinite gradient into NaN weights: leave them as they
                // are and let the caller stop before the update.
                return norm;
            }
            if (maxNorm > 0 && norm > maxNorm) {
                float scale = (float) (maxNorm / (norm + 1e-6));
                gradients.forEach(gradient -> gradient.muli(scale));
            }
            return norm;
        } finally {
            gradients.forEach(NDArray::close);
        }
    }

    /**
     * Describes the parameters whose gradient is not finite or too large to square in float32,
     * with the largest absolute value of each.
     *
     * @param parameters the model's parameters by name
     * @return e.g. {@code ["fusion.layer0.weight (max |g| = 3.1e+21)"]}, in order
     */
    public static List<String> nonFinite(List<Pair<String, Parameter>> parameters) {
        List<String> names = new ArrayList<>();
        for (Pair<String, Parameter> entry : parameters) {
            if (!entry.getValue().requiresGradient()) {
                continue;
            }
            try (NDArray gradient = entry.getValue().getArray().getGradient();
                    NDArray magnitude = gradient.abs();
                    NDArray largest = magnitude.max()) {
                float max = largest.getFloat();
                if (!Float.isFinite(max) || max > 1e18f) {
                    names.add(String.format("%s (max |g| = %.3g)", entry.getKey(), max));
                }
            }
        }
        return names;
    }
}
