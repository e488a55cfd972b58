package ai.braid.runtime.config;

import ai.braid.api.UserInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies {@code --set key.path=value} overrides to a pipeline.
 *
 * <p>Keys are dot-separated; list items are addressed as {@code objectives[1].weight} or {@code
 * objectives.1.weight}. Values are YAML, so {@code --set train.epochs=3} sets a number and
 * {@code --set 'extractors=[]'} a list. A missing mapping on the way is created; a list index
 * past the end is an error.
 */
public final class Overrides {

    /**
     * The key a section uses for its component's name when written as a mapping; a bare name
     * becomes this key when one of its options is set.
     */
    private static final Map<String, String> NAME_KEYS = Map.of("data", "reader");

    private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    private Overrides() {}

    /**
     * Applies overrides in order.
     *
     * @param root the pipeline
     * @param assignments each "key.path=value"
     * @return a new tree; untouched nodes are shared
     * @throws UserInputException if an assignment is malformed or its path runs into a scalar
     */
    public static ConfigNode.MapNode apply(ConfigNode.MapNode root, List<String> assignments) {
        ConfigNode.MapNode result = root;
        for (String assignment : assignments) {
            int equals = assignment.indexOf('=');
            if (equals <= 0) {
                throw new UserInputException("--set " + assignment
                        + ": expected key.path=value, e.g. --set train.epochs=3");
            }
            String key = assignment.substring(0, equals).trim();
            List<String> segments = segments(key, assignment);
            String origin = "--set " + assignment;
            ConfigNode value = YamlConfigReader.parseValue(
                    assignment.substring(equals + 1), canonical(segments), origin);
            result = (ConfigNode.MapNode) set(result, segments, 0, value, origin);
        }
        return result;
    }

    private static List<String> segments(String key, String assignment) {
        List<String> segments = new ArrayList<>();
        for (String part : key.split("\\.", -1)) {
            Matcher matcher = SEGMENT.matcher(part);
            int end = 0;
            while (matcher.find() && matcher.start() == end) {
                segments.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
                end = matcher.end();
            }
            if (part.isEmpty() || end != part.length()) {
                throw new UserInputException("--set " + assignment + ": '" + key
                        + "' is not a key path; write it like fusion.layers or objectives[0].weight");
            }
        }
        return segments;
    }

    private static String canonical(List<String> segments) {
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            if (segment.chars().allMatch(Character::isDigit)) {
                path.append('[').append(segment).append(']');
            } else {
                path.append(path.length() == 0 ? "" : ".").append(segment);
            }
        }
        return path.toString();
    }

    private static ConfigNode set(
            ConfigNode node, List<String> segments, int depth, ConfigNode value, String origin) {
        if (depth == segments.size()) {
            return value;
        }
        String segment = segments.get(depth);
        if (node instanceof ConfigNode.ListNode list) {
            if (!segment.chars().allMatch(Character::isDigit)) {
                throw new UserInputException(origin + ": " + list.where() + " is a list; address"
                        + " its items by index, e.g. " + list.path() + "[0]");
            }
            int index = Integer.parseInt(segment);
            if (index >= list.items().size()) {
                throw new UserInputException(origin + ": " + list.where() + " has "
                        + list.items().size() + " items; index " + index + " is past its end");
            }
            List<ConfigNode> items = new ArrayList<>(list.items());
            items.set(index, set(items.get(index), segments, depth + 1, value, origin));
            return new ConfigNode.ListNode(list.path(), list.origin(), items);
        }
        Map<String, ConfigNode> entries;
        String path;
        String nodeOrigin;
        if (node instanceof ConfigNode.MapNode map) {
            entries = new LinkedHashMap<>(map.entries());
            path = map.path();
            nodeOrigin = map.origin();
        } else if (node == null
                || (node instanceof ConfigNode.ScalarNode scalar && scalar.value() == null)) {
            entries = new LinkedHashMap<>();
            path = depth == 0 ? "" : canonical(segments.subList(0, depth));
            nodeOrigin = origin;
        } else if (node instanceof ConfigNode.ScalarNode scalar && depth == segments.size() - 1) {
            // "name: x" written as a bare string; setting one of its options turns it into
            // the mapping form {name: x, option: value}.
            entries = new LinkedHashMap<>();
            String nameKey = NAME_KEYS.getOrDefault(scalar.path(), "name");
            entries.put(nameKey, new ConfigNode.ScalarNode(
                    YamlConfigReader.join(scalar.path(), nameKey), scalar.origin(),
                    scalar.value()));
            path = scalar.path();
            nodeOrigin = scalar.origin();
        } else {
            throw new UserInputException(origin + ": " + node.where() + " is "
                    + ConfigNode.describe(node) + ", so it has no key '" + segment + "'");
        }
        entries.put(segment, set(entries.get(segment), segments, depth + 1, value, origin));
        return new ConfigNode.MapNode(path, nodeOrigin, entries);
    }
}
