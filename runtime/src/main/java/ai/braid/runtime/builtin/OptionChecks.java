package ai.braid.runtime.builtin;

import ai.braid.api.UserInputException;
import ai.braid.api.config.ComponentConfig;
import java.util.Optional;

/** Checks of option values that an {@link ai.braid.api.config.OptionSchema} cannot express. */
final class OptionChecks {

    private OptionChecks() {}

    /**
     * Reads a string option that names a model output or a target.
     *
     * @param config the component's options
     * @param option the option's name
     * @return the name, never blank
     * @throws UserInputException if the value is blank; the message points at the option
     */
    static String name(ComponentConfig config, String option) {
        String value = config.getString(option);
        if (value.isBlank()) {
            throw new UserInputException(config.where(option)
                    + ": expected the name of an output or target, got an empty string");
        }
        return value;
    }

    /**
     * Reads a string option that optionally names a model output or a target; an empty value
     * (the default of such options) means none.
     *
     * @param config the component's options
     * @param option the option's name
     * @return the name, or empty when the option is blank
     */
    static Optional<String> optionalName(ComponentConfig config, String option) {
        String value = config.getString(option);
        return value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
