package ai.braid.plugin.ssesf.data.diagnostic;

import static org.assertj.core.api.Assertions.assertThat;

import ai.braid.api.data.Split;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export writes the reader's own samples: same ids, texts and pixels. */
class DiagnosticExportTest {

    @TempDir
    Path directory;

    @Test
    void writesPngsAndJsonLinesOfTheReadersSamples() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = DiagnosticExport.execute(new String[] {"--out", directory.toString(),
            "--seed", "4", "--count", "6", "--split", "validation", "--train-size", "30",
            "--validation-size", "10", "--test-size", "10", "--text-in-image", "0.5"},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        SarcasmEmojiReader reader = SarcasmEmojiReader.builder().optSeed(4).optSizes(30, 10, 10)
                .optTextInImage(0.5).build();
        List<SarcasmSample> samples = reader.samples(Split.VALIDATION);
        List<String> lines = Files.readAllLines(directory.resolve("samples.jsonl"));
        assertThat(lines).hasSize(6);
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = json.readTree(lines.get(i));
            SarcasmSample sample = samples.get(i);
            assertThat(line.get("id").asText()).isEqualTo(sample.id());
            assertThat(line.get("text").asText()).isEqualTo(sample.text());
            assertThat(line.get("textInput").asText()).isEqualTo(sample.textInput());
            assertThat(line.get("textInImage").asBoolean()).isEqualTo(sample.textInImage());
            assertThat(line.get("label").asInt()).isEqualTo(sample.label());
            assertThat(line.get("textPolarity").asText())
                    .isEqualTo(sample.textPolarity().label());
            assertThat(line.get("imagePolarity").asText())
                    .isEqualTo(sample.imagePolarity().label());
            BufferedImage written = ImageIO.read(
                    directory.resolve(line.get("image").asText()).toFile());
            BufferedImage expected = reader.image(sample);
            assertThat(written.getRGB(0, 0, 128, 128, null, 0, 128))
                    .isEqualTo(expected.getRGB(0, 0, 128, 128, null, 0, 128));
        }
    }

    @Test
    void badOptionsExitWithTwoAndTheUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8);

        assertThat(DiagnosticExport.execute(new String[] {"--count", "3"}, out, errors))
                .isEqualTo(2);
        assertThat(DiagnosticExport.execute(new String[] {"--out", directory.toString(),
            "--split", "dev"}, out, errors)).isEqualTo(2);
        assertThat(DiagnosticExport.execute(new String[] {"--out", directory.toString(),
            "--count", "2000"}, out, errors)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--out is required")
                .contains("--split is 'dev'")
                .contains("more than the 1000 samples of test")
                .contains("usage: DiagnosticExport");
    }
}
