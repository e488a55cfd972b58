package ai.braid.runtime.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems of one validation pass so the user sees all of them at once, then
 * fails with a {@link ConfigException} if there were any.
 */
public final class Problems {

    private final String source;
    private final List<ConfigProblem> problems = new ArrayList<>();

    /**
     * Starts a collection.
     *
     * @param source the pipeline file, named in the final message
     */
    public Problems(String source) {
        this.source = source;
    }

    /** Records a problem at a node. */
    public void add(ConfigNode node, String message) {
        problems.add(ConfigProblem.at(node, message));
    }

    /** Records a problem at a described place. */
    public void add(String where, String message) {
        problems.add(new ConfigProblem(where, message));
    }

    /** Tells whether nothing is wrong so far. */
    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /**
     * Fails if any problem was recorded.
     *
     * @throws ConfigException listing every problem
     */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
    }
}
