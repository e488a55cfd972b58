package ai.braid.plugin.pcme.data;

import static org.assertj.core.api.Assertions.assertThat;

import ai.braid.api.data.ModalitySpec;
import ai.braid.api.data.Sample;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.api.data.TargetSpec;
import ai.braid.data.emoji.Emoji;
import ai.djl.modality.cv.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads the real emoji data that scripts/setup.sh installs under braid.home (the repository
 * root in the build), with the default options. Fails, rather than skips, when it is missing.
 */
class EmojiReaderTest {

    private static EmojiReader reader;
    private static CaptionCorpus corpus;
    private static EmojiCatalog catalog;

    @BeforeAll
    static void readOnce() {
        assertThat(System.getProperty("braid.home")).as("braid.home set by the build")
                .isNotBlank();
        EmojiReaderFactory factory = new EmojiReaderFactory();
        reader = (EmojiReader) factory.create(Configs.of(factory, Map.of()));
        corpus = reader.corpus();
        catalog = reader.catalog();
    }

    @Test
    void joinsEveryImageToItsText() {
        assertThat(corpus.images()).hasSize(1911);
        assertThat(catalog.entries()).hasSize(1911);
        Emoji grinning = catalog.find("1F600").orElseThrow();
        assertThat(grinning.label()).isEqualTo("grinning face");
        assertThat(grinning.tags()).contains("grin", "grinning", "smile", "face");
        assertThat(grinning.category()).isEqualTo("Smileys & Emotion");
        assertThat(grinning.subcategory()).isEqualTo("face-smiling");
        assertThat(grinning.image().getFileName()).hasToString("1f600.png");
        // emoji.json writes the presentation selector, emojibase does not.
        Emoji copyright = catalog.find("00a9-fe0f").orElseThrow();
        assertThat(copyright.label()).isEqualTo("copyright");
        CaptionedImage image = corpus.image(grinning.index());
        assertThat(image.key()).isEqualTo("1f600");
        assertThat(image.captions().get(0)).isEqualTo("grinning face");
        assertThat(image.category()).isEqualTo(31);
        assertThat(corpus.categories().get(31)).isEqualTo("face-smiling");
    }

    @Test
    void everyCaptionComesFromItsEmojisLabelOrTags() {
        int total = 0;
        for (Emoji entry : catalog.entries()) {
            List<String> captions = corpus.image(entry.index()).captions();
            assertThat(captions).as(entry.hexCode()).isNotEmpty()
                    .hasSizeLessThanOrEqualTo(EmojiReader.DEFAULT_CAPTIONS_PER_IMAGE);
            assertThat(captions.get(0)).isEqualTo(entry.label());
            List<String> others = entry.tags().stream()
                    .filter(tag -> !tag.equalsIgnoreCase(entry.label())).toList();
            int expected = Math.min(4, 1 + (others.size() + 1) / 2);
            assertThat(captions).as(entry.hexCode()).hasSize(expected);
            Set<String> used = new HashSet<>();
            for (String caption : captions.subList(1, captions.size())) {
                List<String> tags = Arrays.asList(caption.split(", "));
                assertThat(tags).as(caption).hasSizeBetween(1, 2);
                assertThat(others).as(entry.hexCode()).containsAll(tags);
                for (String tag : tags) {
                    assertThat(used.add(tag)).as("tag used twice: " + tag).isTrue();
                }
            }
            total += captions.size();
        }
        assertThat(corpus.gallery(Split.TRAIN).captions().size()
                + corpus.gallery(Split.VALIDATION).captions().size()
                + corpus.gallery(Split.TEST).captions().size()).isEqualTo(total);
        // Counted independently in Python from the two JSON files.
        assertThat(total).isEqualTo(6165);
    }

    @Test
    void splitsAreDisjointFixedByHexCodeAndCoverEveryImage() {
        Map<Split, Integer> expected = Map.of(Split.TRAIN, 1523, Split.VALIDATION, 189,
                Split.TEST, 199);
        // Caption counts per split, computed in Python from the two JSON files.
        Map<Split, Integer> captions = Map.of(Split.TRAIN, 4936, Split.VALIDATION, 604,
                Split.TEST, 625);
        Set<Integer> seen = new HashSet<>();
        for (Split split : Split.values()) {
            Gallery gallery = reader.gallery(split);
            assertThat(gallery.images()).as(split.label()).hasSize(expected.get(split));
            assertThat(gallery.captions()).as(split.label()).hasSize(captions.get(split));
            assertThat(reader.read(split).size()).isEqualTo(captions.get(split));
            for (CaptionedImage image : gallery.images()) {
                assertThat(seen.add(image.index())).as("image in two splits").isTrue();
                assertThat(image.split()).isEqualTo(split);
                CRC32 crc = new CRC32();
                crc.update(image.key().getBytes(StandardCharsets.US_ASCII));
                long bucket = crc.getValue() % 10;
                assertThat(split).isEqualTo(bucket == 0 ? Split.TEST
                        : bucket == 1 ? Split.VALIDATION : Split.TRAIN);
            }
        }
        assertThat(seen).hasSize(1911);
        // Values computed outside Java (Python's zlib.crc32) pin the assignment.
        assertThat(corpus.image(catalog.find("1f197").orElseThrow().index()).split())
                .isEqualTo(Split.TEST);
        assertThat(corpus.image(catalog.find("1f34e").orElseThrow().index()).split())
                .isEqualTo(Split.VALIDATION);
        assertThat(corpus.image(catalog.find("1f600").orElseThrow().index()).split())
                .isEqualTo(Split.TRAIN);
    }

    @Test
    void aSecondReaderGivesTheSameSamples() {
        EmojiReader again = EmojiReader.builder().optDirectory(reader.directory()).build();
        for (Split split : Split.values()) {
            assertThat(again.gallery(split).captions())
                    .isEqualTo(reader.gallery(split).captions());
        }
    }

    @Test
    void samplesFollowTheGalleryAndCarryTheTargets() {
        SampleSet test = reader.read(Split.TEST);
        Gallery gallery = reader.gallery(Split.TEST);
        assertThat(test.size()).isEqualTo(gallery.captions().size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < test.size(); i++) {
            Sample sample = test.get(i);
            GalleryCaption caption = gallery.captions().get(i);
            CaptionedImage image = gallery.images().get(caption.position());
            assertThat(ids.add(sample.id())).isTrue();
            assertThat(sample.id()).isEqualTo(image.key() + "/" + caption.caption());
            assertThat(sample.input(CaptionDatasetReader.TEXT, String.class))
                    .isEqualTo(caption.text());
            assertThat(sample.target("image", Integer.class)).isEqualTo(image.index())
                    .isEqualTo(caption.image());
            assertThat(sample.target("category", Integer.class))
                    .isEqualTo(catalog.subcategoryIndex(catalog.entries().get(image.index())));
            assertThat(sample.target("tags", int[].class)).isEqualTo(image.tags());
        }
        assertThat(gallery.position(gallery.images().get(5).index())).isEqualTo(5);
    }

    @Test
    void imagesAreTheIconsOnWhite() throws IOException {
        Emoji grinning = catalog.find("1f600").orElseThrow();
        BufferedImage png = ImageIO.read(grinning.image().toFile());
        assertThat(png.getColorModel().hasAlpha()).isTrue();
        assertThat(png.getRGB(0, 0) >>> 24).as("transparent corner").isZero();
        int centre = png.getRGB(32, 32);
        assertThat(centre >>> 24).as("opaque centre").isEqualTo(255);

        Sample sample = find(Split.TRAIN, "1f600/0");
        Image image = sample.input(CaptionDatasetReader.IMAGE, Image.class);
        BufferedImage rgb = (BufferedImage) image.getWrappedImage();
        assertThat(rgb.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(rgb.getWidth()).isEqualTo(64);
        assertThat(rgb.getHeight()).isEqualTo(64);
        assertThat(rgb.getRGB(0, 0) & 0xffffff).isEqualTo(0xffffff);
        assertThat(rgb.getRGB(32, 32) & 0xffffff).isEqualTo(centre & 0xffffff);
    }

    @Test
    void tagVectorsHoldTheTagsOfAtLeastFiveImages() {
        Map<String, Integer> counts = new HashMap<>();
        for (Emoji entry : catalog.entries()) {
            new HashSet<>(entry.tags()).forEach(tag -> counts.merge(tag, 1, Integer::sum));
        }
        assertThat(counts).hasSize(3610);
        List<String> frequent = new ArrayList<>();
        counts.forEach((tag, count) -> {
            if (count >= 5) {
                frequent.add(tag);
            }
        });
        frequent.sort(null);
        assertThat(corpus.tagNames()).isEqualTo(frequent).hasSize(429);
        int empty = 0;
        for (Emoji entry : catalog.entries()) {
            int[] tags = corpus.image(entry.index()).tags();
            empty += tags.length == 0 ? 1 : 0;
            List<String> names = Arrays.stream(tags).mapToObj(corpus.tagNames()::get).toList();
            List<String> expected = entry.tags().stream().filter(tag -> counts.get(tag) >= 5)
                    .sorted().toList();
            assertThat(names).as(entry.hexCode()).isEqualTo(expected);
        }
        assertThat(empty).as("emoji without a frequent tag (Python: 140)").isEqualTo(140);
    }

    @Test
    void targetsNameTheSubcategoriesAndTags() {
        List<TargetSpec> targets = reader.targets();
        assertThat(targets).extracting(TargetSpec::name)
                .containsExactly("image", "category", "tags");
        assertThat(targets.get(0).categorical()).isFalse();
        assertThat(targets.get(1).classes()).hasSize(99).isSorted()
                .isEqualTo(catalog.subcategories());
        assertThat(targets.get(2).classes()).hasSize(429);
        assertThat(reader.modalities()).containsExactly(
                new ModalitySpec(CaptionDatasetReader.IMAGE, Image.class),
                new ModalitySpec(CaptionDatasetReader.TEXT, String.class));
    }

    private static Sample find(Split split, String id) {
        List<GalleryCaption> captions = reader.gallery(split).captions();
        for (int i = 0; i < captions.size(); i++) {
            if (captions.get(i).id().equals(id)) {
                return reader.read(split).get(i);
            }
        }
        throw new AssertionError("no sample " + id);
    }
}
