package ai.braid.api.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The validated options of one component, as its factory receives them.
 *
 * <p>Every declared option has a value here, either from the pipeline file or from its
 * default, already checked against its {@link OptionSpec}; reading an option with the wrong
 * type or an undeclared name is a programming error and throws {@link IllegalStateException}.
 * For errors found later (a missing file, a malformed record) {@link #where(String)} gives the
 * option's YAML path and source line so the message can point the user at it.
 */
public final class ComponentConfig {

    private final String component;
    private final String yamlPath;
    private final Map<String, Object> values;
    private final Map<String, String> origins;

    /**
     * Creates a config; the runtime calls this after validation.
     *
     * @param component the component's name, e.g. "multiway"
     * @param yamlPath where the component is declared, e.g. "fusion"
     * @param values typed values: Long, Double, Boolean, String, List of String, Map of String
     *     to String or Path
     * @param origins for each key set in the file, where it was set, e.g. "ssesf.yaml:7"
     */
    public ComponentConfig(
            String component, String yamlPath, Map<String, Object> values,
            Map<String, String> origins) {
        this.component = Objects.requireNonNull(component, "component");
        this.yamlPath = Objects.requireNonNull(yamlPath, "yamlPath");
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.origins = Map.copyOf(origins);
    }

    /**
     * Creates a config from plain values, for tests and programmatic use.
     *
     * @param component the component's name
     * @param values typed values
     * @return a config whose options have no source location
     */
    public static ComponentConfig of(String component, Map<String, Object> values) {
        return new ComponentConfig(component, component, values, Map.of());
    }

    /**
     * Returns the component's name.
     *
     * @return the name this config was written for
     */
    public String component() {
        return component;
    }

    /**
     * Returns the YAML path of the component, e.g. "projectors.image".
     *
     * @return the path
     */
    public String yamlPath() {
        return yamlPath;
    }

    /**
     * Returns all values, keyed by option name in declaration order; used to fingerprint a
     * configuration (for caches) and to write the resolved config.
     *
     * @return an unmodifiable view of the values
     */
    public Map<String, Object> values() {
        return values;
    }

    /**
     * Says where an option came from, for error messages: "data.path (pipelines/x.yaml:4)".
     *
     * @param option the option's name
     * @return its YAML path, followed by its source location when it was set explicitly
     */
    public String where(String option) {
        String path = yamlPath + "." + option;
        String origin = origins.get(option);
        return origin == null ? path + " (default)" : path + " (" + origin + ")";
    }

    /**
     * Reads an {@link OptionType#INTEGER} option that fits an {@code int}.
     *
     * @param option the name
     * @return the value
     */
    public int getInt(String option) {
        return Math.toIntExact(get(option, Long.class));
    }

    /**
     * Reads an {@link OptionType#INTEGER} option.
     *
     * @param option the name
     * @return the value
     */
    public long getLong(String option) {
        return get(option, Long.class);
    }

    /**
     * Reads an {@link OptionType#NUMBER} option.
     *
     * @param option the name
     * @return the value
     */
    public double getDouble(String option) {
        return get(option, Double.class);
    }

    /**
     * Reads an {@link OptionType#NUMBER} option as a float, the precision of model tensors.
     *
     * @param option the name
     * @return the value
     */
    public float getFloat(String option) {
        return (float) getDouble(option);
    }

    /**
     * Reads an {@link OptionType#BOOLEAN} option.
     *
     * @param option the name
     * @return the value
     */
    public boolean getBoolean(String option) {
        return get(option, Boolean.class);
    }

    /**
     * Reads an {@link OptionType#STRING} option.
     *
     * @param option the name
     * @return the value
     */
    public String getString(String option) {
        return get(option, String.class);
    }

    /**
     * Reads an {@link OptionType#STRING_LIST} option.
     *
     * @param option the name
     * @return an unmodifiable list
     */
    @SuppressWarnings("unchecked")
    public List<String> getStringList(String option) {
        return List.copyOf(get(option, List.class));
    }

    /**
     * Reads an {@link OptionType#STRING_MAP} option.
     *
     * @param option the name
     * @return an unmodifiable map in the order the pipeline file wrote its keys
     */
    @SuppressWarnings("unchecked")
    public Map<String, String> getStringMap(String option) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(get(option, Map.class)));
    }

    /**
     * Reads an {@link OptionType#PATH} option, resolved against the working directory.
     *
     * @param option the name
     * @return the absolute path
     */
    public Path getPath(String option) {
        return get(option, Path.class);
    }

    private <T> T get(String option, Class<T> type) {
        Object value = values.get(option);
        if (value == null) {
            throw new IllegalStateException(
                    "component '" + component + "' has no option '" + option
                            + "'; declared: " + values.keySet());
        }
        if (!type.isInstance(value)) {
            throw new IllegalStateException(
                    "option '" + option + "' of '" + component + "' is a "
                            + value.getClass().getSimpleName() + ", not a " + type.getSimpleName());
        }
        return type.cast(value);
    }

    @Override
    public String toString() {
        return component + values;
    }
}
