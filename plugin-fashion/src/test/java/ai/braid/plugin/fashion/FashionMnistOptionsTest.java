package ai.braid.plugin.fashion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.data.Sample;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Limits, seeds and the specific share, on the installed data; each reader parses it once. */
class FashionMnistOptionsTest {

    private static final FashionMnistReaderFactory FACTORY = new FashionMnistReaderFactory();

    private static FashionMnistReader limited;
    private static FashionMnistReader sameSeed;
    private static FashionMnistReader otherSeed;

    @BeforeAll
    static void readOnce() {
        limited = reader(Map.of("trainLimit", 103L, "evalLimit", 50L, "validation", 1000L));
        sameSeed = reader(Map.of("trainLimit", 103L, "evalLimit", 50L, "validation", 1000L));
        otherSeed = reader(Map.of("trainLimit", 103L, "evalLimit", 50L, "validation", 1000L,
                "seed", 99L));
    }

    @Test
    void limitsKeepTheFirstSamplesOfEachClassInFileOrder() {
        SampleSet train = limited.read(Split.TRAIN);
        SampleSet validation = limited.read(Split.VALIDATION);
        SampleSet test = limited.read(Split.TEST);
        assertThat(train.size()).isEqualTo(103);
        assertThat(validation.size()).isEqualTo(50);
        assertThat(test.size()).isEqualTo(50);

        byte[] trainLabels = RawFiles.labels(FashionMnistReader.TRAIN_LABELS);
        byte[] testLabels = RawFiles.labels(FashionMnistReader.TEST_LABELS);
        // 103 = 10 of each class plus one more of classes 0, 1 and 2.
        assertThat(ids(train)).isEqualTo(firstOfEachClass(trainLabels, 0, 59_000,
                new int[] {11, 11, 11, 10, 10, 10, 10, 10, 10, 10}, "train"));
        assertThat(ids(validation)).isEqualTo(firstOfEachClass(trainLabels, 59_000, 60_000,
                new int[] {5, 5, 5, 5, 5, 5, 5, 5, 5, 5}, "train"));
        assertThat(ids(test)).isEqualTo(firstOfEachClass(testLabels, 0, 10_000,
                new int[] {5, 5, 5, 5, 5, 5, 5, 5, 5, 5}, "test"));
    }

    @Test
    void theSameSeedGivesTheSameSamples() {
        for (Split split : Split.values()) {
            assertThat(texts(sameSeed.read(split))).isEqualTo(texts(limited.read(split)));
            assertThat(ids(sameSeed.read(split))).isEqualTo(ids(limited.read(split)));
        }
    }

    @Test
    void anotherSeedChoosesOtherTextsForTheSameImages() {
        List<String> texts = texts(limited.read(Split.TRAIN));
        List<String> others = texts(otherSeed.read(Split.TRAIN));
        assertThat(ids(otherSeed.read(Split.TRAIN))).isEqualTo(ids(limited.read(Split.TRAIN)));
        int differing = 0;
        for (int i = 0; i < texts.size(); i++) {
            differing += texts.get(i).equals(others.get(i)) ? 0 : 1;
        }
        // Two independent fair choices differ half the time: about 51 of 103.
        assertThat(differing).isBetween(30, 75);
    }

    @Test
    void theSpecificShareFollowsTheOption() {
        FashionMnistReader reader = reader(Map.of("specificShare", 0.2, "validation", 0L));
        SampleSet test = reader.read(Split.TEST);
        SampleSet full = reader.read(Split.TRAIN);
        assertThat(reader.read(Split.VALIDATION).size()).isZero();
        assertThat(full.size()).isEqualTo(60_000);
        String coat = "an outer garment that has sleeves and covers the body from shoulder down;"
                + " worn outdoors";
        int coats = 0;
        int specific = 0;
        for (int i = 0; i < test.size(); i++) {
            Sample sample = test.get(i);
            if (sample.target("label", Long.class) == 4L) {
                coats++;
                specific += sample.input(FashionMnistReader.TEXT, String.class).equals(coat)
                        ? 1 : 0;
            }
        }
        // 1,000 coats, p = 0.2: the standard deviation of the share is 0.013.
        assertThat(coats).isEqualTo(1000);
        assertThat(specific / 1000.0).isCloseTo(0.2, within(0.05));
    }

    private static FashionMnistReader reader(Map<String, Object> options) {
        return (FashionMnistReader) FACTORY.create(Configs.of(FACTORY, options));
    }

    private static List<String> firstOfEachClass(
            byte[] labels, int from, int to, int[] quota, String file) {
        int[] left = quota.clone();
        List<String> ids = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (left[labels[i]] > 0) {
                left[labels[i]]--;
                ids.add(String.format("%s-%05d", file, i));
            }
        }
        return ids;
    }

    private static List<String> ids(SampleSet samples) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            ids.add(samples.get(i).id());
        }
        return ids;
    }

    private static List<String> texts(SampleSet samples) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            texts.add(samples.get(i).input(FashionMnistReader.TEXT, String.class));
        }
        return texts;
    }
}
