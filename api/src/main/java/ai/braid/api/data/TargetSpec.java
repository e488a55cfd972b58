package ai.braid.api.data;

import java.util.List;
import java.util.Objects;

/**
 * A target a dataset provides for supervision or evaluation, e.g. a class label, a tag per
 * token, or generative factors.
 *
 * @param name the key of the target in {@link Sample#targets()}, e.g. "label"
 * @param classes class names when the target is categorical (index = class id), otherwise empty
 */
public record TargetSpec(String name, List<String> classes) {

    /** Checks for nulls and copies the class list. */
    public TargetSpec {
        Objects.requireNonNull(name, "name");
        classes = List.copyOf(classes);
    }

    /**
     * Tells whether the target is categorical.
     *
     * @return true if class names are known
     */
    public boolean categorical() {
        return !classes.isEmpty();
    }
}
