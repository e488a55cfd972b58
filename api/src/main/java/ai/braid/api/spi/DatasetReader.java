package ai.braid.api.spi;

import ai.braid.api.data.ModalitySpec;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.api.data.TargetSpec;
import java.util.List;

/**
 * Turns a dataset on disk (or a generator) into samples with fixed splits.
 *
 * <p>Examples: MMSD text files with image folders, emoji PNGs with tags, a procedural dSprites
 * generator. Splits must be deterministic: the same configuration always gives the same
 * samples in the same split, so test metrics are comparable between runs.
 */
public interface DatasetReader {

    /**
     * Returns the modalities every sample carries, with their raw value types. Known without
     * reading the data, so a pipeline validates quickly.
     *
     * @return the modalities in a stable order
     */
    List<ModalitySpec> modalities();

    /**
     * Returns the targets the samples carry (class labels, tags, factors).
     *
     * @return the targets; empty for unlabelled data
     */
    List<TargetSpec> targets();

    /**
     * Reads one split.
     *
     * @param split the split
     * @return its samples; empty if the dataset has no such split
     * @throws ai.braid.api.UserInputException if a file is missing or malformed; the message
     *     names the file and the line or record
     */
    SampleSet read(Split split);
}
