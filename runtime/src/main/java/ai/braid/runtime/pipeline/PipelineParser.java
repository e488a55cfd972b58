package ai.braid.runtime.pipeline;

import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.data.Modality;
import ai.braid.runtime.config.ConfigNode;
import ai.braid.runtime.config.ConfigNode.ListNode;
import ai.braid.runtime.config.ConfigNode.MapNode;
import ai.braid.runtime.config.ConfigNode.ScalarNode;
import ai.braid.runtime.config.NameSuggester;
import ai.braid.runtime.config.OptionValidator;
import ai.braid.runtime.config.Problems;
import ai.braid.runtime.plugin.ComponentKind;
import ai.braid.runtime.plugin.ComponentRegistry;
import ai.braid.runtime.plugin.RegisteredComponent;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a pipeline file's tree into a {@link PipelineSpec}: checks the top-level layout,
 * resolves every component name in the {@link ComponentRegistry} (suggesting the nearest name
 * for a misspelt one) and validates every option. All problems are collected and reported
 * together.
 */
public final class PipelineParser {

    /** Top-level keys of a pipeline file. */
    static final List<String> SECTIONS = List.of("name", "description", "task", "data",
            "extractors", "projectors", "fusion", "objectives", "weighting", "train");

    /** Keys of a projector's mapping that the runtime reads itself, not the projector. */
    static final Set<String> PROJECTOR_KEYS = Set.of("name", "init", "freeze");

    /** Keys of a projector's {@code init:} mapping. */
    static final List<String> INIT_KEYS = List.of("path", "modality");

    /** The weighting used when a pipeline names none. */
    static final String FIXED_WEIGHTING = "fixed";

    private final ComponentRegistry registry;

    /**
     * Creates a parser.
     *
     * @param registry the loaded components
     */
    public PipelineParser(ComponentRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Parses a pipeline.
     *
     * @param file the pipeline file, named in messages
     * @param root its root mapping, overrides applied
     * @return the spec
     * @throws ai.braid.runtime.config.ConfigException listing every problem
     */
    public PipelineSpec parse(Path file, MapNode root) {
        Problems problems = new Problems(file.toString());
        root.entries().forEach((key, node) -> {
            if (!SECTIONS.contains(key)) {
                problems.add(node, NameSuggester.unknown("section", key, SECTIONS,
                        "Sections", ""));
            }
        });
        String name = requiredScalar(root, "name", problems).orElse("");
        ComponentChoice task = component(root, "task", "name", ComponentKind.TASK, problems);
        ComponentChoice data = component(root, "data", "reader", ComponentKind.DATASET_READER,
                problems);
        List<PipelineSpec.Extractor> extractors = extractors(root, problems);
        List<PipelineSpec.Projector> projectors = projectors(root, problems);
        ComponentChoice fusion = component(root, "fusion", "name", ComponentKind.FUSION_BLOCK,
                problems);
        List<PipelineSpec.WeightedObjective> objectives = objectives(root, problems);
        ComponentChoice weighting = weighting(root, problems);
        MapNode trainNode = root.find("train").map(node -> asMap(node, problems))
                .orElse(new MapNode("train", file + " (defaults)", Map.of()));
        ComponentConfig train = OptionValidator.validate("train", trainNode, Set.of(),
                TrainSettings.SCHEMA, problems);
        problems.throwIfAny();
        return new PipelineSpec(file, name, task, data, extractors, projectors, fusion,
                objectives, weighting, new TrainSettings(train));
    }

    private ComponentChoice component(
            MapNode root, String section, String nameKey, ComponentKind kind, Problems problems) {
        Optional<ConfigNode> node = root.find(section);
        if (node.isEmpty()) {
            problems.add(section + " (" + root.origin() + ")", "missing; name a "
                    + kind.label() + ": " + available(kind));
            return null;
        }
        return declaration(node.get(), nameKey, kind, Set.of(nameKey), problems);
    }

    /**
     * Resolves one component declaration, written either as a bare name or as a mapping with
     * {@code nameKey} and options.
     */
    private ComponentChoice declaration(
            ConfigNode node, String nameKey, ComponentKind kind, Set<String> reserved,
            Problems problems) {
        MapNode map;
        ConfigNode nameNode;
        if (node instanceof ScalarNode scalar && scalar.value() != null) {
            nameNode = scalar;
            map = new MapNode(node.path(), node.origin(), Map.of(nameKey, scalar));
        } else if (node instanceof MapNode mapping) {
            map = mapping;
            Optional<ConfigNode> found = mapping.find(nameKey);
            if (found.isEmpty()) {
                problems.add(node, "needs '" + nameKey + "': the " + kind.label()
                        + " to use; " + available(kind));
                return null;
            }
            nameNode = found.get();
        } else {
            problems.add(node, "expected a " + kind.label() + " name or a mapping with '"
                    + nameKey + "', got " + ConfigNode.describe(node));
            return null;
        }
        if (!(nameNode instanceof ScalarNode scalarName) || scalarName.value() == null) {
            problems.add(nameNode, "expected a " + kind.label() + " name, got "
                    + ConfigNode.describe(nameNode));
            return null;
        }
        String name = scalarName.text();
        Optional<RegisteredComponent> component = registry.find(kind, name);
        if (component.isEmpty()) {
            problems.add(nameNode, NameSuggester.unknown(kind.label(), name,
                    registry.names(kind)));
            return null;
        }
        OptionSchema schema = component.get().factory().options();
        ComponentConfig config = OptionValidator.validate(name, map, reserved, schema, problems);
        return new ComponentChoice(component.get(), config);
    }

    private List<PipelineSpec.Extractor> extractors(MapNode root, Problems problems) {
        List<PipelineSpec.Extractor> extractors = new ArrayList<>();
        for (ConfigNode item : list(root, "extractors", problems)) {
            if (!(item instanceof MapNode map)) {
                problems.add(item, "expected {name: EXTRACTOR, from: MODALITY, to: MODALITY},"
                        + " got " + ConfigNode.describe(item));
                continue;
            }
            Modality from = modality(map, "from", problems);
            Modality to = modality(map, "to", problems);
            ComponentChoice choice = declaration(map, "name", ComponentKind.SEMANTIC_EXTRACTOR,
                    Set.of("name", "from", "to"), problems);
            if (from != null && to != null && choice != null) {
                extractors.add(new PipelineSpec.Extractor(from, to, choice));
            }
        }
        return extractors;
    }

    private List<PipelineSpec.Projector> projectors(MapNode root, Problems problems) {
        List<PipelineSpec.Projector> projectors = new ArrayList<>();
        Optional<ConfigNode> section = root.find("projectors");
        if (section.isEmpty()) {
            problems.add("projectors (" + root.origin() + ")", "missing; map each modality the"
                    + " model sees to a projector, e.g. projectors: { image: { name: "
                    + firstOr(ComponentKind.MODALITY_PROJECTOR) + " } }");
            return projectors;
        }
        MapNode map = asMap(section.get(), problems);
        if (map.entries().isEmpty()) {
            problems.add(section.get(), "needs at least one modality with a projector");
        }
        Map<String, ConfigNode> entries = new LinkedHashMap<>(map.entries());
        entries.forEach((key, node) -> {
            Modality modality = modalityName(key, node, problems);
            if (modality == null) {
                return;
            }
            Optional<ConfigNode> share = node instanceof MapNode m ? m.find("shareWith")
                    : Optional.empty();
            if (share.isPresent()) {
                Modality other = modality((MapNode) node, "shareWith", problems);
                ((MapNode) node).entries().keySet().stream()
                        .filter(k -> !k.equals("shareWith"))
                        .forEach(k -> problems.add(((MapNode) node).entries().get(k),
                                "a projector shared with '" + other + "' takes its options from"
                                        + " there; remove '" + k + "'"));
                ConfigNode target = entries.get(other == null ? "" : other.name());
                if (other != null && (target == null || (target instanceof MapNode t
                        && t.find("shareWith").isPresent()))) {
                    problems.add(share.get(), "shareWith must name a modality of this"
                            + " 'projectors' section that has its own projector; those are "
                            + ownProjectors(entries));
                } else if (other != null) {
                    projectors.add(new PipelineSpec.Projector(modality, null, other));
                }
                return;
            }
            ComponentChoice choice = declaration(node, "name", ComponentKind.MODALITY_PROJECTOR,
                    PROJECTOR_KEYS, problems);
            PipelineSpec.ProjectorInit init = null;
            boolean freeze = false;
            if (node instanceof MapNode m) {
                init = m.find("init").map(n -> projectorInit(n, modality, problems))
                        .orElse(null);
                freeze = m.find("freeze").map(n -> flag(n, problems)).orElse(false);
            }
            if (choice != null) {
                projectors.add(new PipelineSpec.Projector(modality, choice, null, init, freeze));
            }
        });
        return projectors;
    }

    /**
     * Reads a projector's {@code init:}, written as a path or as {@code {path: DIR, modality:
     * NAME}}; the modality defaults to the projector's own. The path is resolved against the
     * working directory; whether a checkpoint is there is checked when a fresh run starts,
     * so that evaluating or resuming never needs it.
     */
    private static PipelineSpec.ProjectorInit projectorInit(
            ConfigNode node, Modality own, Problems problems) {
        String expected = "expected the --out folder of a braid train run (or its checkpoint/"
                + " folder or an epoch folder) or {path: DIR, modality: NAME}, got ";
        ConfigNode pathNode;
        Modality modality = own;
        if (node instanceof ScalarNode) {
            pathNode = node;
        } else if (node instanceof MapNode map) {
            map.entries().forEach((key, entry) -> {
                if (!INIT_KEYS.contains(key)) {
                    problems.add(entry, NameSuggester.unknown("key of 'init'", key, INIT_KEYS,
                            "Its keys", ""));
                }
            });
            Optional<ConfigNode> found = map.find("path");
            if (found.isEmpty()) {
                problems.add(node, "needs 'path': the --out folder of a braid train run, its"
                        + " checkpoint/ folder or an epoch folder");
                return null;
            }
            pathNode = found.get();
            if (map.find("modality").isPresent()) {
                modality = modality(map, "modality", problems);
            }
        } else {
            problems.add(node, expected + ConfigNode.describe(node));
            return null;
        }
        if (!(pathNode instanceof ScalarNode scalar) || !(scalar.value() instanceof String text)
                || text.isBlank()) {
            problems.add(pathNode, expected + ConfigNode.describe(pathNode));
            return null;
        }
        if (modality == null) {
            return null;
        }
        try {
            return new PipelineSpec.ProjectorInit(Path.of(text).toAbsolutePath().normalize(),
                    modality);
        } catch (InvalidPathException e) {
            problems.add(pathNode, "not a valid path: " + e.getMessage());
            return null;
        }
    }

    private static boolean flag(ConfigNode node, Problems problems) {
        if (node instanceof ScalarNode scalar && scalar.value() instanceof Boolean value) {
            return value;
        }
        problems.add(node, "expected true or false, got " + ConfigNode.describe(node));
        return false;
    }

    private List<PipelineSpec.WeightedObjective> objectives(MapNode root, Problems problems) {
        List<PipelineSpec.WeightedObjective> objectives = new ArrayList<>();
        for (ConfigNode item : list(root, "objectives", problems)) {
            double weight = 1.0;
            if (item instanceof MapNode map && map.find("weight").isPresent()) {
                ConfigNode weightNode = map.find("weight").get();
                if (weightNode instanceof ScalarNode scalar && scalar.value() instanceof Number n
                        && n.doubleValue() >= 0) {
                    weight = n.doubleValue();
                } else {
                    problems.add(weightNode, "expected a number >= 0, got "
                            + ConfigNode.describe(weightNode));
                }
            }
            ComponentChoice choice = declaration(item, "name", ComponentKind.OBJECTIVE,
                    Set.of("name", "weight"), problems);
            if (choice != null) {
                objectives.add(new PipelineSpec.WeightedObjective(choice, weight));
            }
        }
        return objectives;
    }

    private ComponentChoice weighting(MapNode root, Problems problems) {
        ConfigNode node = root.find("weighting").orElse(
                new ScalarNode("weighting", root.origin() + " (default)", FIXED_WEIGHTING));
        return declaration(node, "name", ComponentKind.LOSS_WEIGHTING, Set.of("name"), problems);
    }

    private Optional<String> requiredScalar(MapNode root, String key, Problems problems) {
        Optional<ConfigNode> node = root.find(key);
        if (node.isEmpty()) {
            problems.add(key + " (" + root.origin() + ")", "missing; give the pipeline a name");
            return Optional.empty();
        }
        if (!(node.get() instanceof ScalarNode scalar) || scalar.value() == null) {
            problems.add(node.get(), "expected a string, got " + ConfigNode.describe(node.get()));
            return Optional.empty();
        }
        return Optional.of(scalar.text());
    }

    private static List<ConfigNode> list(MapNode root, String key, Problems problems) {
        Optional<ConfigNode> node = root.find(key);
        if (node.isEmpty()) {
            return List.of();
        }
        if (node.get() instanceof ListNode list) {
            return list.items();
        }
        problems.add(node.get(), "expected a list, got " + ConfigNode.describe(node.get()));
        return List.of();
    }

    private static MapNode asMap(ConfigNode node, Problems problems) {
        if (node instanceof MapNode map) {
            return map;
        }
        problems.add(node, "expected a mapping, got " + ConfigNode.describe(node));
        return new MapNode(node.path(), node.origin(), Map.of());
    }

    private static Modality modality(MapNode map, String key, Problems problems) {
        Optional<ConfigNode> node = map.find(key);
        if (node.isEmpty()) {
            problems.add(map, "needs '" + key + "': a modality name");
            return null;
        }
        if (!(node.get() instanceof ScalarNode scalar) || scalar.value() == null) {
            problems.add(node.get(), "expected a modality name, got "
                    + ConfigNode.describe(node.get()));
            return null;
        }
        return modalityName(scalar.text(), node.get(), problems);
    }

    private static Modality modalityName(String name, ConfigNode node, Problems problems) {
        try {
            return Modality.of(name);
        } catch (IllegalArgumentException e) {
            problems.add(node, e.getMessage());
            return null;
        }
    }

    private static List<String> ownProjectors(Map<String, ConfigNode> entries) {
        return entries.entrySet().stream()
                .filter(e -> !(e.getValue() instanceof MapNode m && m.find("shareWith").isPresent()))
                .map(Map.Entry::getKey)
                .toList();
    }

    private String available(ComponentKind kind) {
        List<String> names = registry.names(kind);
        return names.isEmpty() ? "none is installed" : "available: " + String.join(", ", names);
    }

    private String firstOr(ComponentKind kind) {
        List<String> names = registry.names(kind);
        return names.isEmpty() ? "NAME" : names.get(0);
    }
}
