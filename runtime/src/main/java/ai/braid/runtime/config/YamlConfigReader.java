package ai.braid.runtime.config;

import ai.braid.api.UserInputException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads YAML into {@link ConfigNode}s that remember their path and line.
 *
 * <p>SnakeYAML composes the node graph (which keeps source marks); scalars are typed with its
 * safe constructor, so "3" is a Long, "0.5" a Double and "true" a Boolean. Duplicate keys are an
 * error, not a silent overwrite.
 */
public final class YamlConfigReader {

    private YamlConfigReader() {}

    /**
     * Reads a pipeline file.
     *
     * @param file the YAML file
     * @return its root mapping
     * @throws UserInputException if the file is missing, is not YAML, or is not a mapping
     */
    public static ConfigNode.MapNode read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserInputException("pipeline file " + file + " does not exist");
        } catch (IOException e) {
            throw new UserInputException("cannot read pipeline file " + file + ": " + e.getMessage());
        }
        ConfigNode root = parse(new StringReader(text), file.toString(), "", null);
        if (!(root instanceof ConfigNode.MapNode map)) {
            throw new UserInputException(file + " must be a YAML mapping (name:, task:, data:, ...),"
                    + " but it is " + ConfigNode.describe(root));
        }
        return map;
    }

    /**
     * Parses a YAML value given on the command line, e.g. the right side of {@code --set}.
     *
     * @param text the value
     * @param path the YAML path it will be placed at
     * @param origin how to name it in messages
     * @return the node
     */
    public static ConfigNode parseValue(String text, String path, String origin) {
        return parse(new StringReader(text), origin, path, origin);
    }

    private static ConfigNode parse(Reader reader, String source, String path, String fixedOrigin) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Node node;
        try {
            node = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String line = mark == null ? "" : ":" + (mark.getLine() + 1);
            throw new UserInputException(source + line + ": not valid YAML: "
                    + firstLine(e.getProblem() != null ? e.getProblem() : e.getMessage()));
        } catch (YAMLException e) {
            throw new UserInputException(source + ": not valid YAML: " + firstLine(e.getMessage()));
        }
        if (node == null) {
            return new ConfigNode.ScalarNode(path, fixedOrigin != null ? fixedOrigin : source, null);
        }
        try {
            return new Converter(source, fixedOrigin, options).convert(node, path);
        } catch (MarkedYAMLException e) {
            // Unknown tags (!x), merge keys and the like fail while typing scalars.
            var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String line = mark == null ? "" : ":" + (mark.getLine() + 1);
            throw new UserInputException(source + line + ": unsupported YAML: "
                    + firstLine(e.getProblem() != null ? e.getProblem() : e.getMessage()));
        } catch (YAMLException e) {
            throw new UserInputException(source + ": unsupported YAML: "
                    + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    /** Walks SnakeYAML's nodes and types scalars with its safe constructor. */
    private static final class Converter extends SafeConstructor {

        private final String source;
        private final String fixedOrigin;

        Converter(String source, String fixedOrigin, LoaderOptions options) {
            super(options);
            this.source = source;
            this.fixedOrigin = fixedOrigin;
        }

        ConfigNode convert(Node node, String path) {
            String origin = fixedOrigin != null
                    ? fixedOrigin
                    : source + ":" + (node.getStartMark().getLine() + 1);
            if (node instanceof MappingNode mapping) {
                Map<String, ConfigNode> entries = new LinkedHashMap<>();
                for (NodeTuple tuple : mapping.getValue()) {
                    String key = String.valueOf(constructObject(tuple.getKeyNode()));
                    ConfigNode value = convert(tuple.getValueNode(), join(path, key));
                    // Composing (unlike loading) does not check duplicate keys; a silent
                    // overwrite would hide the first value from the user.
                    ConfigNode previous = entries.putIfAbsent(key, value);
                    if (previous != null) {
                        throw new UserInputException(value.origin() + ": key '" + join(path, key)
                                + "' is also set at " + previous.origin() + "; keep one");
                    }
                }
                return new ConfigNode.MapNode(path, origin, entries);
            }
            if (node instanceof SequenceNode sequence) {
                List<ConfigNode> items = new ArrayList<>();
                for (Node item : sequence.getValue()) {
                    items.add(convert(item, path + "[" + items.size() + "]"));
                }
                return new ConfigNode.ListNode(path, origin, items);
            }
            ScalarNode scalar = (ScalarNode) node;
            Object value = constructObject(scalar);
            if (value instanceof Integer number) {
                value = number.longValue();
            } else if (value instanceof java.math.BigInteger number) {
                value = number.doubleValue();
            } else if (value != null && !(value instanceof Long || value instanceof Double
                    || value instanceof Boolean || value instanceof String)) {
                // Timestamps and binary scalars have no meaning in a pipeline: keep the text.
                value = scalar.getValue();
            }
            return new ConfigNode.ScalarNode(path, origin, value);
        }
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
