package ai.braid.api.nn;

import ai.braid.api.UserInputException;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.Arrays;
import java.util.Locale;

/** The element-wise non-linearities the blocks of this package can use. */
public enum ActivationKind {

    /** Gaussian error linear unit, the transformer default. */
    GELU,
    /** Rectified linear unit. */
    RELU,
    /** Hyperbolic tangent. */
    TANH;

    /**
     * Applies this non-linearity element-wise.
     *
     * @param x an array of any shape
     * @return an array of the same shape
     */
    public NDArray apply(NDArray x) {
        switch (this) {
            case GELU:
                return Activation.gelu(x);
            case RELU:
                return Activation.relu(x);
            case TANH:
                return Activation.tanh(x);
            default:
                throw new AssertionError(this);
        }
    }

    /**
     * Reads an activation name as written in a pipeline file, ignoring case.
     *
     * @param name for example "gelu" or "relu"
     * @return the activation
     * @throws UserInputException if the name is none of the known activations
     */
    public static ActivationKind of(String name) {
        for (ActivationKind kind : values()) {
            if (kind.name().equalsIgnoreCase(name)) {
                return kind;
            }
        }
        throw new UserInputException("unknown activation '" + name + "', expected one of "
                + Arrays.toString(values()).toLowerCase(Locale.ROOT));
    }
}
