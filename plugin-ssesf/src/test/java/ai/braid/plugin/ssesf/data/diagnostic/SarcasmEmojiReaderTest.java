package ai.braid.plugin.ssesf.data.diagnostic;

import static org.assertj.core.api.Assertions.assertThat;

import ai.braid.api.data.ModalitySpec;
import ai.braid.api.data.Sample;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.api.data.TargetSpec;
import ai.djl.modality.cv.Image;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The diagnostic set on the real data: determinism, balance, labels against the lexicon read
 * independently, the text-in-image share, subsets, and the dataset property itself (either
 * modality alone is at chance, both together decide).
 */
class SarcasmEmojiReaderTest {

    private static Map<String, Integer> afinn;
    private static Map<String, JsonNode> emojibase;

    @TempDir
    Path directory;

    @BeforeAll
    static void readOnce() {
        afinn = RealData.afinn();
        emojibase = RealData.emojibase();
    }

    private static SarcasmEmojiReader.Builder small(long seed) {
        return SarcasmEmojiReader.builder().optSeed(seed).optSizes(40, 8, 16);
    }

    @Test
    void declaresTheModalitiesAndTargets() {
        SarcasmEmojiReader reader = small(1).build();

        assertThat(reader.modalities()).containsExactly(
                new ModalitySpec(SarcasmEmojiReader.IMAGE, Image.class),
                new ModalitySpec(SarcasmEmojiReader.TEXT, String.class));
        assertThat(reader.targets()).containsExactly(
                new TargetSpec("label", List.of("not sarcastic", "sarcastic")),
                new TargetSpec("text_polarity", List.of("negative", "positive")),
                new TargetSpec("image_polarity", List.of("negative", "positive")),
                new TargetSpec("text_in_image", List.of("as text", "in image")));
    }

    @Test
    void theSameSeedGivesTheSameSamplesAndPixelsAnotherSeedOthers() {
        SarcasmEmojiReader first = small(7).build();
        SarcasmEmojiReader again = small(7).build();
        SarcasmEmojiReader other = small(8).build();

        for (Split split : Split.values()) {
            assertThat(again.samples(split)).isEqualTo(first.samples(split));
            SampleSet a = first.read(split);
            SampleSet b = again.read(split);
            for (int i = 0; i < 4; i++) {
                Sample x = a.get(i);
                Sample y = b.get(i);
                assertThat(y.id()).isEqualTo(x.id());
                assertThat(y.inputs().get(SarcasmEmojiReader.TEXT))
                        .isEqualTo(x.inputs().get(SarcasmEmojiReader.TEXT));
                assertThat(y.targets()).isEqualTo(x.targets());
                assertThat(pixels(y)).isEqualTo(pixels(x));
            }
            List<String> texts = texts(first.samples(split));
            assertThat(texts(other.samples(split))).isNotEqualTo(texts);
            assertThat(other.samples(split).get(0).id()).contains("-s8-")
                    .isNotEqualTo(first.samples(split).get(0).id());
        }
    }

    @Test
    void idsAreUniqueAndNameSeedSplitAndIndex() {
        SarcasmEmojiReader reader = small(3).build();
        Set<String> ids = new HashSet<>();
        for (Split split : Split.values()) {
            List<SarcasmSample> samples = reader.samples(split);
            for (int i = 0; i < samples.size(); i++) {
                SarcasmSample sample = samples.get(i);
                assertThat(sample.index()).isEqualTo(i);
                assertThat(sample.id()).matches("sar-v1-s3-[0-9a-f]{8}-" + split.label() + "-"
                        + String.format("%06d", i));
                assertThat(ids.add(sample.id())).as(sample.id()).isTrue();
            }
        }
        // Another split's size changes nothing here, so the ids stay.
        assertThat(SarcasmEmojiReader.builder().optSeed(3).optSizes(40, 8, 99).build()
                .samples(Split.TRAIN)).isEqualTo(reader.samples(Split.TRAIN));
        // An option that changes the pixels changes the ids: an OCR cache stays valid.
        assertThat(small(3).optImageSize(160).build().samples(Split.TEST).get(0).id())
                .isNotEqualTo(reader.samples(Split.TEST).get(0).id());
        assertThat(small(3).optSubset(Subset.TEXT_IN_IMAGE).build().samples(Split.TEST))
                .allSatisfy(sample -> assertThat(sample.id())
                        .isEqualTo(reader.samples(Split.TEST).get(sample.index()).id()));
    }

    @Test
    void labelsAreBalancedAndTheDisagreementOfTheLexiconsPolarities() {
        SarcasmEmojiReader reader = SarcasmEmojiReader.builder().optSizes(400, 40, 40).build();
        SampleSet set = reader.read(Split.TRAIN);
        List<SarcasmSample> samples = reader.samples(Split.TRAIN);
        int[] cells = new int[4];
        int sarcastic = 0;

        assertThat(set.size()).isEqualTo(400);
        for (int i = 0; i < set.size(); i++) {
            SarcasmSample sample = samples.get(i);
            int wordScore = afinn.get(sample.word().word());
            int emojiScore = RealData.emojiScore(sample.emoji().hexCode(), emojibase, afinn);
            boolean textPositive = wordScore > 0;
            boolean imagePositive = emojiScore > 0;
            int expected = textPositive != imagePositive ? 1 : 0;
            assertThat(Math.abs(wordScore)).isGreaterThanOrEqualTo(3);
            assertThat(Math.abs(emojiScore)).isGreaterThanOrEqualTo(2);
            assertThat(sample.text()).contains(sample.word().word());

            Map<String, Object> targets = set.get(i).targets();
            assertThat(targets.get("label")).as(sample.id()).isEqualTo(expected);
            assertThat(targets.get("text_polarity")).isEqualTo(textPositive ? 1 : 0);
            assertThat(targets.get("image_polarity")).isEqualTo(imagePositive ? 1 : 0);
            cells[(textPositive ? 1 : 0) + (imagePositive ? 2 : 0)]++;
            sarcastic += expected;
        }
        assertThat(sarcastic).isBetween(198, 202);
        for (int count : cells) {
            assertThat(count).isBetween(98, 102);
        }
    }

    @Test
    void theTextInImageShareHoldsWithAnEmptyTextModality() {
        SarcasmEmojiReader reader = SarcasmEmojiReader.builder().optSizes(40, 10, 400)
                .optTextInImage(0.3).build();
        SampleSet set = reader.read(Split.TEST);
        List<SarcasmSample> samples = reader.samples(Split.TEST);

        assertThat(samples.stream().filter(SarcasmSample::textInImage).count()).isEqualTo(120);
        int sarcasticInImage = 0;
        for (int i = 0; i < samples.size(); i++) {
            SarcasmSample sample = samples.get(i);
            Object text = set.get(i).inputs().get(SarcasmEmojiReader.TEXT);
            if (sample.textInImage()) {
                assertThat(text).isEqualTo("");
                sarcasticInImage += sample.label();
            } else {
                assertThat(text).isEqualTo(sample.text());
            }
        }
        assertThat(sarcasticInImage).isBetween(59, 61);
        for (int i = 0; i < 12; i++) {
            BufferedImage image = reader.image(samples.get(i));
            assertThat(darkPixelsInBand(image) > 0).as(samples.get(i).id())
                    .isEqualTo(samples.get(i).textInImage());
        }
    }

    @Test
    void blankBandImagesAreFreshCopiesOfTheRenderedCanvas() throws Exception {
        SarcasmEmojiReader reader = small(2).optSubset(Subset.TEXT_AS_TEXT).build();
        SarcasmSample sample = reader.samples(Split.TRAIN).get(0);
        BufferedImage emoji = ImageIO.read(sample.emoji().emoji().image().toFile());
        BufferedImage expected = new SampleImageRenderer(128).render(emoji, "");

        BufferedImage first = reader.image(sample);
        first.setRGB(5, 100, 0x123456);
        BufferedImage second = reader.image(sample);

        assertThat(second).isNotSameAs(first);
        assertThat(second.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(second.getRGB(0, 0, 128, 128, null, 0, 128))
                .isEqualTo(expected.getRGB(0, 0, 128, 128, null, 0, 128));
    }

    @Test
    void tesseractReadsTheTextOfInImageSamples() throws Exception {
        SarcasmEmojiReader reader = small(1).optSubset(Subset.TEXT_IN_IMAGE).build();
        List<SarcasmSample> samples = reader.samples(Split.TEST);

        assertThat(samples).hasSizeGreaterThanOrEqualTo(3);
        for (SarcasmSample sample : samples.subList(0, 3)) {
            Path file = directory.resolve(sample.id() + ".png");
            ImageIO.write(reader.image(sample), "png", file.toFile());

            assertThat(Tesseract.read(file)).as(sample.id()).isEqualTo(sample.text());
        }
    }

    @Test
    void subsetsSplitEachSplitWithoutChangingIds() {
        SarcasmEmojiReader all = small(5).build();
        SarcasmEmojiReader inImage = small(5).optSubset(Subset.TEXT_IN_IMAGE).build();
        SarcasmEmojiReader asText = small(5).optSubset(Subset.TEXT_AS_TEXT).build();

        for (Split split : Split.values()) {
            List<SarcasmSample> everything = all.samples(split);
            assertThat(inImage.samples(split)).isNotEmpty()
                    .allMatch(SarcasmSample::textInImage)
                    .isEqualTo(everything.stream().filter(SarcasmSample::textInImage).toList());
            assertThat(asText.samples(split)).isNotEmpty()
                    .noneMatch(SarcasmSample::textInImage)
                    .hasSize(everything.size() - inImage.samples(split).size());
            assertThat(inImage.read(split).size()).isEqualTo(inImage.samples(split).size());
            assertThat(inImage.read(split).get(0).id())
                    .isEqualTo(inImage.samples(split).get(0).id());
        }
    }

    @Test
    void evaluatedPairsAreNewButEmojiAndWordsAreShared() {
        SarcasmEmojiReader reader = SarcasmEmojiReader.builder().build();
        Set<String> trainPairs = new HashSet<>();
        Set<String> trainEmoji = new HashSet<>();
        Set<String> trainWords = new HashSet<>();
        for (SarcasmSample sample : reader.samples(Split.TRAIN)) {
            trainPairs.add(sample.emoji().hexCode() + " " + sample.word().word());
            trainEmoji.add(sample.emoji().hexCode());
            trainWords.add(sample.word().word());
        }
        assertThat(trainEmoji).hasSize(100);
        assertThat(trainWords).hasSize(100);
        SarcasmGenerator generator = reader.generator();
        PolarVocabulary vocabulary = generator.vocabulary();
        for (Split split : Split.values()) {
            assertThat(reader.samples(split)).allSatisfy(sample -> {
                int e = vocabulary.emoji(sample.imagePolarity()).indexOf(sample.emoji());
                int w = vocabulary.words(sample.textPolarity()).indexOf(sample.word());
                assertThat(generator.heldOut(e, w)).isEqualTo(split != Split.TRAIN);
                assertThat((e + w) % 5 == 0).isEqualTo(split != Split.TRAIN);
                if (split != Split.TRAIN) {
                    assertThat(trainPairs).doesNotContain(
                            sample.emoji().hexCode() + " " + sample.word().word());
                    assertThat(trainEmoji).contains(sample.emoji().hexCode());
                    assertThat(trainWords).contains(sample.word().word());
                }
            });
        }
    }

    /**
     * The property the set exists for, shown without training: majority votes learnt on train
     * and scored on test. Keyed by the emoji alone or by the text alone they are at chance;
     * keyed by both polarities (from the lexicon, computed here) they are always right.
     */
    @Test
    void eitherModalityAloneIsAtChanceBothTogetherDecide() {
        for (long seed = 1; seed <= 3; seed++) {
            SarcasmEmojiReader reader = SarcasmEmojiReader.builder().optSeed(seed).build();
            List<SarcasmSample> train = reader.samples(Split.TRAIN);
            List<SarcasmSample> test = reader.samples(Split.TEST);
            assertThat(train).hasSize(4000);
            assertThat(test).hasSize(1000);

            double byEmoji = majorityAccuracy(train, test, sample -> sample.emoji().hexCode());
            double byText = majorityAccuracy(train, test, SarcasmSample::text);
            double byBoth = majorityAccuracy(train, test, sample -> (afinn.get(
                    sample.word().word()) > 0) + "/" + (RealData.emojiScore(
                    sample.emoji().hexCode(), emojibase, afinn) > 0));

            assertThat(byEmoji).as("emoji alone, seed " + seed).isBetween(0.44, 0.56);
            assertThat(byText).as("text alone, seed " + seed).isBetween(0.44, 0.56);
            assertThat(byBoth).as("both polarities, seed " + seed).isEqualTo(1.0);
        }
    }

    private static double majorityAccuracy(List<SarcasmSample> train, List<SarcasmSample> test,
            Function<SarcasmSample, String> key) {
        Map<String, int[]> votes = new HashMap<>();
        int[] overall = new int[2];
        for (SarcasmSample sample : train) {
            votes.computeIfAbsent(key.apply(sample), k -> new int[2])[sample.label()]++;
            overall[sample.label()]++;
        }
        int fallback = overall[1] > overall[0] ? 1 : 0;
        int correct = 0;
        for (SarcasmSample sample : test) {
            int[] count = votes.get(key.apply(sample));
            int predicted = count == null || count[0] == count[1] ? fallback
                    : count[1] > count[0] ? 1 : 0;
            correct += predicted == sample.label() ? 1 : 0;
        }
        return correct / (double) test.size();
    }

    private static int[] pixels(Sample sample) {
        BufferedImage image = (BufferedImage) sample.input(SarcasmEmojiReader.IMAGE, Image.class)
                .getWrappedImage();
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0,
                image.getWidth());
    }

    private static List<String> texts(List<SarcasmSample> samples) {
        List<String> texts = new ArrayList<>();
        samples.forEach(sample -> texts.add(sample.text()));
        return texts;
    }

    private static int darkPixelsInBand(BufferedImage image) {
        int dark = 0;
        for (int y = image.getHeight() / 2; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                dark += ((rgb >> 8) & 0xff) < 128 ? 1 : 0;
            }
        }
        return dark;
    }
}
