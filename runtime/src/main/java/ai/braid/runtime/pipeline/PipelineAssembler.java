package ai.braid.runtime.pipeline;

import ai.braid.api.UserInputException;
import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.data.Modality;
import ai.braid.api.data.ModalitySpec;
import ai.braid.api.spi.DatasetReader;
import ai.braid.api.spi.DatasetReaderFactory;
import ai.braid.api.spi.FusionBlock;
import ai.braid.api.spi.FusionBlockFactory;
import ai.braid.api.spi.LossWeighting;
import ai.braid.api.spi.LossWeightingFactory;
import ai.braid.api.spi.ModalityProjector;
import ai.braid.api.spi.ModalityProjectorFactory;
import ai.braid.api.spi.Objective;
import ai.braid.api.spi.ObjectiveFactory;
import ai.braid.api.spi.SemanticExtractor;
import ai.braid.api.spi.SemanticExtractorFactory;
import ai.braid.api.spi.Task;
import ai.braid.api.spi.TaskContext;
import ai.braid.api.spi.TaskFactory;
import ai.braid.runtime.config.ConfigNode;
import ai.braid.runtime.config.OptionValidator;
import ai.braid.runtime.config.Problems;
import ai.braid.runtime.plugin.ComponentKind;
import ai.braid.runtime.plugin.ComponentRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Constructs a {@link PipelineSpec}'s components and checks that they fit together, before any
 * data is read or any tensor is made. Problems are collected and reported together, each with
 * the YAML path of the component concerned.
 */
public final class PipelineAssembler {

    private final ComponentRegistry registry;

    /**
     * Creates an assembler.
     *
     * @param registry the loaded components, for default objectives
     */
    public PipelineAssembler(ComponentRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Builds and checks the pipeline.
     *
     * @param spec the validated pipeline
     * @return the assembled pipeline
     * @throws ai.braid.runtime.config.ConfigException listing every problem
     */
    public AssembledPipeline assemble(PipelineSpec spec) {
        Problems problems = new Problems(spec.file().toString());
        DatasetReader reader = build(problems, spec.data(),
                () -> spec.data().factory(DatasetReaderFactory.class).create(spec.data().config()));
        if (reader == null) {
            problems.throwIfAny();
        }
        Map<Modality, Class<?>> available = new LinkedHashMap<>();
        for (ModalitySpec modality : reader.modalities()) {
            available.put(modality.modality(), modality.valueType());
        }
        List<AssembledPipeline.BoundExtractor> extractors =
                extractors(spec, available, problems);
        Map<Modality, ModalityProjector> projectors = projectors(spec, available, problems);
        problems.throwIfAny();

        List<Modality> order = List.copyOf(projectors.keySet());
        Map<Modality, Integer> dims = new LinkedHashMap<>();
        projectors.forEach((modality, projector) -> dims.put(modality, projector.dim()));
        FusionBlock fusion = build(problems, spec.fusion(), () -> spec.fusion()
                .factory(FusionBlockFactory.class).create(spec.fusion().config(), order, dims));
        if (fusion == null) {
            problems.throwIfAny();
        }
        Task task = build(problems, spec.task(), () -> spec.task().factory(TaskFactory.class)
                .create(spec.task().config(), new TaskContext(reader, fusion.outputDim(), order)));
        if (task == null) {
            problems.throwIfAny();
        }
        List<AssembledPipeline.NamedObjective> objectives = objectives(spec, task, problems);
        problems.throwIfAny();
        List<String> objectiveNames = objectives.stream()
                .map(AssembledPipeline.NamedObjective::name).toList();
        LossWeighting weighting = build(problems, spec.weighting(), () -> spec.weighting()
                .factory(LossWeightingFactory.class)
                .create(spec.weighting().config(), objectiveNames));
        problems.throwIfAny();
        return new AssembledPipeline(spec, reader, extractors, projectors, fusion, task,
                objectives, weighting);
    }

    private List<AssembledPipeline.BoundExtractor> extractors(
            PipelineSpec spec, Map<Modality, Class<?>> available, Problems problems) {
        List<AssembledPipeline.BoundExtractor> bound = new ArrayList<>();
        for (PipelineSpec.Extractor declared : spec.extractors()) {
            String where = declared.choice().config().yamlPath();
            Class<?> sourceType = available.get(declared.from());
            if (sourceType == null) {
                problems.add(where + ".from", "no modality '" + declared.from()
                        + "' to extract from; the data and earlier extractors give "
                        + available.keySet());
                continue;
            }
            if (available.containsKey(declared.to())) {
                problems.add(where + ".to", "modality '" + declared.to()
                        + "' already exists; name the extracted modality differently");
                continue;
            }
            SemanticExtractor extractor = build(problems, declared.choice(), () -> declared
                    .choice().factory(SemanticExtractorFactory.class)
                    .create(declared.choice().config()));
            if (extractor == null) {
                continue;
            }
            if (!extractor.inputType().isAssignableFrom(sourceType)) {
                problems.add(where, "extractor '" + declared.choice().component().name()
                        + "' reads " + extractor.inputType().getSimpleName() + " but modality '"
                        + declared.from() + "' holds " + sourceType.getSimpleName());
                continue;
            }
            available.put(declared.to(), extractor.outputType());
            bound.add(new AssembledPipeline.BoundExtractor(declared.from(), declared.to(),
                    extractor));
        }
        return bound;
    }

    private Map<Modality, ModalityProjector> projectors(
            PipelineSpec spec, Map<Modality, Class<?>> available, Problems problems) {
        Map<Modality, ModalityProjector> own = new LinkedHashMap<>();
        for (PipelineSpec.Projector declared : spec.projectors()) {
            if (declared.choice() == null) {
                continue;
            }
            ModalityProjector projector = build(problems, declared.choice(), () -> declared
                    .choice().factory(ModalityProjectorFactory.class)
                    .create(declared.choice().config(), declared.modality()));
            if (projector != null) {
                own.put(declared.modality(), projector);
            }
        }
        Map<Modality, ModalityProjector> ordered = new LinkedHashMap<>();
        for (PipelineSpec.Projector declared : spec.projectors()) {
            String where = "projectors." + declared.modality();
            Modality source = declared.sharedWith() != null ? declared.sharedWith()
                    : declared.modality();
            ModalityProjector projector = own.get(source);
            if (projector == null) {
                continue;
            }
            Class<?> type = available.get(declared.modality());
            if (type == null) {
                problems.add(where, "no modality '" + declared.modality() + "': the data"
                        + " and the extractors give " + available.keySet());
            } else if (!projector.inputType().isAssignableFrom(type)) {
                problems.add(where, "the projector reads "
                        + projector.inputType().getSimpleName() + " but modality '"
                        + declared.modality() + "' holds " + type.getSimpleName());
            } else {
                ordered.put(declared.modality(), projector);
            }
        }
        return ordered;
    }

    private List<AssembledPipeline.NamedObjective> objectives(
            PipelineSpec spec, Task task, Problems problems) {
        List<PipelineSpec.WeightedObjective> declared = spec.objectives();
        if (declared.isEmpty()) {
            declared = defaultObjectives(spec, task, problems);
        }
        List<AssembledPipeline.NamedObjective> objectives = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (PipelineSpec.WeightedObjective weighted : declared) {
            ComponentChoice choice = weighted.choice();
            String name = choice.component().name();
            String where = choice.config().yamlPath();
            if (!names.add(name)) {
                problems.add(where, "objective '" + name + "' is listed twice");
                continue;
            }
            Objective objective = build(problems, choice,
                    () -> choice.factory(ObjectiveFactory.class).create(choice.config()));
            if (objective == null) {
                continue;
            }
            Set<String> missingOutputs = new HashSet<>(objective.requiredOutputs());
            missingOutputs.removeAll(task.outputs());
            Set<String> missingTargets = new HashSet<>(objective.requiredTargets());
            missingTargets.removeAll(task.targetNames());
            if (!missingOutputs.isEmpty()) {
                problems.add(where, "objective '" + name + "' reads outputs "
                        + new TreeSet<>(missingOutputs) + " that task '"
                        + spec.task().component().name() + "' does not give; it gives "
                        + new TreeSet<>(task.outputs()));
            } else if (!missingTargets.isEmpty()) {
                problems.add(where, "objective '" + name + "' reads targets "
                        + new TreeSet<>(missingTargets) + " that task '"
                        + spec.task().component().name() + "' does not give; it gives "
                        + new TreeSet<>(task.targetNames()));
            } else {
                objectives.add(new AssembledPipeline.NamedObjective(name, weighted.weight(),
                        objective));
            }
        }
        if (objectives.isEmpty() && problems.isEmpty()) {
            problems.add("objectives", "the pipeline has no objective, and task '"
                    + spec.task().component().name() + "' names no default");
        }
        return objectives;
    }

    private List<PipelineSpec.WeightedObjective> defaultObjectives(
            PipelineSpec spec, Task task, Problems problems) {
        List<PipelineSpec.WeightedObjective> defaults = new ArrayList<>();
        for (String name : task.defaultObjectives()) {
            registry.find(ComponentKind.OBJECTIVE, name).ifPresentOrElse(
                    component -> defaults.add(new PipelineSpec.WeightedObjective(
                            new ComponentChoice(component, defaultConfig(component.factory()
                                    .options(), name, problems)), 1.0)),
                    () -> problems.add("objectives", "task '" + spec.task().component().name()
                            + "' defaults to objective '" + name + "', which no loaded plugin"
                            + " provides; list objectives explicitly"));
        }
        return defaults;
    }

    private static ComponentConfig defaultConfig(
            OptionSchema schema, String name, Problems problems) {
        return OptionValidator.validate(name,
                new ConfigNode.MapNode("objectives." + name, "the task's default", Map.of()),
                Set.of(), schema, problems);
    }

    private static <T> T build(Problems problems, ComponentChoice choice, Supplier<T> factory) {
        try {
            return Objects.requireNonNull(factory.get(),
                    () -> choice.component().name() + " returned null");
        } catch (UserInputException e) {
            // Components are asked to start their messages with ComponentConfig.where(...);
            // those already name the place and are not prefixed again.
            String yamlPath = choice.config().yamlPath();
            String message = e.getMessage();
            if (message.startsWith(yamlPath + ".") || message.startsWith(yamlPath + " ")) {
                int colon = message.indexOf("): ");
                problems.add(colon > 0 ? message.substring(0, colon + 1) : yamlPath,
                        colon > 0 ? message.substring(colon + 3) : message);
            } else {
                problems.add(yamlPath, message);
            }
            return null;
        }
    }
}
