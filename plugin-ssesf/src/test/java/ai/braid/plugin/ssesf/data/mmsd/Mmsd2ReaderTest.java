package ai.braid.plugin.ssesf.data.mmsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import ai.braid.api.data.Sample;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.djl.modality.cv.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads the MMSD2.0 fixture under src/test/resources/mmsd/text_json_final/, written like the
 * released files: train.json on one line with ASCII escapes (quotes, backslash, an emoji as a
 * surrogate pair, an empty text, a word of MMSD's filter), valid.json pretty-printed with CRLF
 * endings, raw UTF-8, the extra field of text_json_clean and a string image id, test.json with
 * escapes for newline and tab and a trailing newline. Ids have 18 digits, beyond a double's
 * precision, like the real ones.
 */
class Mmsd2ReaderTest {

    @TempDir
    Path temp;

    private static List<SarcasmPost> posts(SampleSet samples) {
        return ((SarcasmSampleSet) samples).posts();
    }

    @Test
    void everyRecordIsASampleAndIdsKeepAllDigits() {
        Mmsd2Reader reader = Mmsd2Reader.builder().optDirectory(MmsdFixture.copy(temp)).build();

        assertThat(posts(reader.read(Split.TRAIN))).extracting(SarcasmPost::id)
                .containsExactlyElementsOf(MmsdFixture.MMSD2_TRAIN);
        assertThat(posts(reader.read(Split.VALIDATION))).extracting(SarcasmPost::id)
                .containsExactlyElementsOf(MmsdFixture.MMSD2_VALIDATION);
        assertThat(posts(reader.read(Split.TEST))).extracting(SarcasmPost::id)
                .containsExactlyElementsOf(MmsdFixture.MMSD2_TEST);
    }

    @Test
    void textsAndLabelsAreTheFilesValues() {
        Mmsd2Reader reader = Mmsd2Reader.builder().optDirectory(MmsdFixture.copy(temp)).build();
        List<SarcasmPost> train = posts(reader.read(Split.TRAIN));
        List<SarcasmPost> validation = posts(reader.read(Split.VALIDATION));
        List<SarcasmPost> test = posts(reader.read(Split.TEST));

        assertThat(train).extracting(SarcasmPost::text).containsExactly(
                "i am guessing # netflix no longer lets you grab screens .",
                "he said \"hi\" and left \\ o / \u2026",
                "emoji \uD83D\uDE02 and caf\u00e9",
                "",
                "the word sarcasm stays : mmsd2 has no filter");
        assertThat(train).extracting(SarcasmPost::label).containsExactly(1, 0, 1, 0, 1);
        assertThat(validation).extracting(SarcasmPost::text).containsExactly(
                "whew ... that extra <num> miles today", "sorry \u00af \\ _ ( \u30c4 ) _ / \u00af");
        assertThat(validation).extracting(SarcasmPost::label).containsExactly(0, 1);
        // Origins are where each object starts.
        assertThat(validation).extracting(SarcasmPost::origin).satisfiesExactly(
                origin -> assertThat(origin).endsWith("valid.json:2"),
                origin -> assertThat(origin).endsWith("valid.json:8"));
        assertThat(test.get(0).text()).isEqualTo("line one\nline two\ttab");
    }

    @Test
    void samplesDecodeTheSharedImages() {
        Mmsd2Reader reader = Mmsd2Reader.builder().optDirectory(MmsdFixture.copy(temp)).build();
        Sample sample = reader.read(Split.VALIDATION).get(1);

        assertThat(sample.id()).isEqualTo("915657464401580033");
        assertThat(sample.target(SarcasmReader.LABEL, Integer.class)).isEqualTo(1);
        BufferedImage image = (BufferedImage) sample.input(SarcasmReader.IMAGE, Image.class)
                .getWrappedImage();
        int expected = MmsdFixture.right("915657464401580033");
        int actual = image.getRGB(12, 3);
        for (int shift = 0; shift <= 16; shift += 8) {
            assertThat(Math.abs((actual >> shift & 0xFF) - (expected >> shift & 0xFF)))
                    .isLessThanOrEqualTo(12);
        }
    }

    @Test
    void textJsonCleanIsReadWithItsExtraField() throws IOException {
        Path directory = MmsdFixture.copy(temp);
        Path clean = Files.createDirectories(directory.resolve("text_json_clean"));
        Files.writeString(clean.resolve("test.json"), "[{\"image_id\": 930000000000000001,"
                + " \"text\": \"a  # b \", \"label\": 0, \"1\": \"a  # b\"}]");
        Mmsd2Reader reader = Mmsd2Reader.builder().optDirectory(directory)
                .optSplitFile(Split.TEST, "text_json_clean/test.json").build();

        assertThat(posts(reader.read(Split.TEST))).extracting(SarcasmPost::text)
                .containsExactly("a  # b ");
    }

    @Test
    void malformedRecordsNameTheFileAndTheLine() throws IOException {
        String ok = "{\"image_id\": 1, \"text\": \"t\", \"label\": 0},\n";
        assertJsonError("[" + ok + ok.replace("1,", "2,").replace("0}", "2}") + "]",
                ":2: record 2 (image_id 2) has \"label\": 2; expected 0 (not sarcastic) or 1"
                        + " (sarcastic)");
        assertJsonError("[" + ok + "{\"image_id\": 2, \"text\": \"t\", \"label\": \"1\"}]",
                ":2: record 2 (image_id 2) has \"label\": \"1\"");
        assertJsonError("[" + ok + "{\"image_id\": 2, \"label\": 1}]",
                ":2: record 2 (image_id 2) has no field \"text\"; expected the tweet text");
        assertJsonError("[" + ok + "{\"image_id\": 2.5, \"text\": \"t\", \"label\": 1}]",
                ":2: record 2 has \"image_id\": 2.5; expected the tweet id as an integer");
        assertJsonError("[" + ok + "{\"text\": \"t\", \"label\": 1}]",
                ":2: record 2 has no field \"image_id\"");
        assertJsonError("[" + ok + "{\"image_id\": \"../x\", \"text\": \"t\", \"label\": 1}]",
                ":2: record 2: the id '../x' is not a plain file name");
        assertJsonError("[" + ok + ok + "]", ":2: image_id 1 is also at ");
        assertJsonError("[" + ok + "[1, \"t\", 0]]", ":2: record 2 is an array; expected an"
                + " object");
        assertJsonError("{\"image_id\": 1}", ":1: expected a JSON array of {\"image_id\","
                + " \"text\", \"label\"} objects, found an object");
        assertJsonError("[" + ok + "{\"image_id\": 2, \"text\": \"t\n", ":2: not valid JSON");
        assertJsonError("[" + ok.replace("},\n", "}]\n") + "[]",
                ":2: expected the end of the file after the array");
        // A trailing comma is not JSON, as in Python.
        assertJsonError("[" + ok + "]", ":2: not valid JSON");
    }

    @Test
    void aMissingImageNamesThePostAndTheFile() throws IOException {
        Path directory = MmsdFixture.copy(temp);
        Path image = directory.resolve("dataset_image/930000000000000001.jpg");
        Files.delete(image);
        SampleSet test = Mmsd2Reader.builder().optDirectory(directory).build().read(Split.TEST);

        assertThatThrownBy(() -> test.get(0))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("post 930000000000000001 (" + directory.resolve(
                        "text_json_final/test.json") + ":1)")
                .hasMessageContaining("there is no file " + image)
                .hasMessageContaining(SarcasmReader.MMSD2_DOWNLOAD);
    }

    private void assertJsonError(String json, String expected) throws IOException {
        Path directory = temp.resolve("case" + Math.abs(json.hashCode()));
        Files.createDirectories(directory.resolve("dataset_image"));
        Path file = Files.createDirectories(directory.resolve("text_json_final"))
                .resolve("train.json");
        Files.writeString(file, json);
        Mmsd2Reader reader = Mmsd2Reader.builder().optDirectory(directory)
                .optNoSplit(Split.VALIDATION).optNoSplit(Split.TEST).build();

        assertThatThrownBy(() -> reader.read(Split.TRAIN))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining(file + expected);
    }
}
