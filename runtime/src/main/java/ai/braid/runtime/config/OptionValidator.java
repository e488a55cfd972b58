package ai.braid.runtime.config;

import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.config.OptionSpec;
import ai.braid.api.config.OptionType;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a component's options in a pipeline file against its {@link OptionSchema} and turns
 * them into a {@link ComponentConfig}: types, ranges, choices, required options, unknown keys
 * (with the nearest declared option suggested).
 */
public final class OptionValidator {

    private OptionValidator() {}

    /**
     * Validates the options of one component.
     *
     * @param component the component's name
     * @param declaration the component's mapping in the pipeline (its options and reserved keys)
     * @param reservedKeys keys the runtime reads itself (name, from, to, weight...)
     * @param schema the component's declared options
     * @param problems where problems are recorded
     * @return the config; incomplete if problems were recorded
     */
    public static ComponentConfig validate(
            String component, ConfigNode.MapNode declaration, Set<String> reservedKeys,
            OptionSchema schema, Problems problems) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        declaration.entries().forEach((key, node) -> {
            if (reservedKeys.contains(key)) {
                return;
            }
            if (schema.find(key).isEmpty()) {
                problems.add(node, NameSuggester.unknown("option of '" + component + "'", key,
                        schema.names(), "Its options", "It takes no options."));
            }
        });
        for (OptionSpec spec : schema.options()) {
            ConfigNode node = declaration.entries().get(spec.name());
            if (node == null || (node instanceof ConfigNode.ScalarNode s && s.value() == null)) {
                if (spec.required()) {
                    problems.add(YamlConfigReader.join(declaration.path(), spec.name())
                                    + " (" + declaration.origin() + ")",
                            "'" + component + "' needs option '" + spec.name() + "': "
                                    + spec.expectation() + " (" + spec.description() + ")");
                } else {
                    values.put(spec.name(), spec.typed(spec.defaultValue()));
                }
                continue;
            }
            Object value = convert(spec, node, problems);
            if (value != null) {
                values.put(spec.name(), value);
                origins.put(spec.name(), node.origin());
            }
        }
        return new ComponentConfig(component, declaration.path(), values, origins);
    }

    private static Object convert(OptionSpec spec, ConfigNode node, Problems problems) {
        String expected = "expected " + spec.expectation() + ", got " + ConfigNode.describe(node);
        if (spec.type() == OptionType.STRING_LIST) {
            if (!(node instanceof ConfigNode.ListNode list)) {
                problems.add(node, expected);
                return null;
            }
            List<String> items = new ArrayList<>();
            for (ConfigNode item : list.items()) {
                if (item instanceof ConfigNode.ScalarNode scalar && scalar.value() != null) {
                    items.add(scalar.text());
                } else {
                    problems.add(item, "expected a string, got " + ConfigNode.describe(item));
                }
            }
            return items;
        }
        if (spec.type() == OptionType.STRING_MAP) {
            if (!(node instanceof ConfigNode.MapNode map)) {
                problems.add(node, expected);
                return null;
            }
            Map<String, String> entries = new LinkedHashMap<>();
            map.entries().forEach((key, item) -> {
                if (item instanceof ConfigNode.ScalarNode scalar && scalar.value() != null) {
                    entries.put(key, scalar.text());
                } else {
                    problems.add(item, "expected a string, got " + ConfigNode.describe(item));
                }
            });
            return entries;
        }
        if (!(node instanceof ConfigNode.ScalarNode scalar)) {
            problems.add(node, expected);
            return null;
        }
        Object raw = scalar.value();
        Object value = switch (spec.type()) {
            case INTEGER -> raw instanceof Long number ? number : null;
            case NUMBER -> toDouble(raw);
            case BOOLEAN -> raw instanceof Boolean flag ? flag : null;
            case STRING -> raw instanceof Boolean ? null : String.valueOf(raw);
            case PATH -> toPath(raw);
            default -> throw new IllegalStateException("unhandled type " + spec.type());
        };
        if (value == null) {
            problems.add(node, expected);
            return null;
        }
        if (value instanceof Number number && !inRange(spec, number.doubleValue())) {
            problems.add(node, expected);
            return null;
        }
        if (value instanceof String text && !spec.choices().isEmpty()
                && !spec.choices().contains(text)) {
            problems.add(node, NameSuggester.unknown("value", text, spec.choices(),
                    "Expected one of", ""));
            return null;
        }
        return value;
    }

    private static Double toDouble(Object raw) {
        if (raw instanceof Number number) {
            return number.doubleValue();
        }
        if (raw instanceof String text) {
            // A quoted number ("2e-5") is still the number it means.
            try {
                return Double.valueOf(text.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Path toPath(Object raw) {
        if (!(raw instanceof String text) || text.isBlank()) {
            return null;
        }
        try {
            return Path.of(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static boolean inRange(OptionSpec spec, double value) {
        return !Double.isNaN(value)
                && (spec.min() == null || value >= spec.min())
                && (spec.max() == null || value <= spec.max());
    }
}
