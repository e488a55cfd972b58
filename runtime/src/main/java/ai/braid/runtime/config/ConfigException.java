package ai.braid.runtime.config;

import ai.braid.api.UserInputException;
import java.util.List;

/** A pipeline file with one or more problems; the message lists each with its path and line. */
public final class ConfigException extends UserInputException {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    /**
     * Creates the exception.
     *
     * @param source the pipeline file
     * @param problems at least one problem
     */
    public ConfigException(String source, List<ConfigProblem> problems) {
        super(format(source, problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, in the order they were found. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String format(String source, List<ConfigProblem> problems) {
        StringBuilder text = new StringBuilder(source).append(" is not a valid pipeline (")
                .append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
        for (ConfigProblem problem : problems) {
            text.append("\n  ").append(problem);
        }
        return text.toString();
    }
}
