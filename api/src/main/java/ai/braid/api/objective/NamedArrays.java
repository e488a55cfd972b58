package ai.braid.api.objective;

import ai.braid.api.UserInputException;
import ai.braid.api.nn.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Lookups of named arrays and the small array helpers the objectives share. */
final class NamedArrays {

    /** Floor of a squared row norm, so that zero rows normalise to zero instead of NaN. */
    private static final float MIN_SQUARED_NORM = 1e-24f;

    private NamedArrays() {}

    /**
     * Returns the model output of the given name.
     *
     * @param outputs the head's outputs
     * @param name the output's name
     * @param reader the loss term that reads it, for the message
     * @return the array
     * @throws UserInputException if there is no such output
     */
    static NDArray output(NDList outputs, String name, String reader) {
        return find(outputs, name, reader, "output");
    }

    /**
     * Returns the target of the given name.
     *
     * @param targets the task's targets
     * @param name the target's name
     * @param reader the loss term that reads it, for the message
     * @return the array
     * @throws UserInputException if there is no such target
     */
    static NDArray target(NDList targets, String name, String reader) {
        return find(targets, name, reader, "target");
    }

    private static NDArray find(NDList list, String name, String reader, String kind) {
        NDArray array = list.get(name);
        if (array == null) {
            List<String> names = new ArrayList<>();
            list.forEach(a -> names.add(a.getName()));
            throw new UserInputException("loss '" + reader + "' reads the " + kind + " '" + name
                    + "', but the " + kind + "s are " + names);
        }
        return array;
    }

    /**
     * Checks that an array has the given number of axes.
     *
     * @param array the array
     * @param ndim the expected number of axes
     * @param what what the array is, e.g. "output 'embedding' (B, D)", for the message
     * @throws UserInputException if the number differs
     */
    static void requireAxes(NDArray array, int ndim, String what) {
        if (array.getShape().dimension() != ndim) {
            throw new UserInputException(
                    "expected " + what + " with " + ndim + " axes, got shape " + array.getShape());
        }
    }

    /**
     * Checks that two arrays have the same shape.
     *
     * @param expected the array whose shape is the reference
     * @param given the array to check
     * @param what what the given array is, for the message
     * @throws UserInputException if the shapes differ
     */
    static void requireShape(Shape expected, NDArray given, String what) {
        if (!expected.equals(given.getShape())) {
            throw new UserInputException(
                    "expected " + what + " of shape " + expected + ", got " + given.getShape());
        }
    }

    /**
     * Scales each row to unit Euclidean length.
     *
     * @param x (N, D) vectors
     * @return (N, D) unit vectors; zero rows stay zero
     */
    static NDArray l2Normalize(NDArray x) {
        NDArray norm = Scalars.maximum(x.square().sum(new int[] {1}, true), MIN_SQUARED_NORM)
                .sqrt();
        return x.div(norm);
    }

    /**
     * Creates an identity matrix on the manager and device of {@code like}.
     *
     * @param like an array whose manager, device and data type the result shares
     * @param n the size
     * @return (n, n) identity
     */
    static NDArray eye(NDArray like, int n) {
        return like.getManager().eye(n).toType(like.getDataType(), false);
    }

    /**
     * Returns a temperature option or throws.
     *
     * @param temperature the value
     * @return the value
     * @throws UserInputException if it is not positive and finite
     */
    static float positiveTemperature(float temperature) {
        if (!(temperature > 0) || Float.isInfinite(temperature)) {
            throw new UserInputException(
                    "temperature must be a positive number, got " + temperature);
        }
        return temperature;
    }

    /**
     * Returns a name option or throws.
     *
     * @param name the value
     * @param option the option, for the message
     * @return the name
     * @throws UserInputException if it is blank
     */
    static String name(String name, String option) {
        Objects.requireNonNull(name, option);
        if (name.isBlank()) {
            throw new UserInputException(option + " must not be blank");
        }
        return name;
    }

    /**
     * Converts class indices to the integer type that gather and one-hot need.
     *
     * @param labels integer or float class indices
     * @return the same values as int64
     */
    static NDArray indices(NDArray labels) {
        return labels.getDataType() == DataType.INT64
                ? labels
                : labels.toType(DataType.INT64, false);
    }
}
