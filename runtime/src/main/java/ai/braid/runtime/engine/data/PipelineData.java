package ai.braid.runtime.engine.data;

import ai.braid.api.data.Sample;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.runtime.pipeline.AssembledPipeline;
import ai.braid.runtime.pipeline.AssembledPipeline.BoundExtractor;
import ai.braid.runtime.pipeline.ComponentChoice;
import ai.braid.runtime.pipeline.PipelineSpec;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pipeline's data ready for batching: every split read by the dataset reader, with the
 * extracted modalities added (from the cache where possible).
 */
public final class PipelineData {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineData.class);

    private final Map<Split, SampleSet> splits;

    private PipelineData(Map<Split, SampleSet> splits) {
        this.splits = splits;
    }

    /**
     * Reads every split and runs the extractors.
     *
     * @param pipeline the assembled pipeline
     * @param cacheRoot the cache directory
     * @return the data
     * @throws ai.braid.api.UserInputException if the data cannot be read or extracted
     */
    public static PipelineData load(AssembledPipeline pipeline, Path cacheRoot) {
        SemanticExtraction extraction = extraction(pipeline, cacheRoot);
        Map<Split, SampleSet> splits = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            long started = System.nanoTime();
            SampleSet samples = pipeline.reader().read(split);
            if (!pipeline.extractors().isEmpty() && samples.size() > 0) {
                samples = SampleSet.of(extraction.apply(list(samples), split.label()));
            }
            splits.put(split, samples);
            LOG.info("{}: {} samples ({} ms)", split.label(), samples.size(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        return new PipelineData(splits);
    }

    /**
     * Wraps splits that are already in memory, e.g. a few samples for a shape check.
     *
     * @param splits the samples of each split
     * @return the data
     */
    public static PipelineData of(Map<Split, SampleSet> splits) {
        return new PipelineData(new EnumMap<>(splits));
    }

    /**
     * Returns one split.
     *
     * @param split the split
     * @return its samples; empty if the dataset has none
     */
    public SampleSet split(Split split) {
        return splits.getOrDefault(split, SampleSet.of(List.of()));
    }

    /**
     * Returns a list view of a sample set, without copying.
     *
     * @param samples the set
     * @return the view
     */
    public static List<Sample> list(SampleSet samples) {
        return new AbstractList<>() {
            @Override
            public Sample get(int index) {
                return samples.get(index);
            }

            @Override
            public int size() {
                return samples.size();
            }
        };
    }

    /**
     * Builds the extraction step of a pipeline.
     *
     * @param pipeline the pipeline
     * @param cacheRoot the cache directory
     * @return the step
     */
    public static SemanticExtraction extraction(AssembledPipeline pipeline, Path cacheRoot) {
        List<BoundExtractor> extractors = pipeline.extractors();
        List<PipelineSpec.Extractor> declared = pipeline.spec().extractors();
        List<String> keys = new ArrayList<>();
        for (int e = 0; e < extractors.size(); e++) {
            ComponentChoice choice = declared.get(e).choice();
            keys.add(choice.component().name() + " " + choice.config().values());
        }
        return new SemanticExtraction(extractors, keys, Objects.requireNonNull(cacheRoot));
    }
}
