package ai.braid.plugin.pcme.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import ai.braid.api.config.OptionSpec;
import ai.braid.api.spi.ComponentFactory;
import ai.braid.api.spi.DatasetReaderFactory;
import ai.braid.data.emoji.EmojiData;
import ai.braid.data.emoji.EmojiFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emoji reader's options and the errors it gives before reading. */
class EmojiReaderFactoryTest {

    @TempDir
    Path directory;

    @Test
    void defaultsLookUnderBraidHome() {
        EmojiReaderFactory factory = new EmojiReaderFactory();

        assertThat(factory.name()).isEqualTo("emoji");
        assertThat(factory.options().names())
                .containsExactly("path", "captionsPerImage", "minTagImages");
        assertThat(factory.options().find("path").flatMap(OptionSpec::defaultIfAbsent))
                .contains(Path.of(System.getProperty("braid.home"), "data", "emoji")
                        .toString());
        assertThat(factory.options().find("captionsPerImage")
                .flatMap(OptionSpec::defaultIfAbsent)).contains(4L);
        assertThat(factory.options().find("minTagImages").flatMap(OptionSpec::defaultIfAbsent))
                .contains(5L);
    }

    @Test
    void aMissingDirectoryNamesThePathAndTheSetupScript() {
        Path missing = directory.resolve("nowhere");
        EmojiReaderFactory factory = new EmojiReaderFactory();

        assertThatThrownBy(() -> factory.create(Configs.of(factory, Map.of("path", missing))))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("data.path (pipeline.yaml:3)")
                .hasMessageContaining("there is no directory " + missing)
                .hasMessageContaining("scripts/setup.sh");
        assertThatThrownBy(() -> EmojiReader.builder().optDirectory(missing).build().corpus())
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("scripts/setup.sh");
    }

    @Test
    void aMissingImageFolderIsNamed() throws Exception {
        EmojiFixture.write(directory);
        Path images = directory.resolve(EmojiData.IMAGE_FOLDER);
        try (var files = Files.list(images)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(images);
        EmojiReaderFactory factory = new EmojiReaderFactory();

        assertThatThrownBy(() -> factory.create(Configs.of(factory, Map.of("path", directory))))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("there is no " + images);
    }

    @Test
    void createsAReaderWithTheOptions() {
        EmojiReaderFactory factory = new EmojiReaderFactory();
        EmojiReader reader = (EmojiReader) factory.create(Configs.of(factory, Map.of(
                "path", EmojiFixture.write(directory), "captionsPerImage", 2L)));

        assertThat(reader.directory()).isEqualTo(directory);
        assertThat(reader.corpus().image(0).captions()).hasSize(2);
    }

    @Test
    void serviceFileListsTheThreeReaders() {
        assertThat(ServiceLoader.load(DatasetReaderFactory.class).stream()
                .map(ServiceLoader.Provider::get).map(ComponentFactory::name))
                .containsExactlyInAnyOrder("emoji", "cub-captions", "coco-captions");
    }
}
