package ai.braid.plugin.ssesf.pretrain;

import ai.braid.api.UserInputException;
import ai.braid.api.config.ComponentConfig;
import java.util.Optional;

/** Reads the output and target names the pre-training objectives take as options. */
final class ObjectiveNames {

    private ObjectiveNames() {}

    /**
     * Reads a name that must be given.
     *
     * @throws UserInputException naming the option if it is blank
     */
    static String required(ComponentConfig config, String option) {
        String name = config.getString(option);
        if (name.isBlank()) {
            throw new UserInputException(config.where(option) + ": expected the name of an"
                    + " output or target, got an empty string");
        }
        return name;
    }

    /** Reads a name that may be left empty. */
    static Optional<String> optional(ComponentConfig config, String option) {
        String name = config.getString(option);
        return name.isBlank() ? Optional.empty() : Optional.of(name);
    }
}
