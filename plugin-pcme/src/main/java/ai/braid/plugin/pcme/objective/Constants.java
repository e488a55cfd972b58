package ai.braid.plugin.pcme.objective;

import ai.djl.ndarray.NDArray;

/**
 * Constants as arrays on the manager of the array they combine with. Adding a Java number
 * ({@code x.add(1f)}) on a differentiated graph is unsafe on DJL's PyTorch engine for the
 * reason {@link ai.braid.api.nn.Scalars} gives; a constant created here lives until the step's
 * manager is closed.
 */
final class Constants {

    private Constants() {}

    /**
     * Creates a scalar constant.
     *
     * @param like the array the constant combines with
     * @param value the value
     * @return shape (), on the manager, device and data type of {@code like}
     */
    static NDArray of(NDArray like, float value) {
        return like.getManager().create(value).toType(like.getDataType(), false);
    }
}
