package ai.braid.runtime.engine.quant;

import ai.braid.api.nn.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * Symmetric int8 quantisation of weights: {@code q = round(w / s).clip(-127, 127)}, stored as
 * int8, read back as {@code q * s}, with {@code s = max|w| / 127} over an output channel (axis
 * 0) or over the whole tensor. Rounding is half to even, as in PyTorch and NumPy.
 *
 * <p>Every result, intermediates included, belongs to the manager of the first array given: pass
 * arrays of a short-lived manager, never a model's parameters themselves. Nothing here is meant
 * to be differentiated; quantization-aware training gets its straight-through gradient by
 * swapping values ({@link WeightQuantizer}).
 */
public final class SymmetricInt8 {

    /** The largest magnitude of a quantised value; -128 is left unused so that 0 is centred. */
    public static final int LEVELS = 127;

    private SymmetricInt8() {}

    /**
     * Computes the scales of a weight.
     *
     * @param weight (C, ...) a Linear weight (C, in) or a convolution weight (C, in, k...)
     * @param scheme one scale per output channel or one for the tensor
     * @return (C) per channel, (1) per tensor: {@code max|w| / 127}; an all-zero channel gets
     *     the smallest normal float as its maximum, so that dividing by its scale is defined
     *     (its values stay 0)
     */
    public static NDArray scales(NDArray weight, QuantizationScheme scheme) {
        NDArray magnitude = weight.abs();
        NDArray maximum = scheme == QuantizationScheme.PER_TENSOR
                ? magnitude.max().reshape(1)
                // Multi-axis max fails on this engine: flatten each channel first.
                : magnitude.reshape(weight.getShape().get(0), -1).max(new int[] {1});
        return Scalars.div(Scalars.maximum(maximum, Float.MIN_NORMAL), LEVELS);
    }

    /**
     * Quantises a weight to int8.
     *
     * @param weight (C, ...) float weight
     * @param scales (C) or (1) scales, e.g. from {@link #scales}
     * @return (C, ...) int8 {@code round(w / s).clip(-127, 127)}
     */
    public static NDArray quantize(NDArray weight, NDArray scales) {
        return levels(weight, scales).toType(DataType.INT8, false);
    }

    /**
     * Reads int8 values back as floats.
     *
     * @param quantized (C, ...) int8 values
     * @param scales (C) or (1) their scales
     * @return (C, ...) float32 {@code q * s}
     */
    public static NDArray dequantize(NDArray quantized, NDArray scales) {
        return quantized.toType(DataType.FLOAT32, false)
                .mul(broadcastable(scales, quantized.getShape()));
    }

    /**
     * Fake-quantises a weight: the float values an int8 export of it reads back as.
     *
     * @param weight (C, ...) float weight
     * @param scales (C) or (1) scales; values beyond {@code 127 s} are clipped
     * @return (C, ...) {@code round(w / s).clip(-127, 127) * s}
     */
    public static NDArray fakeQuantize(NDArray weight, NDArray scales) {
        return levels(weight, scales).mul(broadcastable(scales, weight.getShape()));
    }

    /**
     * Fake-quantises a weight with its own scales.
     *
     * @param weight (C, ...) float weight
     * @param scheme one scale per output channel or one for the tensor
     * @return (C, ...) {@code round(w / s).clip(-127, 127) * s}, {@code s = max|w| / 127}
     */
    public static NDArray fakeQuantize(NDArray weight, QuantizationScheme scheme) {
        return fakeQuantize(weight, scales(weight, scheme));
    }

    /** {@code round(w / s).clip(-127, 127)}, still float. */
    private static NDArray levels(NDArray weight, NDArray scales) {
        return weight.div(broadcastable(scales, weight.getShape())).round()
                .clip(-LEVELS, LEVELS);
    }

    /** Reshapes (C) or (1) scales to (C, 1, ...) or (1, 1, ...) of the weight's rank. */
    private static NDArray broadcastable(NDArray scales, Shape weight) {
        long count = scales.size();
        if (weight.dimension() == 0 || scales.getShape().dimension() != 1
                || (count != 1 && count != weight.get(0))) {
            throw new IllegalArgumentException("expected (1) or (C) scales for a weight of shape"
                    + " (C, ...), got " + scales.getShape() + " for " + weight);
        }
        long[] dims = new long[weight.dimension()];
        Arrays.fill(dims, 1);
        dims[0] = count;
        return scales.reshape(new Shape(dims));
    }
}
