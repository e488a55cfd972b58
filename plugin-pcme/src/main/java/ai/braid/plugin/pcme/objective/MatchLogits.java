package ai.braid.plugin.pcme.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.Set;

/**
 * The match logit of PCME and PCME++, {@code s = -a * d + b}, from a distance d and the
 * learnable negative scale a and shift b, which the head outputs as one number each.
 */
final class MatchLogits {

    private final String negativeScale;
    private final String shift;

    /**
     * Creates the logit reading a and b from the named outputs.
     *
     * @param negativeScale output name of a (1)
     * @param shift output name of b (1)
     */
    MatchLogits(String negativeScale, String shift) {
        this.negativeScale = Outputs.name(negativeScale, "negativeScale");
        this.shift = Outputs.name(shift, "shift");
    }

    /**
     * Returns the names of a and b.
     *
     * @return the two output names
     */
    Set<String> outputs() {
        return Set.of(negativeScale, shift);
    }

    /**
     * Checks that a and b are present and hold one number each.
     *
     * @param outputs the head's outputs
     * @param reader the objective, for the message
     * @throws ai.braid.api.UserInputException if not
     */
    void check(NDList outputs, String reader) {
        Outputs.scalar(outputs, negativeScale, reader);
        Outputs.scalar(outputs, shift, reader);
    }

    /**
     * Turns distances into logits.
     *
     * @param distance distances of any shape
     * @param outputs the head's outputs, holding a and b
     * @param reader the objective, for the message
     * @return {@code -a * distance + b}, of the distance's shape
     * @throws ai.braid.api.UserInputException if a or b is missing or not one number
     */
    NDArray of(NDArray distance, NDList outputs, String reader) {
        NDArray a = Outputs.scalar(outputs, negativeScale, reader).reshape(1);
        NDArray b = Outputs.scalar(outputs, shift, reader).reshape(1);
        return distance.mul(a).neg().add(b);
    }
}
