package ai.braid.plugin.pcme.objective;

import ai.braid.api.UserInputException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Lookups and shape checks of the named model outputs the PCME objectives read. */
final class Outputs {

    private Outputs() {}

    /**
     * Returns the model output of the given name.
     *
     * @param outputs the head's outputs
     * @param name the output's name
     * @param reader the objective that reads it, for the message
     * @return the array
     * @throws UserInputException if there is no such output
     */
    static NDArray find(NDList outputs, String name, String reader) {
        NDArray array = outputs.get(name);
        if (array == null) {
            List<String> names = new ArrayList<>();
            outputs.forEach(a -> names.add(a.getName()));
            throw new UserInputException(reader + " reads the model output '" + name
                    + "', but the outputs are " + names);
        }
        return array;
    }

    /**
     * Returns a model output that holds one number, such as the logit scale.
     *
     * @param outputs the head's outputs
     * @param name the output's name
     * @param reader the objective that reads it, for the message
     * @return the array, shape (1) or ()
     * @throws UserInputException if it is missing or holds more than one number
     */
    static NDArray scalar(NDList outputs, String name, String reader) {
        NDArray array = find(outputs, name, reader);
        if (array.size() != 1) {
            throw new UserInputException(reader + ": output '" + name
                    + "' must hold one number, got shape " + array.getShape());
        }
        return array;
    }

    /**
     * Checks the number of axes of an output.
     *
     * @param array the output
     * @param name its name
     * @param layout the expected layout with as many axes as expected, e.g. "(B, J, D)"
     * @param axes the expected number of axes
     * @param reader the objective, for the message
     * @throws UserInputException if the number differs
     */
    static void requireAxes(NDArray array, String name, String layout, int axes, String reader) {
        if (array.getShape().dimension() != axes) {
            throw new UserInputException(reader + ": expected output '" + name + "' of shape "
                    + layout + ", got " + array.getShape());
        }
    }

    /**
     * Checks that an output has the shape another output implies, naming both.
     *
     * @param given the output to check
     * @param givenName its name
     * @param expected the shape it must have
     * @param reference the output that fixes that shape
     * @param referenceName its name
     * @param reader the objective, for the message
     * @throws UserInputException if the shape differs
     */
    static void requireShape(NDArray given, String givenName, Shape expected, NDArray reference,
            String referenceName, String reader) {
        if (!expected.equals(given.getShape())) {
            throw new UserInputException(reader + ": output '" + givenName + "' has shape "
                    + given.getShape() + " but output '" + referenceName + "' has shape "
                    + reference.getShape() + ", so '" + givenName + "' must be " + expected);
        }
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
            throw new UserInputException(option + " must name a model output, got a blank name");
        }
        return name;
    }

    /**
     * Returns a loss weight or throws.
     *
     * @param weight the value
     * @param option the option, for the message
     * @return the weight
     * @throws UserInputException if it is negative or not finite
     */
    static float weight(float weight, String option) {
        if (!(weight >= 0) || Float.isInfinite(weight)) {
            throw new UserInputException(option + " must be a non-negative number, got " + weight);
        }
        return weight;
    }
}
