package ai.braid.runtime.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A node of a pipeline file that remembers where it came from, so every error can name its YAML
 * path and its source line (or the {@code --set} that wrote it).
 */
public sealed interface ConfigNode {

    /** The YAML path of this node, e.g. "objectives[1].temperature"; empty for the root. */
    String path();

    /** Where the node was written: "pipelines/x.yaml:7" or "--set fusion.layers=4". */
    String origin();

    /** Describes the node for messages: its path and origin. */
    default String where() {
        return (path().isEmpty() ? "the pipeline" : path()) + " (" + origin() + ")";
    }

    /** Converts the node into plain Java values: maps, lists, strings, numbers, booleans. */
    Object toPlain();

    /** A mapping; keys keep their file order. */
    record MapNode(String path, String origin, Map<String, ConfigNode> entries)
            implements ConfigNode {

        /** Copies the entries. */
        public MapNode {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        /** Looks up one entry. */
        public Optional<ConfigNode> find(String key) {
            return Optional.ofNullable(entries.get(key));
        }

        @Override
        public Object toPlain() {
            Map<String, Object> plain = new LinkedHashMap<>();
            entries.forEach((key, node) -> plain.put(key, node.toPlain()));
            return plain;
        }
    }

    /** A sequence. */
    record ListNode(String path, String origin, List<ConfigNode> items) implements ConfigNode {

        /** Copies the items. */
        public ListNode {
            items = List.copyOf(items);
        }

        @Override
        public Object toPlain() {
            return items.stream().map(ConfigNode::toPlain).toList();
        }
    }

    /**
     * A scalar as YAML typed it: String, Long, Double, Boolean, or null for an empty value.
     */
    record ScalarNode(String path, String origin, Object value) implements ConfigNode {

        /** Checks the path and origin. */
        public ScalarNode {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(origin, "origin");
        }

        /** The value as written, for messages. */
        public String text() {
            return String.valueOf(value);
        }

        @Override
        public Object toPlain() {
            return value;
        }
    }

    /** Names the type of a node for messages: "a mapping", "a list", "'abc'". */
    static String describe(ConfigNode node) {
        if (node instanceof MapNode) {
            return "a mapping";
        }
        if (node instanceof ListNode) {
            return "a list";
        }
        Object value = ((ScalarNode) node).value();
        return value == null ? "nothing" : "'" + value + "'";
    }
}
