package ai.braid.plugin.fashion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.api.spi.DatasetReader;
import ai.djl.modality.cv.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The factory's checks and the reader's cross-file checks, on small files in a temp dir. */
class FashionMnistReaderFactoryTest {

    private final FashionMnistReaderFactory factory = new FashionMnistReaderFactory();

    @TempDir
    Path dir;

    @Test
    void declaresItsOptionsWithDefaults() {
        assertThat(factory.name()).isEqualTo("fashion-mnist");
        assertThat(factory.description()).contains("WordNet", "specificShare");
        assertThat(factory.options().names()).containsExactly("path", "wordnet", "validation",
                "trainLimit", "evalLimit", "seed", "specificShare");
        assertThat(factory.options().find("validation").orElseThrow().defaultValue())
                .isEqualTo(5000L);
        assertThat(factory.options().find("specificShare").orElseThrow().defaultValue())
                .isEqualTo(0.5);
    }

    @Test
    void readsASmallDatasetFromThePathOption() throws IOException {
        RawFiles.writeDataset(dir, new byte[] {3, 1, 4, 1}, new byte[] {5, 9});
        DatasetReader reader = create(Map.of("path", dir, "validation", 1L));

        SampleSet train = reader.read(Split.TRAIN);
        SampleSet validation = reader.read(Split.VALIDATION);
        SampleSet test = reader.read(Split.TEST);
        assertThat(train.size()).isEqualTo(3);
        assertThat(validation.size()).isEqualTo(1);
        assertThat(validation.get(0).id()).isEqualTo("train-00003");
        assertThat(validation.get(0).target("label", Long.class)).isEqualTo(1L);
        assertThat(test.get(1).id()).isEqualTo("test-00001");
        assertThat(test.get(1).target("label", Long.class)).isEqualTo(9L);
        BufferedImage image = (BufferedImage) test.get(1)
                .input(FashionMnistReader.IMAGE, Image.class).getWrappedImage();
        // Pixel (x=5, y=2) of image 1 is byte 2 * 28 + 5 = 61 of it: (40 + 61) mod 256.
        assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        assertThat(image.getRaster().getSample(5, 2, 0)).isEqualTo(101);
        assertThatThrownBy(() -> test.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void reportsAMissingDirectoryWithTheInstallCommandAndTheOption() {
        Path missing = dir.resolve("nowhere");

        assertThatThrownBy(() -> create(Map.of("path", missing)))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("data.path (pipeline.yaml:3): ")
                .hasMessageContaining("there is no directory " + missing)
                .hasMessageContaining("`apt-get install dataset-fashion-mnist`")
                .hasMessageContaining("set the option `path`");
    }

    @Test
    void reportsAMissingFileInTheDirectory() throws IOException {
        RawFiles.writeDataset(dir, new byte[] {1, 2}, new byte[] {3});
        Files.delete(dir.resolve(FashionMnistReader.TEST_LABELS));

        assertThatThrownBy(() -> create(Map.of("path", dir)))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("there is no " + dir.resolve("t10k-labels-idx1-ubyte.gz"));
    }

    @Test
    void reportsMissingWordNet() {
        Path missing = dir.resolve("wordnet");

        assertThatThrownBy(() -> create(Map.of("wordnet", missing)))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("data.wordnet (pipeline.yaml:3): ")
                .hasMessageContaining(missing.resolve("index.noun").toString())
                .hasMessageContaining("`apt-get install wordnet-base`");
    }

    @Test
    void reportsImageAndLabelCountsThatDiffer() throws IOException {
        RawFiles.writeDataset(dir, new byte[] {1, 2, 3}, new byte[] {3});
        Files.write(dir.resolve(FashionMnistReader.TRAIN_LABELS),
                RawFiles.gzip(RawFiles.idx(2049, new byte[] {1, 2}, 2)));
        DatasetReader reader = create(Map.of("path", dir, "validation", 1L));

        assertThatThrownBy(() -> reader.read(Split.TRAIN))
                .isInstanceOf(UserInputException.class)
                .hasMessage(dir.resolve("train-images-idx3-ubyte.gz") + " holds 3 images but "
                        + dir.resolve("train-labels-idx1-ubyte.gz") + " holds 2 labels;"
                        + " expected one label per image");
    }

    @Test
    void reportsACorruptFileWhenReadingNotWhenCreating() throws IOException {
        RawFiles.writeDataset(dir, new byte[] {1, 2}, new byte[] {3});
        Path images = dir.resolve(FashionMnistReader.TEST_IMAGES);
        byte[] bytes = Files.readAllBytes(images);
        Files.write(images, RawFiles.cut(bytes, bytes.length / 2));
        DatasetReader reader = create(Map.of("path", dir, "validation", 1L));

        assertThat(reader.targets().get(0).classes()).hasSize(10);
        assertThatThrownBy(() -> reader.read(Split.VALIDATION))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith(images + " is truncated");
    }

    @Test
    void reportsAValidationSplitThatLeavesNoTrainingImages() throws IOException {
        RawFiles.writeDataset(dir, new byte[] {1, 2}, new byte[] {3});
        DatasetReader reader = create(Map.of("path", dir, "validation", 2L));

        assertThatThrownBy(() -> reader.read(Split.TEST))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("validation is 2")
                .hasMessageContaining("holds 2 images");
    }

    @Test
    void limitsAreStratifiedOnSmallFilesToo() throws IOException {
        RawFiles.writeDataset(dir, new byte[] {0, 0, 0, 1, 1, 2, 7}, new byte[] {3});
        DatasetReader reader = create(Map.of("path", dir, "validation", 1L, "trainLimit", 4L));

        SampleSet train = reader.read(Split.TRAIN);
        List<String> ids = List.of(train.get(0).id(), train.get(1).id(), train.get(2).id(),
                train.get(3).id());
        assertThat(ids).containsExactly("train-00000", "train-00001", "train-00003",
                "train-00005");
    }

    private DatasetReader create(Map<String, Object> options) {
        return factory.create(Configs.of(factory, options));
    }
}
