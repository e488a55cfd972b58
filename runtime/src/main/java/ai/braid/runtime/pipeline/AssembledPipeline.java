package ai.braid.runtime.pipeline;

import ai.braid.api.data.Modality;
import ai.braid.api.spi.DatasetReader;
import ai.braid.api.spi.FusionBlock;
import ai.braid.api.spi.LossWeighting;
import ai.braid.api.spi.ModalityProjector;
import ai.braid.api.spi.Objective;
import ai.braid.api.spi.SemanticExtractor;
import ai.braid.api.spi.Task;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A pipeline whose components are constructed and checked against each other: every modality
 * has a source and a projector of the right input type, and the task provides every output and
 * target its objectives read.
 *
 * @param spec what the file asked for
 * @param reader the dataset reader
 * @param extractors the extractors with the modalities they connect, in run order
 * @param projectors one per modality in fusion order; shared modalities map to the same object
 * @param fusion the fusion block
 * @param task the task
 * @param objectives the objectives with names and weights
 * @param weighting how the objectives' losses are combined at each step
 */
public record AssembledPipeline(
        PipelineSpec spec,
        DatasetReader reader,
        List<BoundExtractor> extractors,
        Map<Modality, ModalityProjector> projectors,
        FusionBlock fusion,
        Task task,
        List<NamedObjective> objectives,
        LossWeighting weighting) {

    /** Checks for nulls and copies the collections. */
    public AssembledPipeline {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(fusion, "fusion");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(weighting, "weighting");
        extractors = List.copyOf(extractors);
        projectors = Collections.unmodifiableMap(new LinkedHashMap<>(projectors));
        objectives = List.copyOf(objectives);
    }

    /**
     * An extractor instance with the modality it reads and the one it writes.
     *
     * @param from the source modality
     * @param to the new modality
     * @param extractor the instance
     */
    public record BoundExtractor(Modality from, Modality to, SemanticExtractor extractor) {}

    /**
     * An objective instance with its component name and fixed weight.
     *
     * @param name the component name
     * @param weight the weight under fixed weighting
     * @param objective the instance
     */
    public record NamedObjective(String name, double weight, Objective objective) {}
}
