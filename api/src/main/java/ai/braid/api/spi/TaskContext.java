package ai.braid.api.spi;

import ai.braid.api.data.Modality;
import java.util.List;
import java.util.Objects;

/**
 * What a task is built for.
 *
 * @param dataset the pipeline's reader, for its target specs (class names) and, for tasks whose
 *     metric draws its own samples, for the data itself
 * @param fusedDim the width D of the fusion's pooled vector and sequence
 * @param modalities the modalities the model sees, in fusion order
 */
public record TaskContext(DatasetReader dataset, int fusedDim, List<Modality> modalities) {

    /** Checks for nulls and copies the list. */
    public TaskContext {
        Objects.requireNonNull(dataset, "dataset");
        modalities = List.copyOf(modalities);
    }
}
