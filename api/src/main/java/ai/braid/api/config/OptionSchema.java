package ai.braid.api.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The options a component accepts, in declaration order.
 *
 * <pre>{@code
 * OptionSchema.builder()
 *         .addInteger("layers", 2, 1, 48, "number of encoder layers")
 *         .addNumber("dropout", 0.1, 0, 1, "dropout probability")
 *         .addChoice("pooling", "cls", List.of("cls", "mean"), "how to pool the sequence")
 *         .build();
 * }</pre>
 */
public final class OptionSchema {

    /** A schema without options. */
    public static final OptionSchema EMPTY = builder().build();

    private final Map<String, OptionSpec> specs;

    private OptionSchema(Map<String, OptionSpec> specs) {
        this.specs = Collections.unmodifiableMap(new LinkedHashMap<>(specs));
    }

    /**
     * Starts a schema.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns every declared option in declaration order.
     *
     * @return the option specs
     */
    public List<OptionSpec> options() {
        return List.copyOf(specs.values());
    }

    /**
     * Looks up one option.
     *
     * @param name the option's key
     * @return its spec, or empty if the schema has no such option
     */
    public Optional<OptionSpec> find(String name) {
        return Optional.ofNullable(specs.get(name));
    }

    /**
     * Returns the declared option names in declaration order.
     *
     * @return the names
     */
    public List<String> names() {
        return List.copyOf(specs.keySet());
    }

    /**
     * Builds the config a factory receives for a component declared at {@code yamlPath} whose
     * pipeline file sets the options {@code set}: each set value converted by {@link
     * OptionSpec#typed}, every other option at its default, and {@code origin} as the source
     * location of the set options in {@link ComponentConfig#where}. This is what a factory test
     * needs in place of a pipeline file:
     *
     * <pre>{@code
     * ComponentConfig config = factory.options().configure(factory.name(), "data",
     *         "pipeline.yaml:3", Map.of("path", dir, "limit", 10));
     * }</pre>
     *
     * <p>Unlike the runtime, it does not check ranges or choices, so a test can hand a factory
     * a value the runtime would have refused.
     *
     * @param component the component's name
     * @param yamlPath where the component is declared, e.g. "data" or "objectives[0]"
     * @param origin where the set options were set, e.g. "pipeline.yaml:3"
     * @param set option values by name
     * @return the config
     * @throws IllegalArgumentException if a name is not declared, a value is not of its option's
     *     type, or a required option is not set
     */
    public ComponentConfig configure(String component, String yamlPath, String origin,
            Map<String, ?> set) {
        Objects.requireNonNull(origin, "origin");
        for (String name : set.keySet()) {
            if (!specs.containsKey(name)) {
                throw new IllegalArgumentException("'" + component + "' has no option '" + name
                        + "'; declared: " + names());
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        for (OptionSpec spec : specs.values()) {
            if (set.containsKey(spec.name())) {
                values.put(spec.name(), spec.typed(set.get(spec.name())));
                origins.put(spec.name(), origin);
            } else if (spec.required()) {
                throw new IllegalArgumentException("'" + component + "' needs option '"
                        + spec.name() + "': " + spec.expectation());
            } else {
                values.put(spec.name(), spec.typed(spec.defaultValue()));
            }
        }
        return new ComponentConfig(component, yamlPath, values, origins);
    }

    /** Builds an {@link OptionSchema}; each {@code add*} call declares one option. */
    public static final class Builder {

        private final Map<String, OptionSpec> specs = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Declares an integer option.
         *
         * @param name the key
         * @param defaultValue the default, or null if required
         * @param min the inclusive lower bound
         * @param max the inclusive upper bound
         * @param description one line for users
         * @return this builder
         */
        public Builder addInteger(
                String name, Integer defaultValue, long min, long max, String description) {
            return add(new OptionSpec(name, OptionType.INTEGER,
                    defaultValue == null ? null : defaultValue.longValue(),
                    (double) min, (double) max, List.of(), description));
        }

        /**
         * Declares a real-valued option.
         *
         * @param name the key
         * @param defaultValue the default, or null if required
         * @param min the inclusive lower bound
         * @param max the inclusive upper bound
         * @param description one line for users
         * @return this builder
         */
        public Builder addNumber(
                String name, Double defaultValue, double min, double max, String description) {
            return add(new OptionSpec(name, OptionType.NUMBER, defaultValue, min, max,
                    List.of(), description));
        }

        /**
         * Declares a boolean option.
         *
         * @param name the key
         * @param defaultValue the default
         * @param description one line for users
         * @return this builder
         */
        public Builder addBoolean(String name, boolean defaultValue, String description) {
            return add(new OptionSpec(name, OptionType.BOOLEAN, defaultValue, null, null,
                    List.of(), description));
        }

        /**
         * Declares a free-form string option.
         *
         * @param name the key
         * @param defaultValue the default, or null if required
         * @param description one line for users
         * @return this builder
         */
        public Builder addString(String name, String defaultValue, String description) {
            return add(new OptionSpec(name, OptionType.STRING, defaultValue, null, null,
                    List.of(), description));
        }

        /**
         * Declares a string option restricted to a set of choices.
         *
         * @param name the key
         * @param defaultValue the default (one of the choices), or null if required
         * @param choices the allowed values
         * @param description one line for users
         * @return this builder
         */
        public Builder addChoice(
                String name, String defaultValue, List<String> choices, String description) {
            if (defaultValue != null && !choices.contains(defaultValue)) {
                throw new IllegalArgumentException(
                        "option '" + name + "': default '" + defaultValue + "' not in " + choices);
            }
            return add(new OptionSpec(name, OptionType.STRING, defaultValue, null, null,
                    choices, description));
        }

        /**
         * Declares a list-of-strings option.
         *
         * @param name the key
         * @param defaultValue the default, or null if required
         * @param description one line for users
         * @return this builder
         */
        public Builder addStringList(String name, List<String> defaultValue, String description) {
            return add(new OptionSpec(name, OptionType.STRING_LIST,
                    defaultValue == null ? null : List.copyOf(defaultValue), null, null,
                    List.of(), description));
        }

        /**
         * Declares an option that maps names to strings, e.g. modalities to expert names.
         *
         * @param name the key
         * @param defaultValue the default, or null if required
         * @param description one line for users
         * @return this builder
         */
        public Builder addStringMap(
                String name, Map<String, String> defaultValue, String description) {
            return add(new OptionSpec(name, OptionType.STRING_MAP,
                    defaultValue == null ? null
                            : Collections.unmodifiableMap(new LinkedHashMap<>(defaultValue)),
                    null, null, List.of(), description));
        }

        /**
         * Declares a path option.
         *
         * @param name the key
         * @param defaultValue the default, or null if required
         * @param description one line for users
         * @return this builder
         */
        public Builder addPath(String name, String defaultValue, String description) {
            return add(new OptionSpec(name, OptionType.PATH, defaultValue, null, null,
                    List.of(), description));
        }

        /**
         * Declares an option from a ready spec.
         *
         * @param spec the declaration
         * @return this builder
         * @throws IllegalArgumentException if an option of that name is already declared
         */
        public Builder add(OptionSpec spec) {
            if (specs.putIfAbsent(spec.name(), spec) != null) {
                throw new IllegalArgumentException("option '" + spec.name() + "' declared twice");
            }
            return this;
        }

        /**
         * Finishes the schema.
         *
         * @return an immutable schema
         */
        public OptionSchema build() {
            return new OptionSchema(specs);
        }
    }
}
