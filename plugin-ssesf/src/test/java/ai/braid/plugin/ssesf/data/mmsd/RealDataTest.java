package ai.braid.plugin.ssesf.data.mmsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.braid.api.data.DataDirectories;
import ai.braid.api.data.Split;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checks the split sizes every paper reports on the released files, when they are installed
 * under {@code <braid.home>/data/mmsd} (they cannot be downloaded here, so the test is skipped
 * otherwise). Only the text files are needed: images are not read.
 */
class RealDataTest {

    private static final Path DIRECTORY = Path.of(DataDirectories.defaultDirectory("mmsd"));

    @Test
    void mmsdHasThePublishedSizes() {
        assumeTrue(Files.isRegularFile(DIRECTORY.resolve(MmsdReader.DEFAULT_TRAIN_FILE)),
                "MMSD is not installed in " + DIRECTORY);
        MmsdReader reader = MmsdReader.builder().optDirectory(DIRECTORY).build();

        assertSizes(reader, 19_816, 2_410, 2_409, 8_642, 959, 959);
    }

    @Test
    void mmsd2HasThePublishedSizes() {
        assumeTrue(Files.isRegularFile(DIRECTORY.resolve(Mmsd2Reader.DEFAULT_TRAIN_FILE)),
                "MMSD2.0 is not installed in " + DIRECTORY);
        Mmsd2Reader reader = Mmsd2Reader.builder().optDirectory(DIRECTORY).build();

        assertSizes(reader, 19_816, 2_410, 2_409, 9_576, 1_042, 1_037);
    }

    private static void assertSizes(SarcasmReader reader, int train, int validation, int test,
            int trainSarcastic, int validationSarcastic, int testSarcastic) {
        List<Integer> sizes = List.of(train, validation, test);
        List<Integer> sarcastic = List.of(trainSarcastic, validationSarcastic, testSarcastic);
        for (Split split : Split.values()) {
            List<SarcasmPost> posts = ((SarcasmSampleSet) reader.read(split)).posts();
            assertThat(posts).as(split.label()).hasSize(sizes.get(split.ordinal()));
            assertThat(posts.stream().filter(post -> post.label() == 1).count()).as(split.label())
                    .isEqualTo(sarcastic.get(split.ordinal()).longValue());
        }
    }
}
