package ai.braid.plugin.ssesf.data.mmsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import ai.braid.api.config.OptionSpec;
import ai.braid.api.data.Sample;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.api.data.TargetSpec;
import ai.braid.api.spi.DatasetReader;
import ai.braid.api.spi.DatasetReaderFactory;
import ai.braid.plugin.ssesf.data.ReaderConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The factories {@code mmsd} and {@code mmsd2}: options, defaults and the errors they name. */
class SarcasmReaderFactoriesTest {

    @TempDir
    Path temp;

    private static DatasetReader create(DatasetReaderFactory factory, Path directory,
            Map<String, Object> options) {
        Map<String, Object> set = new HashMap<>(Map.of("path", directory));
        set.putAll(options);
        return factory.create(ReaderConfigs.of(factory, set));
    }

    private static Object defaultOf(DatasetReaderFactory factory, String option) {
        return factory.options().find(option).flatMap(OptionSpec::defaultIfAbsent).orElseThrow();
    }

    @Test
    void defaultsFollowTheReleasedLayouts() {
        MmsdReaderFactory mmsd = new MmsdReaderFactory();
        Mmsd2ReaderFactory mmsd2 = new Mmsd2ReaderFactory();

        assertThat(mmsd.name()).isEqualTo("mmsd");
        assertThat(mmsd2.name()).isEqualTo("mmsd2");
        Path home = Path.of(System.getProperty("braid.home"));
        assertThat(defaultOf(mmsd, "path")).isEqualTo(home.resolve("data/mmsd").toString());
        assertThat(defaultOf(mmsd2, "path")).isEqualTo(home.resolve("data/mmsd").toString());
        assertThat(defaultOf(mmsd, "images")).isEqualTo("dataset_image");
        assertThat(defaultOf(mmsd, "trainFile")).isEqualTo("text/train.txt");
        assertThat(defaultOf(mmsd, "validationFile")).isEqualTo("text/valid2.txt");
        assertThat(defaultOf(mmsd, "testFile")).isEqualTo("text/test2.txt");
        assertThat(defaultOf(mmsd, "keywordFilter")).isEqualTo("tokens");
        assertThat(defaultOf(mmsd, "keywords")).isEqualTo(KeywordFilter.MMSD_KEYWORDS);
        assertThat(defaultOf(mmsd2, "trainFile")).isEqualTo("text_json_final/train.json");
        assertThat(defaultOf(mmsd2, "validationFile")).isEqualTo("text_json_final/valid.json");
        assertThat(defaultOf(mmsd2, "testFile")).isEqualTo("text_json_final/test.json");
        assertThat(mmsd2.options().find("keywordFilter")).isEmpty();
    }

    @Test
    void bothReadersReadTheFixtureWithEveryImage() {
        Path directory = MmsdFixture.copy(temp);
        DatasetReader mmsd = create(new MmsdReaderFactory(), directory, Map.of());
        DatasetReader mmsd2 = create(new Mmsd2ReaderFactory(), directory, Map.of());

        assertThat(mmsd).isInstanceOf(MmsdReader.class);
        assertThat(mmsd2).isInstanceOf(Mmsd2Reader.class);
        assertSamples(mmsd, Split.TRAIN, MmsdFixture.MMSD_TRAIN);
        assertSamples(mmsd, Split.VALIDATION, MmsdFixture.MMSD_VALIDATION);
        assertSamples(mmsd, Split.TEST, MmsdFixture.MMSD_TEST);
        assertSamples(mmsd2, Split.TRAIN, MmsdFixture.MMSD2_TRAIN);
        assertSamples(mmsd2, Split.VALIDATION, MmsdFixture.MMSD2_VALIDATION);
        assertSamples(mmsd2, Split.TEST, MmsdFixture.MMSD2_TEST);
        // What 'task: classification' with 'target: label' looks up.
        for (DatasetReader reader : List.of(mmsd, mmsd2)) {
            TargetSpec label = reader.targets().get(0);
            assertThat(label.name()).isEqualTo("label");
            assertThat(label.categorical()).isTrue();
            assertThat(label.classes()).containsExactly("not sarcastic", "sarcastic");
        }
    }

    @Test
    void theKeywordOptionsReachTheFilter() {
        Path directory = MmsdFixture.copy(temp);
        MmsdReader substrings = (MmsdReader) create(new MmsdReaderFactory(), directory,
                Map.of("keywordFilter", "substrings"));
        MmsdReader own = (MmsdReader) create(new MmsdReaderFactory(), directory,
                Map.of("keywords", List.of("fantastic")));
        MmsdReader none = (MmsdReader) create(new MmsdReaderFactory(), directory,
                Map.of("keywordFilter", "none"));

        assertThat(substrings.filter().rule()).isEqualTo(KeywordFilter.Rule.SUBSTRINGS);
        assertThat(substrings.read(Split.TRAIN).size()).isEqualTo(9);
        assertThat(own.read(Split.TEST).size()).isEqualTo(2);
        assertThat(none.read(Split.TRAIN).size()).isEqualTo(26);
        assertThatThrownBy(() -> create(new MmsdReaderFactory(), directory,
                Map.of("keywords", List.of("two words"))))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("data.keywords (pipeline.yaml:3)");
    }

    @Test
    void optionsChooseTheFilesAndTheImageFolder() throws IOException {
        Path directory = MmsdFixture.copy(temp);
        Files.move(directory.resolve("dataset_image"), directory.resolve("pictures"));
        DatasetReader reader = create(new MmsdReaderFactory(), directory, Map.of(
                "images", "pictures", "trainFile", "text/test2.txt", "validationFile", "",
                "testFile", ""));

        assertThat(reader.read(Split.TRAIN).get(0).id()).isEqualTo("300");
        assertThat(reader.read(Split.VALIDATION).size()).isZero();
        assertThat(reader.read(Split.TEST).size()).isZero();
    }

    @Test
    void missingDataIsNamedWithTheOptionAndTheDownloadPage() throws IOException {
        Path directory = MmsdFixture.copy(temp);
        Path nowhere = temp.resolve("nowhere");

        assertThatThrownBy(() -> create(new MmsdReaderFactory(), nowhere, Map.of()))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("data.path (pipeline.yaml:3): there is no directory "
                        + nowhere)
                .hasMessageContaining(SarcasmReader.MMSD_DOWNLOAD);
        assertThatThrownBy(() -> create(new Mmsd2ReaderFactory(), nowhere, Map.of()))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining(SarcasmReader.MMSD2_DOWNLOAD);
        assertThatThrownBy(() -> create(new MmsdReaderFactory(), directory,
                Map.of("testFile", "text/test.txt")))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("data.testFile (pipeline.yaml:3): there is no file "
                        + directory.resolve("text/test.txt"))
                .hasMessageContaining("text/test2.txt of " + SarcasmReader.MMSD_DOWNLOAD);
        assertThatThrownBy(() -> create(new Mmsd2ReaderFactory(), directory,
                Map.of("images", "images")))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("data.images (pipeline.yaml:3): there is no folder "
                        + directory.resolve("images"))
                .hasMessageContaining(SarcasmReader.MMSD2_DOWNLOAD);
        Files.delete(directory.resolve("text/valid2.txt"));
        assertThatThrownBy(() -> create(new MmsdReaderFactory(), directory, Map.of()))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("data.validationFile (default): there is no file");
        assertThatThrownBy(() -> create(new Mmsd2ReaderFactory(), directory, Map.of(
                "trainFile", "", "validationFile", " ", "testFile", "")))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("no split has a file");
    }

    private static void assertSamples(DatasetReader reader, Split split, List<String> ids) {
        SampleSet samples = reader.read(split);
        assertThat(samples.size()).isEqualTo(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            Sample sample = samples.get(i);
            assertThat(sample.id()).isEqualTo(ids.get(i));
            assertThat(sample.inputs()).containsOnlyKeys(SarcasmReader.IMAGE, SarcasmReader.TEXT);
            assertThat(sample.target("label", Integer.class)).isBetween(0, 1);
        }
    }
}
