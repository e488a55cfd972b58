package ai.braid.plugin.pcme.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import ai.braid.api.data.Sample;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.api.data.TargetSpec;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads the fixture under src/test/resources/coco/ in the exact formats of COCO 2014:
 * captions_train2014.json (images 25, 9 and 30, the last without captions; a blank caption),
 * captions_val2014.json (images 42 and 73) and the two instances files.
 */
class CocoCaptionReaderTest {

    private static final Map<String, Object> INSTANCES = Map.of(
            "trainInstances", "annotations/instances_train2014.json",
            "testInstances", "annotations/instances_val2014.json");

    @TempDir
    Path temp;

    static Path fixture() {
        try {
            return Path.of(CocoCaptionReaderTest.class.getResource("/coco").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CocoCaptionReader reader(Path directory, Map<String, Object> options) {
        CocoCaptionReaderFactory factory = new CocoCaptionReaderFactory();
        Map<String, Object> set = new HashMap<>(Map.of("path", directory));
        set.putAll(options);
        return (CocoCaptionReader) factory.create(Configs.of(factory, set));
    }

    @Test
    void readsCaptionsAndObjectCategories() {
        CaptionCorpus corpus = reader(fixture(), INSTANCES).corpus();

        assertThat(corpus.images()).extracting(CaptionedImage::key)
                .containsExactly("25", "9", "42", "73");
        assertThat(corpus.images()).extracting(CaptionedImage::split)
                .containsExactly(Split.TRAIN, Split.TRAIN, Split.TEST, Split.TEST);
        // Stripped, in annotation order, the blank one skipped.
        assertThat(corpus.image(0).captions()).containsExactly(
                "A giraffe eating food from the top of the tree.",
                "A giraffe standing up nearby a tree");
        assertThat(corpus.image(1).captions()).containsExactly(
                "Closeup of bins of food that include broccoli and bread.",
                "A meal is presented in brightly colored plastic trays.");
        assertThat(corpus.image(1).file()).isEqualTo(
                fixture().resolve("train2014/COCO_train2014_000000000009.jpg"));
        // Categories by ascending COCO id: car 3, motorcycle 4, giraffe 25, bowl 51, broccoli 56.
        assertThat(corpus.tagNames())
                .containsExactly("car", "motorcycle", "giraffe", "bowl", "broccoli");
        assertThat(corpus.image(0).tags()).containsExactly(2);
        assertThat(corpus.image(1).tags()).containsExactly(3, 4);
        assertThat(corpus.image(2).tags()).isEmpty();
        assertThat(corpus.image(3).tags()).containsExactly(0, 1);
        assertThat(corpus.categories()).isEmpty();
        assertThat(corpus.images()).extracting(CaptionedImage::category)
                .containsOnly(-1);
    }

    @Test
    void samplesCarryTheImageAndTagTargets() {
        CocoCaptionReader reader = reader(fixture(), INSTANCES);
        SampleSet test = reader.read(Split.TEST);

        assertThat(reader.targets()).extracting(TargetSpec::name)
                .containsExactly("image", "tags");
        assertThat(test.size()).isEqualTo(3);
        Sample first = test.get(0);
        assertThat(first.id()).isEqualTo("42/0");
        assertThat(first.target("image", Integer.class)).isEqualTo(2);
        assertThat(first.targets()).doesNotContainKey("category");
        assertThat(test.get(2).id()).isEqualTo("73/0");
        assertThat(test.get(2).target("tags", int[].class)).containsExactly(0, 1);
        assertThat(reader.gallery(Split.TEST).captionPositions()).containsExactly(0, 0, 1);
        assertThat(reader.gallery(Split.VALIDATION).captions()).isEmpty();
    }

    @Test
    void withoutInstancesOnlyTheImageTargetRemains() {
        CocoCaptionReader reader = reader(fixture(), Map.of());

        assertThat(reader.targets()).extracting(TargetSpec::name).containsExactly("image");
        assertThat(reader.read(Split.TRAIN).get(0).targets()).containsOnlyKeys("image");
    }

    @Test
    void anySplitCanComeFromAnyFile() {
        CocoCaptionReader reader = reader(fixture(), Map.of(
                "trainCaptions", "",
                "validationCaptions", "annotations/captions_val2014.json",
                "validationImages", "val2014",
                "testCaptions", "annotations/captions_train2014.json",
                "testImages", "train2014"));

        assertThat(reader.gallery(Split.TRAIN).images()).isEmpty();
        assertThat(reader.gallery(Split.VALIDATION).images()).extracting(CaptionedImage::key)
                .containsExactly("42", "73");
        assertThat(reader.gallery(Split.TEST).images()).extracting(CaptionedImage::key)
                .containsExactly("25", "9");
    }

    @Test
    void aCaptionOfAnUnlistedImageIsAnErrorNamingIt() throws IOException {
        Path directory = copyFixture();
        Path captions = directory.resolve("annotations/captions_train2014.json");
        Files.writeString(captions, Files.readString(captions)
                .replace("{\"image_id\": 25, \"id\": 127076", "{\"image_id\": 26, \"id\": 127076"));

        assertThatThrownBy(() -> reader(directory, Map.of()).corpus())
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining(captions.toString())
                .hasMessageContaining("annotation 127076")
                .hasMessageContaining("image 26");
    }

    @Test
    void aCaptionedImageWithoutFileIsAnErrorNamingIt() throws IOException {
        Path directory = copyFixture();
        Path image = directory.resolve("val2014/COCO_val2014_000000000073.jpg");
        Files.delete(image);

        assertThatThrownBy(() -> reader(directory, Map.of()).corpus())
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("image 73")
                .hasMessageContaining(image.toString());
    }

    @Test
    void anImageInTwoSplitsIsAnError() {
        assertThatThrownBy(() -> reader(fixture(), Map.of(
                "validationCaptions", "annotations/captions_val2014.json",
                "validationImages", "val2014")).corpus())
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("image 42 is also in the validation split");
    }

    @Test
    void malformedFilesAndOptionsAreNamed() throws IOException {
        Path directory = copyFixture();
        Path captions = directory.resolve("annotations/captions_val2014.json");
        Files.writeString(captions, "{\"images\": [{\"id\": 42}], \"annotations\": []}");
        assertThatThrownBy(() -> reader(directory, Map.of()).corpus())
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining(captions.toString())
                .hasMessageContaining("images[0]");

        assertThatThrownBy(() -> reader(fixture(), Map.of("trainInstances",
                "annotations/instances_train2014.json")))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("data.testInstances (default)")
                .hasMessageContaining("every split or for none");
        assertThatThrownBy(() -> reader(fixture(), Map.of("testImages", "test2014")))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("data.testImages (pipeline.yaml:3)")
                .hasMessageContaining(fixture().resolve("test2014").toString());
        assertThatThrownBy(() -> reader(fixture(), Map.of("trainCaptions", "",
                "testCaptions", "")))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("no split has a captions file");
    }

    private Path copyFixture() throws IOException {
        Path source = fixture();
        Path target = temp.resolve("coco");
        try (var files = Files.walk(source)) {
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
