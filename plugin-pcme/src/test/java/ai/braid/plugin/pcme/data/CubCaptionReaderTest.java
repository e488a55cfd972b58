package ai.braid.plugin.pcme.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import ai.braid.api.data.Sample;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.api.data.TargetSpec;
import ai.djl.modality.cv.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads the fixture under src/test/resources/cub/, laid out like reedscot/cvpr2016: three
 * listed classes (two train, one test), an unlisted fourth, blank caption lines, 8x8 JPEGs of
 * one colour each.
 */
class CubCaptionReaderTest {

    private static final String ALBATROSS = "001.Black_footed_Albatross";
    private static final String LAYSAN = "002.Laysan_Albatross";
    private static final String SOOTY = "003.Sooty_Albatross";

    @TempDir
    Path temp;

    static Path fixture() {
        try {
            return Path.of(CubCaptionReaderTest.class.getResource("/cub").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CubCaptionReader reader(Map<String, Object> options) {
        CubCaptionReaderFactory factory = new CubCaptionReaderFactory();
        Map<String, Object> set = new HashMap<>(Map.of("path", fixture()));
        set.putAll(options);
        return (CubCaptionReader) factory.create(Configs.of(factory, set));
    }

    @Test
    void readsTheListedClassesWithTheirCaptions() {
        CubCaptionReader reader = reader(Map.of());
        CaptionCorpus corpus = reader.corpus();

        assertThat(corpus.categories()).containsExactly(ALBATROSS, LAYSAN, SOOTY);
        assertThat(corpus.tagNames()).isEqualTo(corpus.categories());
        assertThat(corpus.images()).extracting(CaptionedImage::key).containsExactly(
                ALBATROSS + "/Black_Footed_Albatross_0001_796111",
                ALBATROSS + "/Black_Footed_Albatross_0002_55",
                LAYSAN + "/Laysan_Albatross_0001_545",
                SOOTY + "/Sooty_Albatross_0001_1071",
                SOOTY + "/Sooty_Albatross_0002_796");
        assertThat(corpus.images()).extracting(CaptionedImage::category)
                .containsExactly(0, 0, 1, 2, 2);
        assertThat(corpus.images()).extracting(CaptionedImage::split).containsExactly(
                Split.TRAIN, Split.TRAIN, Split.TRAIN, Split.TEST, Split.TEST);
        // The blank second line is skipped; the file holds three captions.
        assertThat(corpus.image(0).captions()).containsExactly(
                "this bird has a white belly and a long dark bill.",
                "a large bird with long narrow wings and a dark brown body.",
                "the bird is brown with a white ring around its bill.");
        assertThat(corpus.image(2).captions()).hasSize(2);
        assertThat(corpus.image(3).tags()).containsExactly(2);
        assertThat(reader.gallery(Split.VALIDATION).images()).isEmpty();
    }

    @Test
    void samplesAreImageCaptionPairsWithClassTargets() {
        CubCaptionReader reader = reader(Map.of());
        SampleSet test = reader.read(Split.TEST);

        assertThat(test.size()).isEqualTo(3);
        Sample last = test.get(2);
        assertThat(last.id()).isEqualTo(SOOTY + "/Sooty_Albatross_0002_796/1");
        assertThat(last.input(CaptionDatasetReader.TEXT, String.class))
                .isEqualTo("this bird is grey brown with a black bill.");
        assertThat(last.target("image", Integer.class)).isEqualTo(4);
        assertThat(last.target("category", Integer.class)).isEqualTo(2);
        assertThat(last.target("tags", int[].class)).containsExactly(2);
        BufferedImage pixels = (BufferedImage) last.input(CaptionDatasetReader.IMAGE,
                Image.class).getWrappedImage();
        assertThat(pixels.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(pixels.getWidth()).isEqualTo(8);
        // The JPEG is cyan (0, 255, 255); allow for compression.
        int rgb = pixels.getRGB(4, 4);
        assertThat(rgb >> 16 & 0xff).isLessThan(20);
        assertThat(rgb >> 8 & 0xff).isGreaterThan(235);
        assertThat(rgb & 0xff).isGreaterThan(235);
        assertThat(reader.targets()).extracting(TargetSpec::name)
                .containsExactly("image", "category", "tags");

        Gallery gallery = reader.gallery(Split.TEST);
        assertThat(gallery.images()).extracting(CaptionedImage::index).containsExactly(3, 4);
        assertThat(gallery.captionPositions()).containsExactly(0, 1, 1);
        assertThat(gallery.position(4)).isEqualTo(1);
        assertThatThrownBy(() -> gallery.position(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void validationClassesLeaveTheTrainvalList() {
        CubCaptionReader reader = reader(Map.of("validationClasses", "valclasses.txt"));

        assertThat(reader.gallery(Split.TRAIN).images()).extracting(CaptionedImage::category)
                .containsExactly(0, 0);
        assertThat(reader.gallery(Split.VALIDATION).images())
                .extracting(CaptionedImage::key)
                .containsExactly(LAYSAN + "/Laysan_Albatross_0001_545");
        assertThat(reader(Map.of("trainClasses", "trainclasses.txt",
                "validationClasses", "valclasses.txt")).corpus().images())
                .extracting(CaptionedImage::split).containsExactly(Split.TRAIN, Split.TRAIN,
                        Split.VALIDATION, Split.TEST, Split.TEST);
    }

    @Test
    void aCaptionFileWithoutImageIsAnErrorNamingBoth() throws IOException {
        Path copy = copyFixture();
        Path image = copy.resolve("images").resolve(LAYSAN)
                .resolve("Laysan_Albatross_0001_545.jpg");
        Files.delete(image);

        assertThatThrownBy(() -> CubCaptionReader.builder().optDirectory(copy).build()
                .corpus())
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining(copy.resolve("text_c10").resolve(LAYSAN)
                        .resolve("Laysan_Albatross_0001_545.txt").toString())
                .hasMessageContaining("there is no " + image);
    }

    @Test
    void aCaptionFileOfBlankLinesIsAnError() throws IOException {
        Path copy = copyFixture();
        Path captions = copy.resolve("text_c10").resolve(SOOTY)
                .resolve("Sooty_Albatross_0001_1071.txt");
        Files.writeString(captions, "\n  \n");

        assertThatThrownBy(() -> CubCaptionReader.builder().optDirectory(copy).build()
                .corpus())
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining(captions.toString())
                .hasMessageContaining("no caption");
    }

    @Test
    void classListsMustNameKnownClassesAndKeepTestApart() throws IOException {
        Path copy = copyFixture();
        Files.writeString(copy.resolve("testclasses.txt"), SOOTY + "\n" + LAYSAN + "\n");
        assertThatThrownBy(() -> CubCaptionReader.builder().optDirectory(copy).build()
                .corpus())
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining(LAYSAN)
                .hasMessageContaining(copy.resolve("testclasses.txt").toString())
                .hasMessageContaining(copy.resolve("trainvalclasses.txt").toString());

        Files.writeString(copy.resolve("testclasses.txt"), SOOTY + "\n\n999.Dodo\n");
        assertThatThrownBy(() -> CubCaptionReader.builder().optDirectory(copy).build()
                .corpus())
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining(copy.resolve("testclasses.txt") + " line 3")
                .hasMessageContaining("999.Dodo");
    }

    @Test
    void theFactoryNamesMissingFilesAndOptions() {
        CubCaptionReaderFactory factory = new CubCaptionReaderFactory();
        assertThat(factory.options().names()).containsExactly("path", "trainClasses",
                "testClasses", "validationClasses");

        assertThatThrownBy(() -> factory.create(Configs.of(factory,
                Map.of("path", fixture(), "validationClasses", "valclasses9.txt"))))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("data.validationClasses (pipeline.yaml:3)")
                .hasMessageContaining(fixture().resolve("valclasses9.txt").toString());
        Path missing = temp.resolve("cub");
        assertThatThrownBy(() -> factory.create(Configs.of(factory, Map.of("path", missing))))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("data.path (pipeline.yaml:3)")
                .hasMessageContaining(missing.toString());
    }

    private Path copyFixture() throws IOException {
        Path source = fixture();
        Path target = temp.resolve("cub");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        return target;
    }
}
