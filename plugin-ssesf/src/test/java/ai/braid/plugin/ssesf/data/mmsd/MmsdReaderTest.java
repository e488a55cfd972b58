package ai.braid.plugin.ssesf.data.mmsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import ai.braid.api.data.Sample;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.api.data.TargetSpec;
import ai.braid.plugin.ssesf.data.mmsd.KeywordFilter.Rule;
import ai.djl.modality.cv.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads the MMSD fixture under src/test/resources/mmsd/text/, written in the released format:
 * train.txt with CRLF line endings like the real file, one line per odd case (quotes of both
 * kinds, escapes, raw and escaped emoji, an empty text, every filter keyword, keywords inside
 * bigger words and in capitals); valid2.txt with LF endings, a whitespace-only line, two
 * trailing blank lines and labels that disagree; test2.txt with mixed endings and no final
 * newline.
 */
class MmsdReaderTest {

    @TempDir
    Path temp;

    private MmsdReader reader(Path directory, KeywordFilter filter) {
        return MmsdReader.builder().optDirectory(directory).optKeywordFilter(filter).build();
    }

    private static List<String> ids(SampleSet samples) {
        // From the posts: building samples would decode images, which dropped posts lack.
        return posts(samples).stream().map(SarcasmPost::id).toList();
    }

    private static List<SarcasmPost> posts(SampleSet samples) {
        return ((SarcasmSampleSet) samples).posts();
    }

    @Test
    void theFixtureKeepsItsLineEndings() throws IOException {
        String train = Files.readString(MmsdFixture.resources().resolve("text/train.txt"));
        String valid = Files.readString(MmsdFixture.resources().resolve("text/valid2.txt"));
        String test = Files.readString(MmsdFixture.resources().resolve("text/test2.txt"));

        assertThat(train.split("\r\n", -1)).hasSize(27).endsWith("");
        assertThat(train.replace("\r\n", "")).doesNotContain("\n", "\r");
        assertThat(valid).doesNotContain("\r").endsWith("]\n\n\n");
        assertThat(test).contains("]\r\n['301'", "]\n['302'").endsWith("]");
    }

    @Test
    void theAuthorsFilterKeepsPostsWithoutAKeywordToken() {
        MmsdReader reader = reader(MmsdFixture.copy(temp), KeywordFilter.mmsd());

        assertThat(ids(reader.read(Split.TRAIN))).containsExactlyElementsOf(
                MmsdFixture.MMSD_TRAIN);
        assertThat(ids(reader.read(Split.VALIDATION))).containsExactlyElementsOf(
                MmsdFixture.MMSD_VALIDATION);
        assertThat(ids(reader.read(Split.TEST))).containsExactlyElementsOf(
                MmsdFixture.MMSD_TEST);
    }

    @Test
    void theOtherRulesKeepFewerOrAllPosts() {
        Path directory = MmsdFixture.copy(temp);
        MmsdReader substrings = reader(directory,
                KeywordFilter.of(Rule.SUBSTRINGS, KeywordFilter.MMSD_KEYWORDS));
        MmsdReader none = reader(directory, KeywordFilter.none());

        // 121-126 hide a keyword inside a word, in capitals, glued to '…' or behind a tab
        // or a no-break space; only the last two are tokens.
        assertThat(ids(substrings.read(Split.TRAIN))).containsExactly("100", "101", "102",
                "103", "104", "105", "106", "107", "108");
        assertThat(none.read(Split.TRAIN).size()).isEqualTo(26);
        assertThat(ids(none.read(Split.VALIDATION))).containsExactly("200", "201", "202", "203");
        assertThat(substrings.read(Split.VALIDATION).size()).isEqualTo(3);
    }

    @Test
    void textsArePythonsValues() {
        List<SarcasmPost> train = posts(reader(MmsdFixture.copy(temp), KeywordFilter.mmsd())
                .read(Split.TRAIN));

        assertThat(train).extracting(SarcasmPost::text).containsExactly(
                "plain text with <user> and # hashtag",
                "won 't it ? pic credit - <user>",
                "asked why he didn 't , he said \" so the number <num> \" # superstition",
                "if only ... .\n.\n. # firstdate",
                "sorry <user> \u00af \\ _ ( \u30c4 ) _ / \u00af emoji_15",
                "\u2060 \u2060 it 's a # fight\u00a0done",
                "emoji \uD83D\uDE02 raw , \uD83D\uDE00 escaped , \uD83D\uDE0D paired",
                "",
                "octal AB tab\there \u2022 and unknown \\d escape",
                "my # myquotesyourlifewithsarcasm tag",
                "SARCASM in capitals , Irony too",
                "link <url>\u2026 glued",
                "a jokester with humorous ironically");
        assertThat(train).extracting(SarcasmPost::label)
                .containsExactly(1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0);
    }

    @Test
    void theLastLabelCountsAndLineNumbersAreKept() {
        MmsdReader reader = reader(MmsdFixture.copy(temp), KeywordFilter.mmsd());
        List<SarcasmPost> validation = posts(reader.read(Split.VALIDATION));
        List<SarcasmPost> test = posts(reader.read(Split.TEST));

        // The hashtag label comes first, the annotator's last: 201 is 1, 0 and 202 is 0, 1.
        assertThat(validation).extracting(SarcasmPost::label).containsExactly(1, 0, 1);
        assertThat(validation.get(2).origin()).endsWith("valid2.txt:4");
        assertThat(test).extracting(SarcasmPost::label).containsExactly(1, 0, 0);
        assertThat(test.get(2).text()).isEqualTo("trailing spaces kept , isn 't it  ");
        assertThat(test.get(2).origin()).endsWith("test2.txt:3");
    }

    @Test
    void samplesCarryTheImageTheTextAndTheLabel() {
        MmsdReader reader = reader(MmsdFixture.copy(temp), KeywordFilter.mmsd());
        Sample sample = reader.read(Split.TRAIN).get(2);

        assertThat(reader.modalities()).extracting(m -> m.modality().name())
                .containsExactly("image", "text");
        assertThat(reader.targets()).containsExactly(
                new TargetSpec("label", List.of("not sarcastic", "sarcastic")));
        assertThat(sample.id()).isEqualTo("102");
        assertThat(sample.input(SarcasmReader.TEXT, String.class)).startsWith("asked why");
        assertThat(sample.target("label", Integer.class)).isZero();
        Image image = sample.input(SarcasmReader.IMAGE, Image.class);
        assertThat(image.getWidth()).isEqualTo(MmsdFixture.WIDTH);
        assertThat(image.getHeight()).isEqualTo(MmsdFixture.HEIGHT);
        BufferedImage pixels = (BufferedImage) image.getWrappedImage();
        assertThat(pixels.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertClose(pixels.getRGB(2, 6), MmsdFixture.LEFT);
        assertClose(pixels.getRGB(13, 6), MmsdFixture.right("102"));
        // Each post decodes its own file.
        BufferedImage other = (BufferedImage) reader.read(Split.TEST).get(0)
                .input(SarcasmReader.IMAGE, Image.class).getWrappedImage();
        assertClose(other.getRGB(13, 6), MmsdFixture.right("300"));
    }

    @Test
    void greyAndTransparentImagesBecomeRgb() throws IOException {
        Path directory = MmsdFixture.copy(temp);
        BufferedImage grey = new BufferedImage(4, 3, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(1, 1, 0, 128);
        ImageIO.write(grey, "png", directory.resolve("dataset_image/100.jpg")
                .toFile());
        BufferedImage clear = new BufferedImage(4, 3, BufferedImage.TYPE_INT_ARGB);
        clear.setRGB(0, 0, 0xFF0000FF);
        // A PNG under a .jpg name: the format is taken from the content.
        ImageIO.write(clear, "png", directory.resolve("dataset_image/101.jpg")
                .toFile());
        SampleSet train = reader(directory, KeywordFilter.mmsd()).read(Split.TRAIN);

        BufferedImage first = (BufferedImage) train.get(0).input(SarcasmReader.IMAGE,
                Image.class).getWrappedImage();
        BufferedImage second = (BufferedImage) train.get(1).input(SarcasmReader.IMAGE,
                Image.class).getWrappedImage();
        assertThat(first.getRGB(1, 1) & 0xFFFFFF).isEqualTo(0x808080);
        assertThat(first.getRGB(0, 0) & 0xFFFFFF).isZero();
        assertThat(second.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0x0000FF);
        assertThat(second.getRGB(3, 2) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    @Test
    void aMissingSplitIsEmptyAndFilesAreParsedOnce() throws IOException {
        Path directory = MmsdFixture.copy(temp);
        MmsdReader reader = MmsdReader.builder().optDirectory(directory)
                .optNoSplit(Split.VALIDATION).build();

        SampleSet train = reader.read(Split.TRAIN);
        Files.delete(directory.resolve("text/train.txt"));

        assertThat(reader.read(Split.VALIDATION).size()).isZero();
        assertThat(reader.read(Split.TRAIN)).isSameAs(train);
    }

    @Test
    void malformedLinesNameTheFileTheLineAndWhatWasExpected() throws IOException {
        assertLineError("['130', 'unterminated, 1]", "column 26: expected the closing '");
        assertLineError("['130', 'text']", "the list has 2 items; expected ['id', 'text',"
                + " label]");
        assertLineError("['130', 'text', 1, 0, 1]", "the list has 5 items");
        assertLineError("['130', 'text', 2]", "label 2 (item 3) is not 0 (not sarcastic) or 1"
                + " (sarcastic)");
        assertLineError("['130', 'text', -1, 1]", "label -1 (item 3) is not 0");
        assertLineError("['130', 'text', '1']", "item 3 is the string '1'; expected a label 0"
                + " (not sarcastic) or 1 (sarcastic) without quotes");
        assertLineError("['130', 7, 1]", "item 2 is 7; expected the text as a string");
        assertLineError("['', 'text', 1]", "the id is empty");
        assertLineError("['../130', 'text', 1]", "is not a plain file name");
        assertLineError("['130', 'bad \\x4 escape', 1]", "column 14: expected 2 hex digits");
        assertLineError("['100', 'a second 100', 1]", "post id '100' is also on line 1; ids"
                + " must be unique within a split");
    }

    @Test
    void anIntegerIdMeansTheSameTweet() throws IOException {
        Path directory = MmsdFixture.copy(temp);
        Files.writeString(directory.resolve("text/test2.txt"), "[300, 'text', 0, 1]\n");

        assertThat(ids(reader(directory, KeywordFilter.mmsd()).read(Split.TEST)))
                .containsExactly("300");
    }

    @Test
    void textThatIsNotUtf8IsNamed() throws IOException {
        Path directory = MmsdFixture.copy(temp);
        Path file = directory.resolve("text/test2.txt");
        byte[] bad = "['300', 'ok', 1, 1]\n['301', 'caf\u00e9', 0, 0]\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, bad);

        assertThatThrownBy(() -> reader(directory, KeywordFilter.mmsd()).read(Split.TEST))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining(file + ":2: not UTF-8");
    }

    @Test
    void aByteOrderMarkIsSkipped() throws IOException {
        Path directory = MmsdFixture.copy(temp);
        Files.writeString(directory.resolve("text/test2.txt"), "\uFEFF['300', 'x', 1, 1]\r\n");

        assertThat(ids(reader(directory, KeywordFilter.mmsd()).read(Split.TEST)))
                .containsExactly("300");
    }

    @Test
    void aMissingImageNamesThePostAndTheFile() throws IOException {
        Path directory = MmsdFixture.copy(temp);
        Path image = directory.resolve("dataset_image/103.jpg");
        Files.delete(image);
        SampleSet train = reader(directory, KeywordFilter.mmsd()).read(Split.TRAIN);

        // Reading the split does not touch images; building the sample does.
        assertThat(train.size()).isEqualTo(13);
        assertThatThrownBy(() -> train.get(3))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("post 103 (" + directory.resolve("text/train.txt") + ":4)")
                .hasMessageContaining("there is no file " + image)
                .hasMessageContaining(SarcasmReader.MMSD_DOWNLOAD);
    }

    @Test
    void aCorruptImageNamesThePostAndTheFile() throws IOException {
        Path directory = MmsdFixture.copy(temp);
        Path garbage = directory.resolve("dataset_image/104.jpg");
        Files.writeString(garbage, "<html>not found</html>");
        Path truncated = directory.resolve("dataset_image/105.jpg");
        byte[] bytes = Files.readAllBytes(truncated);
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 3));
        SampleSet train = reader(directory, KeywordFilter.mmsd()).read(Split.TRAIN);

        assertThatThrownBy(() -> train.get(4))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("post 104")
                .hasMessageContaining("cannot decode its image " + garbage)
                .hasMessageContaining("not a JPEG, PNG, GIF or BMP image");
        assertThatThrownBy(() -> train.get(5))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("post 105")
                .hasMessageContaining("cannot decode its image " + truncated);
    }

    @Test
    void missingFilesSayWhereToGetTheData() throws IOException {
        Path directory = MmsdFixture.copy(temp);
        Files.delete(directory.resolve("text/valid2.txt"));
        MmsdReader reader = reader(directory, KeywordFilter.mmsd());

        assertThatThrownBy(() -> reader.read(Split.TRAIN))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("there is no " + directory.resolve("text/valid2.txt"))
                .hasMessageContaining(SarcasmReader.MMSD_DOWNLOAD);
    }

    private void assertLineError(String line, String expected) throws IOException {
        Path directory = temp.resolve("case" + Math.abs(line.hashCode()));
        Files.createDirectories(directory.resolve("dataset_image"));
        Path file = Files.createDirectories(directory.resolve("text")).resolve("train.txt");
        List<String> lines = new ArrayList<>(List.of("['100', 'fine', 1]", "",
                "['101', 'also fine', 0]"));
        lines.add(line);
        Files.writeString(file, String.join("\r\n", lines) + "\r\n");
        MmsdReader reader = MmsdReader.builder().optDirectory(directory)
                .optNoSplit(Split.VALIDATION).optNoSplit(Split.TEST).build();

        assertThatThrownBy(() -> reader.read(Split.TRAIN))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith(file + ":4: ")
                .hasMessageContaining(expected);
    }

    private static void assertClose(int actual, int expected) {
        for (int shift = 0; shift <= 16; shift += 8) {
            assertThat((actual >> shift) & 0xFF).as("channel at bit %d of %06x", shift, actual)
                    .isCloseTo((expected >> shift) & 0xFF,
                            Offset.offset(12));
        }
    }
}
