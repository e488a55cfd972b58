package ai.braid.api.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Padding-mask arithmetic shared by the attention and pooling blocks. */
final class Masks {

    private Masks() {
    }

    /**
     * Turns a mask of any dtype into 1 for real tokens and 0 for padding.
     *
     * @param mask boolean, integer or floating array; values &gt; 0 (or true) are real tokens
     * @param type the floating type of the result, usually that of the activations
     * @return an array of the mask's shape holding only 0 and 1
     */
    static NDArray keep(NDArray mask, DataType type) {
        NDArray asType = mask.toType(type, false);
        if (mask.getDataType() == DataType.BOOLEAN) {
            return asType;
        }
        return asType.gt(0f).toType(type, false);
    }

    /**
     * Softmax over one axis that gives padded positions exactly 0 and an all-padding row all
     * zeros (never NaN).
     *
     * <p>Padded scores are pushed down by a large finite constant (so a row of padding alone
     * stays finite), then the probabilities are multiplied by the mask, which makes padded
     * entries exactly 0 and turns an all-padding row into zeros.
     *
     * @param scores scores of any shape
     * @param keep 0/1 array broadcastable to {@code scores}, from {@link #keep}
     * @param axis the axis to normalise over
     * @return probabilities of the shape of {@code scores}
     */
    static NDArray softmax(NDArray scores, NDArray keep, int axis) {
        float penalty = scores.getDataType() == DataType.FLOAT16 ? 1e4f : 1e9f;
        NDArray bias = keep.sub(1f).mul(penalty);
        return scores.add(bias).softmax(axis).mul(keep);
    }
}
