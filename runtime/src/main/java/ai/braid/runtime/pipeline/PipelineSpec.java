package ai.braid.runtime.pipeline;

import ai.braid.api.data.Modality;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A pipeline file after name resolution and option validation: every component is known and
 * every option typed, but nothing is constructed yet.
 *
 * @param file the pipeline file
 * @param name the pipeline's name
 * @param task the task
 * @param data the dataset reader
 * @param extractors semantic extractors, in the order they run
 * @param projectors one per modality the model sees, in fusion order
 * @param fusion the fusion block
 * @param objectives the objectives with their weights
 * @param weighting how objectives are combined, e.g. "fixed" or "mgda"
 * @param train the training settings
 */
public record PipelineSpec(
        Path file,
        String name,
        ComponentChoice task,
        ComponentChoice data,
        List<Extractor> extractors,
        List<Projector> projectors,
        ComponentChoice fusion,
        List<WeightedObjective> objectives,
        ComponentChoice weighting,
        TrainSettings train) {

    /** Checks for nulls and copies the lists. */
    public PipelineSpec {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        extractors = List.copyOf(extractors);
        projectors = List.copyOf(projectors);
        objectives = List.copyOf(objectives);
    }

    /**
     * An extractor and the modalities it reads and writes.
     *
     * @param from the modality it reads
     * @param to the modality it adds
     * @param choice the component
     */
    public record Extractor(Modality from, Modality to, ComponentChoice choice) {}

    /**
     * The projector of one modality: its own component, or another modality's projector it
     * shares (same block, same parameters).
     *
     * @param modality the modality
     * @param choice its own projector, or null when shared
     * @param sharedWith the modality whose projector it uses, or null
     * @param init where a fresh run copies the projector's parameters from, or null
     * @param freeze whether the projector's parameters stay as initialised during training
     */
    public record Projector(Modality modality, ComponentChoice choice, Modality sharedWith,
            ProjectorInit init, boolean freeze) {

        /**
         * A projector without initialisation from another run, trained.
         *
         * @param modality the modality
         * @param choice its own projector, or null when shared
         * @param sharedWith the modality whose projector it uses, or null
         */
        public Projector(Modality modality, ComponentChoice choice, Modality sharedWith) {
            this(modality, choice, sharedWith, null, false);
        }
    }

    /**
     * The {@code init:} of a projector: another run's projector parameters to start from.
     *
     * @param path a run directory, its {@code checkpoint/} folder or an epoch folder, absolute
     * @param modality the modality whose projector parameters are read there
     */
    public record ProjectorInit(Path path, Modality modality) {

        /** Checks for nulls. */
        public ProjectorInit {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(modality, "modality");
        }
    }

    /**
     * An objective and its fixed weight.
     *
     * @param choice the component
     * @param weight its weight under fixed weighting
     */
    public record WeightedObjective(ComponentChoice choice, double weight) {}

    /**
     * Returns the resolved pipeline as plain values, every default filled in; written as
     * {@code resolved.yaml} next to results so a run can be reproduced exactly.
     *
     * @return nested maps and lists
     */
    public Map<String, Object> toResolvedMap() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", name);
        root.put("task", declaration("name", task));
        root.put("data", declaration("reader", data));
        root.put("extractors", extractors.stream().map(extractor -> {
            Map<String, Object> map = declaration("name", extractor.choice());
            map.put("from", extractor.from().name());
            map.put("to", extractor.to().name());
            return map;
        }).toList());
        Map<String, Object> projectorMap = new LinkedHashMap<>();
        for (Projector projector : projectors) {
            if (projector.sharedWith() != null) {
                projectorMap.put(projector.modality().name(),
                        Map.of("shareWith", projector.sharedWith().name()));
                continue;
            }
            Map<String, Object> map = declaration("name", projector.choice());
            if (projector.init() != null) {
                Map<String, Object> init = new LinkedHashMap<>();
                init.put("path", projector.init().path().toString());
                init.put("modality", projector.init().modality().name());
                map.put("init", init);
            }
            if (projector.freeze()) {
                map.put("freeze", true);
            }
            projectorMap.put(projector.modality().name(), map);
        }
        root.put("projectors", projectorMap);
        root.put("fusion", declaration("name", fusion));
        root.put("objectives", objectives.stream().map(objective -> {
            Map<String, Object> map = declaration("name", objective.choice());
            map.put("weight", objective.weight());
            return map;
        }).toList());
        root.put("weighting", declaration("name", weighting));
        root.put("train", plain(train.config().values()));
        return root;
    }

    private static Map<String, Object> declaration(String nameKey, ComponentChoice choice) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(nameKey, choice.component().name());
        map.putAll(plain(choice.config().values()));
        return map;
    }

    private static Map<String, Object> plain(Map<String, Object> values) {
        Map<String, Object> map = new LinkedHashMap<>();
        values.forEach((key, value) -> map.put(key, value instanceof Path ? value.toString() : value));
        return map;
    }
}
