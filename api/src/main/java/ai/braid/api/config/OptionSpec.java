package ai.braid.api.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The declaration of one component option: its name, type, default and allowed values.
 *
 * <p>The runtime checks every option of every component of a pipeline against its spec before
 * any work starts, so a component reads its options from {@link ComponentConfig} without checks
 * of its own. Build specs with the static factories of {@link OptionSchema.Builder}.
 *
 * @param name the key in the pipeline file
 * @param type the expected type
 * @param defaultValue the value used when the key is absent, or null when the option is required
 * @param min the inclusive lower bound for numbers, or null
 * @param max the inclusive upper bound for numbers, or null
 * @param choices the allowed strings for {@link OptionType#STRING}; empty means any
 * @param description one line shown in errors and in {@code braid plugins}
 */
public record OptionSpec(
        String name,
        OptionType type,
        Object defaultValue,
        Double min,
        Double max,
        List<String> choices,
        String description) {

    /** Checks the declaration itself. */
    public OptionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        choices = List.copyOf(choices);
        if (!choices.isEmpty() && type != OptionType.STRING) {
            throw new IllegalArgumentException("option '" + name + "': choices need type STRING");
        }
    }

    /**
     * Tells whether the pipeline file must set this option.
     *
     * @return true if there is no default
     */
    public boolean required() {
        return defaultValue == null;
    }

    /**
     * Returns the default value.
     *
     * @return the default, empty for a required option
     */
    public Optional<Object> defaultIfAbsent() {
        return Optional.ofNullable(defaultValue);
    }

    /**
     * Converts a value to the type a component reads for this option, as the runtime converts
     * a pipeline file's values: an {@link OptionType#INTEGER} becomes a Long, a {@link
     * OptionType#NUMBER} a Double, a {@link OptionType#PATH} (a String or Path) an absolute,
     * normalised Path resolved against the working directory; other types are kept as they are.
     * Ranges and choices are not checked.
     *
     * @param value a value of this option's type
     * @return the value as {@link ComponentConfig} holds it
     * @throws IllegalArgumentException if the value is null or not of this option's type
     */
    public Object typed(Object value) {
        Object typed = switch (type) {
            case INTEGER -> value instanceof Long || value instanceof Integer
                    || value instanceof Short || value instanceof Byte
                    ? ((Number) value).longValue() : null;
            case NUMBER -> value instanceof Number number ? number.doubleValue() : null;
            case PATH -> value instanceof String || value instanceof Path
                    ? Path.of(value.toString()).toAbsolutePath().normalize() : null;
            case BOOLEAN -> value instanceof Boolean ? value : null;
            case STRING -> value instanceof String ? value : null;
            case STRING_LIST -> value instanceof List ? value : null;
            case STRING_MAP -> value instanceof Map ? value : null;
        };
        if (typed == null) {
            throw new IllegalArgumentException("option '" + name + "' expects " + expectation()
                    + ", got " + (value == null ? "null" : value.getClass().getSimpleName()
                    + " " + value));
        }
        return typed;
    }

    /**
     * Describes what this option accepts, for error messages: "an integer in [1, 64]", "one of
     * [mean, cls]".
     *
     * @return a human-readable description of the accepted values
     */
    public String expectation() {
        if (!choices.isEmpty()) {
            return "one of " + choices;
        }
        StringBuilder text = new StringBuilder(type.describe());
        if (min != null && max != null) {
            text.append(" in [").append(format(min)).append(", ").append(format(max)).append(']');
        } else if (min != null) {
            text.append(" >= ").append(format(min));
        } else if (max != null) {
            text.append(" <= ").append(format(max));
        }
        return text.toString();
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) <= Long.MAX_VALUE
                ? Long.toString((long) value)
                : Double.toString(value);
    }
}
