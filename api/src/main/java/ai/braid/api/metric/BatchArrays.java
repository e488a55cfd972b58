package ai.braid.api.metric;

import ai.braid.api.UserInputException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Lookups of named arrays and option checks the metrics share. */
final class BatchArrays {

    private BatchArrays() {}

    /**
     * Returns the array of the given name.
     *
     * @param list the outputs or the targets of a batch
     * @param name the array's name
     * @param kind "output" or "target", for the message
     * @param metric the metric that reads it, for the message
     * @return the array
     * @throws UserInputException if there is no such array
     */
    static NDArray require(NDList list, String name, String kind, String metric) {
        NDArray array = list.get(name);
        if (array == null) {
            List<String> names = new ArrayList<>();
            list.forEach(a -> names.add(a.getName()));
            throw new UserInputException("metric '" + metric + "' reads the " + kind + " '" + name
                    + "', but the " + kind + "s are " + names);
        }
        return array;
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
     * Returns {@code numerator / denominator}, or 0 when the denominator is 0.
     *
     * @param numerator a count
     * @param denominator a count
     * @return the ratio, 0 when undefined
     */
    static double ratioOrZero(double numerator, double denominator) {
        return denominator == 0 ? 0 : numerator / denominator;
    }

    /**
     * Returns the harmonic mean of precision and recall, or 0 when both are 0.
     *
     * @param precision in [0, 1]
     * @param recall in [0, 1]
     * @return F1
     */
    static double f1(double precision, double recall) {
        return ratioOrZero(2 * precision * recall, precision + recall);
    }
}
