package ai.braid.runtime.engine.data;

import ai.braid.api.UserInputException;
import ai.braid.api.data.Sample;
import ai.braid.runtime.pipeline.AssembledPipeline.BoundExtractor;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a pipeline's semantic extractors over samples, in order, each result read from or
 * written to the {@link ExtractionCache}. Samples are processed in parallel; extractors are
 * documented to be thread-safe.
 *
 * <p>An input an extractor cannot read is never dropped silently: every failure is collected
 * with its sample id, and the run stops with all of them counted.
 */
public final class SemanticExtraction {

    private static final Logger LOG = LoggerFactory.getLogger(SemanticExtraction.class);
    private static final int SHOWN_FAILURES = 10;

    private final List<BoundExtractor> extractors;
    private final List<String> extractorKeys;
    private final Path cacheRoot;

    /**
     * Creates the step.
     *
     * @param extractors the pipeline's extractors, in run order
     * @param extractorKeys per extractor, what identifies its results (name, options)
     * @param cacheRoot where cache entries live
     */
    public SemanticExtraction(
            List<BoundExtractor> extractors, List<String> extractorKeys, Path cacheRoot) {
        this.extractors = List.copyOf(extractors);
        this.extractorKeys = List.copyOf(extractorKeys);
        this.cacheRoot = Objects.requireNonNull(cacheRoot, "cacheRoot");
        if (this.extractors.size() != this.extractorKeys.size()) {
            throw new IllegalArgumentException("one key per extractor expected");
        }
    }

    /**
     * Adds every extracted modality to every sample.
     *
     * @param samples the samples, e.g. one split
     * @param what names the samples in log lines, e.g. "train"
     * @return new samples in the same order
     * @throws UserInputException listing the samples whose inputs could not be read
     */
    public List<Sample> apply(List<Sample> samples, String what) {
        List<Sample> current = samples;
        for (int e = 0; e < extractors.size(); e++) {
            current = apply(extractors.get(e), extractorKeys.get(e), current, what);
        }
        return current;
    }

    private List<Sample> apply(
            BoundExtractor bound, String key, List<Sample> samples, String what) {
        String fingerprint = bound.extractor().fingerprint();
        ExtractionCache cache = new ExtractionCache(
                cacheRoot.resolve("extractions"), key + "\u0000" + fingerprint);
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger hits = new AtomicInteger();
        long started = System.nanoTime();
        List<Sample> result = samples.parallelStream().map(sample -> {
            try {
                Object input = sample.input(bound.from(), Object.class);
                String entry = cache.key(input);
                Object value = cache.get(entry).orElse(null);
                if (value != null) {
                    hits.incrementAndGet();
                } else {
                    value = bound.extractor().extract(sample.id(), input);
                    cache.put(entry, value);
                }
                return sample.withInput(bound.to(), value);
            } catch (UserInputException error) {
                failures.add(sample.id() + ": " + error.getMessage());
                return null;
            }
        }).toList();
        if (!failures.isEmpty()) {
            List<String> shown = failures.stream().sorted().limit(SHOWN_FAILURES).toList();
            throw new UserInputException("extracting '" + bound.to() + "' from '" + bound.from()
                    + "' failed for " + failures.size() + " of " + samples.size() + " " + what
                    + " samples; fix or remove them:\n  " + String.join("\n  ", shown)
                    + (failures.size() > shown.size() ? "\n  ..." : ""));
        }
        LOG.info("{}: extracted '{}' from '{}' for {} samples ({} from cache) in {} s", what,
                bound.to(), bound.from(), samples.size(), hits.get(),
                String.format("%.1f", (System.nanoTime() - started) / 1e9));
        return result;
    }
}
