package ai.braid.runtime.config;

import java.util.Objects;

/**
 * One thing wrong in a pipeline file.
 *
 * @param where the YAML path and origin, e.g. "fusion.name (x.yaml:9)"
 * @param message what is wrong and what is expected
 */
public record ConfigProblem(String where, String message) {

    /** Checks for nulls. */
    public ConfigProblem {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(message, "message");
    }

    /** A problem at a node. */
    public static ConfigProblem at(ConfigNode node, String message) {
        return new ConfigProblem(node.where(), message);
    }

    @Override
    public String toString() {
        return where + ": " + message;
    }
}
