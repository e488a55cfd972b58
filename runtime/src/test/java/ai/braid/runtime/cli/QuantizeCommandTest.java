package ai.braid.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code braid quantize} as the command line runs it, over the test-fixtures components. */
class QuantizeCommandTest {

    private static final String PIPELINE = "name: vectors-cli\n"
            + "task: classification\n"
            + "data: {reader: vectors, size: 16, length: 4}\n"
            + "projectors:\n  vector: vector-tokens\n"
            + "fusion: {name: concat, dim: 8}\n"
            + "train: {epochs: 1, batch: 8, seed: 3, device: cpu}\n";

    @TempDir
    Path dir;

    /** What a command printed and returned. */
    private record Result(int exitCode, String out, String err) {}

    private Result braid(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Result(code, stdout.toString(StandardCharsets.UTF_8),
                    stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private String[] command(String name, String... rest) throws IOException {
        Path pipeline = dir.resolve("pipeline.yaml");
        if (!Files.exists(pipeline)) {
            Files.writeString(pipeline, PIPELINE);
        }
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        String[] head = {name, pipeline.toString(), "--plugins-dir", plugins.toString()};
        String[] all = new String[head.length + rest.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(rest, 0, all, head.length, rest.length);
        return all;
    }

    @Test
    void aMissingCheckpointExitsTwoAndSaysWhatToGive() throws IOException {
        Result result = braid(command("quantize", "--checkpoint",
                dir.resolve("none").toString(), "--out", dir.resolve("int8").toString()));

        assertThat(result.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(result.err()).contains("--checkpoint " + dir.resolve("none")
                + ": no checkpoint there; give the --out folder of braid train");
        assertThat(dir.resolve("int8")).doesNotExist();
    }

    @Test
    void anExistingOutputExitsTwoAndIsLeftAlone() throws IOException {
        Path out = Files.writeString(dir.resolve("int8"), "not a folder");

        Result result = braid(command("quantize", "--checkpoint",
                dir.resolve("none").toString(), "--out", out.toString()));

        assertThat(result.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(result.err()).contains("--out " + out + " already exists")
                .contains("nothing was overwritten");
        assertThat(out).hasContent("not a folder");
    }

    @Test
    void aMissingOutOptionIsAUsageError() throws IOException {
        Result result = braid(command("quantize", "--checkpoint", dir.toString()));

        assertThat(result.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(result.err()).contains("--out");
    }

    @Test
    void printsFloatAndInt8SizesAndMetricsAsOneJsonLine() throws IOException {
        Path run = dir.resolve("run");
        assertThat(braid(command("train", "--out", run.toString())).exitCode()).isZero();
        Path out = dir.resolve("int8");

        Result result = braid(command("quantize", "--checkpoint", run.toString(),
                "--out", out.toString()));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().strip()).doesNotContain("\n");
        JsonNode summary = new ObjectMapper().readTree(result.out());
        for (String model : new String[] {"float", "int8"}) {
            assertThat(summary.get(model).get("bytes").asLong()).as(model).isPositive();
            assertThat(summary.get(model).get("metrics").get("test").has("accuracy"))
                    .as(model).isTrue();
        }
        assertThat(summary.get("int8").get("bytes").asLong())
                .isEqualTo(Files.size(out.resolve("model.int8.ndlist")));
        assertThat(summary.get("scheme").asText()).isEqualTo("per-channel");
        assertThat(result.err()).contains("braid quantize:").contains("int8  test");
    }
}
