package ai.braid.api.config;

/** The type of a component option, as written in a pipeline file. */
public enum OptionType {
    /** A whole number, read as {@code long} and range-checked. */
    INTEGER("an integer"),
    /** A real number; integers are accepted too. */
    NUMBER("a number"),
    /** {@code true} or {@code false}. */
    BOOLEAN("true or false"),
    /** A string, optionally restricted to a set of choices. */
    STRING("a string"),
    /** A list of strings, written {@code [a, b]} or as a YAML block list. */
    STRING_LIST("a list of strings"),
    /**
     * A mapping of names to strings, written {@code {a: x, b: y}} or as a YAML block mapping;
     * keys keep their file order.
     */
    STRING_MAP("a mapping of names to strings"),
    /** A file system path; relative paths are resolved against the working directory. */
    PATH("a path");

    private final String description;

    OptionType(String description) {
        this.description = description;
    }

    /**
     * Returns how this type is described to a user in an error message, e.g. "an integer".
     *
     * @return the description
     */
    public String describe() {
        return description;
    }
}
