package ai.braid.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine on real data through {@code bin/braid}: a small Fashion-MNIST image + text run
 * (late fusion), its checkpoint read back by {@code eval} and {@code predict}, and the errors a
 * user meets on the way. Sizes are cut with --set so the class runs in about a minute.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FashionPipelineTest {

    private static final String PIPELINE = "pipelines/fashion-late.yaml";
    private static final String[] SMALL = {"--set", "data.trainLimit=1500", "--set",
        "data.evalLimit=500", "--set", "train.epochs=2", "--set", "train.device=cpu"};
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path temp;

    private static Path run;
    private static Braid.Result trained;

    @BeforeAll
    static void train() throws Exception {
        run = temp.resolve("run");
        trained = Braid.braid(args("train", PIPELINE, "--out", run.toString()));
    }

    private static String[] args(String... first) {
        return Braid.followedBy(first, SMALL);
    }

    @Test
    @Order(1)
    void trainingWritesResultsWithTestAccuracyFarAboveChance() throws Exception {
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        JsonNode report = JSON.readTree(run.resolve("report.json").toFile());
        // Ten classes: chance is 0.10; the text alone is bounded at 0.65 by construction.
        assertThat(report.at("/metrics/test/accuracy").asDouble()).isGreaterThan(0.6);
        assertThat(report.at("/metrics/validation/accuracy").asDouble()).isGreaterThan(0.6);
        assertThat(report.get("epochs").asInt()).isEqualTo(2);
        List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
        assertThat(lines).anyMatch(line -> line.contains("\"split\":\"train\""))
                .anyMatch(line -> line.contains("\"split\":\"test\""));
        BufferedImage plot = ImageIO.read(run.resolve("plots/loss.png").toFile());
        assertThat(plot.getWidth()).isPositive();
        assertThat(run.resolve("checkpoint/checkpoint.json")).isRegularFile();
        assertThat(run.resolve("resolved.yaml")).content().contains("fashion-mnist");
    }

    @Test
    @Order(2)
    void evalReadsTheCheckpointBackToTheReportedNumbers() throws Exception {
        Braid.Result result = Braid.braid(args("eval", PIPELINE, "--checkpoint",
                run.toString()));

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode evaluated = JSON.readTree(result.out());
        JsonNode report = JSON.readTree(run.resolve("report.json").toFile());
        assertThat(evaluated.at("/test/accuracy").asDouble())
                .isEqualTo(report.at("/metrics/test/accuracy").asDouble());
        assertThat(evaluated.at("/validation/accuracy").asDouble())
                .isEqualTo(report.at("/metrics/validation/accuracy").asDouble());
    }

    @Test
    @Order(3)
    void predictAnswersJsonLinesWithAClassPerSample() throws Exception {
        BufferedImage boot = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 14; y < 27; y++) {
            for (int x = 4; x < 24; x++) {
                boot.getRaster().setSample(x, y, 0, 200);
            }
        }
        ImageIO.write(boot, "png", temp.resolve("boot.png").toFile());
        Path input = Files.writeString(temp.resolve("input.jsonl"),
                "{\"id\": \"a\", \"image\": \"boot.png\", \"text\": \"footwear\"}\n"
                        + "{\"id\": \"b\", \"image\": \"boot.png\", \"text\": \"\"}\n");

        Braid.Result result = Braid.braid(args("predict", PIPELINE, "--checkpoint",
                run.toString(), "--input", input.toString()));

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.get("id").asText()).isEqualTo("a");
        assertThat(first.get("label").asText()).isNotBlank();
        assertThat(first.get("probabilities").size()).isEqualTo(10);
    }

    @Test
    @Order(4)
    void aCorruptImageInPredictInputExitsTwoNamingTheLine() throws Exception {
        Files.writeString(temp.resolve("broken.png"), "not a png");
        Path input = Files.writeString(temp.resolve("bad.jsonl"),
                "{\"id\": \"x\", \"image\": \"broken.png\", \"text\": \"a shirt\"}\n");

        Braid.Result result = Braid.braid(args("predict", PIPELINE, "--checkpoint",
                run.toString(), "--input", input.toString()));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("bad.jsonl:1").contains("broken.png");
    }

    @Test
    @Order(5)
    void trainingAgainIntoTheSameFolderExitsTwoAndKeepsTheRun() throws Exception {
        String before = Files.readString(run.resolve("report.json"));

        Braid.Result result = Braid.braid(args("train", PIPELINE, "--out", run.toString()));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("already holds a run").contains("--resume");
        assertThat(Files.readString(run.resolve("report.json"))).isEqualTo(before);
    }

    @Test
    @Order(6)
    void validateRunsOneBatchThroughTheModel() throws Exception {
        Braid.Result result = Braid.braid("validate", PIPELINE);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("one batch of 2 samples ran")
                .contains("logits (2, 10)");
    }
}
