package ai.braid.api.data;

import ai.djl.ndarray.NDArray;
import java.util.Objects;

/**
 * One named term of the training loss, e.g. "ce" or "supcon".
 *
 * <p>The runtime weights the terms (fixed weights or a strategy such as MGDA), logs each one by
 * name in {@code metrics.jsonl}, and stops with the term's name if it turns NaN or infinite.
 *
 * @param name unique among the terms of one objective set
 * @param value a scalar array (shape () or (1)) attached to the autograd graph
 */
public record LossTerm(String name, NDArray value) {

    /**
     * Checks that the value is a scalar.
     *
     * @throws IllegalArgumentException if the value has more than one element
     */
    public LossTerm {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (value.size() != 1) {
            throw new IllegalArgumentException(
                    "loss term '" + name + "' must be a scalar, got shape " + value.getShape());
        }
    }
}
