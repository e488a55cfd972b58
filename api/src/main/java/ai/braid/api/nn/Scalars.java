package ai.braid.api.nn;

import ai.djl.ndarray.NDArray;

/**
 * Arithmetic between an array and a constant that is safe inside a training graph on DJL's
 * PyTorch engine. Use these instead of {@code NDArray.mul(Number)}, {@code div(Number)}, {@code
 * maximum(Number)} and {@code minimum(Number)} whenever the array needs a gradient.
 *
 * <p>Why: on the CPU, DJL 0.35.1 makes the constant a tensor over a Java direct buffer, runs the
 * operation and closes the constant at once. Autograd keeps that tensor for the backward pass,
 * but once it is closed nothing keeps its buffer alive, so the garbage collector may free the
 * memory before backward reads it. The result is rare, non-deterministic garbage gradients:
 * here, runs that were identical up to a few hundred steps, then differed, and sometimes an
 * infinite gradient after about a thousand steps. These methods create the constant on the
 * array's own manager, where it lives until that manager (the training step's) is closed.
 */
public final class Scalars {

    private Scalars() {}

    /**
     * Multiplies by a constant.
     *
     * @param x any array
     * @param value the constant
     * @return {@code x * value}, of the shape of {@code x}
     */
    public static NDArray mul(NDArray x, float value) {
        return x.mul(constant(x, value));
    }

    /**
     * Divides by a constant.
     *
     * @param x any array
     * @param value the constant
     * @return {@code x / value}, of the shape of {@code x}
     */
    public static NDArray div(NDArray x, float value) {
        return x.div(constant(x, value));
    }

    /**
     * Element-wise maximum with a constant.
     *
     * @param x any array
     * @param value the constant
     * @return {@code max(x, value)}, of the shape of {@code x}
     */
    public static NDArray maximum(NDArray x, float value) {
        return x.maximum(constant(x, value));
    }

    /**
     * Element-wise minimum with a constant.
     *
     * @param x any array
     * @param value the constant
     * @return {@code min(x, value)}, of the shape of {@code x}
     */
    public static NDArray minimum(NDArray x, float value) {
        return x.minimum(constant(x, value));
    }

    private static NDArray constant(NDArray x, float value) {
        return x.getManager().create(value).toType(x.getDataType(), false);
    }
}
