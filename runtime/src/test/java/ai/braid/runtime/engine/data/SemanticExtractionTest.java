package ai.braid.runtime.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import ai.braid.api.data.Modality;
import ai.braid.api.data.Sample;
import ai.braid.api.spi.SemanticExtractor;
import ai.braid.runtime.pipeline.AssembledPipeline.BoundExtractor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SemanticExtractionTest {

    private static final Modality TEXT = Modality.of("text");
    private static final Modality UPPER = Modality.of("upper");

    @TempDir
    Path cache;

    /** Upper-cases its input; "bad" inputs are unreadable. Counts its calls. */
    private static final class Upper implements SemanticExtractor {
        final AtomicInteger calls = new AtomicInteger();
        final String version;

        Upper(String version) {
            this.version = version;
        }

        @Override
        public Class<?> inputType() {
            return String.class;
        }

        @Override
        public Class<?> outputType() {
            return String.class;
        }

        @Override
        public Object extract(String sampleId, Object input) {
            calls.incrementAndGet();
            if (input.equals("bad")) {
                throw new UserInputException("cannot read " + sampleId);
            }
            return ((String) input).toUpperCase();
        }

        @Override
        public String fingerprint() {
            return version;
        }
    }

    private static List<Sample> samples(String... texts) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            samples.add(new Sample("s" + i, Map.of(TEXT, texts[i]), Map.of()));
        }
        return samples;
    }

    private SemanticExtraction extraction(Upper upper) {
        return new SemanticExtraction(List.of(new BoundExtractor(TEXT, UPPER, upper)),
                List.of("upper {}"), cache);
    }

    @Test
    void addsTheModalityAndReadsRepeatsFromTheCache() {
        Upper first = new Upper("v1");
        List<Sample> out = extraction(first).apply(samples("a", "b", "a"), "train");

        assertThat(out).extracting(sample -> sample.input(UPPER, String.class))
                .containsExactly("A", "B", "A");
        Upper second = new Upper("v1");
        extraction(second).apply(samples("a", "b"), "train");
        assertThat(second.calls.get()).isZero();
        Upper changed = new Upper("v2");
        extraction(changed).apply(samples("a"), "train");
        assertThat(changed.calls.get()).as("a new fingerprint misses the cache").isEqualTo(1);
    }

    @Test
    void unreadableInputsAreCountedAndNamedNotDropped() {
        assertThatThrownBy(() -> extraction(new Upper("v1"))
                .apply(samples("a", "bad", "c", "bad"), "test"))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("failed for 2 of 4 test samples")
                .hasMessageContaining("s1: cannot read s1")
                .hasMessageContaining("s3: cannot read s3");
    }
}
