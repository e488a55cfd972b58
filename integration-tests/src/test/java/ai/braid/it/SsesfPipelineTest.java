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
 * SSESF through {@code bin/braid} on a small diagnostic sarcasm set: real Tesseract OCR of the
 * rendered images, the multiway fusion, cross-entropy + SupCon under MGDA, its attention maps,
 * a prediction from the checkpoint, a run started from this one ({@code train.init}), the int8
 * export, and a configuration mistake.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SsesfPipelineTest {

    private static final String PIPELINE = "pipelines/ssesf-sarcasm.yaml";
    private static final String[] SMALL = {"--set", "train.epochs=1", "--set",
        "train.device=cpu", "--set", "data.trainSize=192", "--set", "data.validationSize=32",
        "--set", "data.testSize=32", "--set", "fusion.layers=2", "--set", "train.batch=32"};
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path temp;

    private static Path run;
    private static Braid.Result trained;

    @BeforeAll
    static void train() throws Exception {
        run = temp.resolve("run");
        trained = Braid.braidWithin(600, args("train", PIPELINE, "--out", run.toString()));
    }

    private static String[] args(String... first) {
        return Braid.followedBy(first, SMALL);
    }

    @Test
    @Order(1)
    void trainingReportsAccuracyAndF1AndDrawsTheAttentionOfTheFusion() throws Exception {
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        assertThat(trained.err()).contains("extracted 'ocr' from 'image'");
        JsonNode test = JSON.readTree(run.resolve("report.json").toFile()).at("/metrics/test");
        for (String metric : List.of("accuracy", "f1", "precision", "recall", "macro_f1")) {
            assertThat(test.has(metric)).as(metric).isTrue();
        }
        // two test samples per class, each with the image, text and OCR panels
        BufferedImage attention = ImageIO.read(run.resolve("plots/attention-0.png").toFile());
        assertThat(attention.getWidth()).isEqualTo(960);
        assertThat(run.resolve("plots/attention-3.png")).isRegularFile();
    }

    @Test
    @Order(2)
    void predictReadsTheTextInsideAnImageAndNamesAClass() throws Exception {
        Path image = temp.resolve("sample.png");
        Braid.Result exported = Braid.run(List.of("java", "-cp",
                Braid.HOME.resolve("plugins/ssesf") + "/*:"
                        + Braid.HOME.resolve("runtime/target/lib") + "/*",
                "ai.braid.plugin.ssesf.data.diagnostic.DiagnosticExport",
                "--out", temp.resolve("export").toString(), "--count", "2"), 120);
        assertThat(exported.exitCode()).as(exported.err()).isZero();
        try (var files = Files.list(temp.resolve("export"))) {
            Path png = files.filter(p -> p.toString().endsWith(".png")).findFirst()
                    .orElseThrow();
            Files.copy(png, image);
        }
        Path input = Files.writeString(temp.resolve("posts.jsonl"),
                "{\"id\": \"post\", \"image\": \"" + image + "\", \"text\": \"what a lovely day\"}\n");

        Braid.Result result = Braid.braid(args("predict", PIPELINE, "--checkpoint",
                run.toString(), "--input", input.toString()));

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode prediction = JSON.readTree(result.out().lines().findFirst().orElseThrow());
        assertThat(prediction.get("id").asText()).isEqualTo("post");
        assertThat(prediction.get("label").asText()).isIn("not sarcastic", "sarcastic");
    }

    @Test
    @Order(3)
    void aRunStartsFromThisOneAndItsInt8ExportIsSmaller() throws Exception {
        Path started = temp.resolve("started");
        Braid.Result result = Braid.braid(Braid.followedBy(args("train", PIPELINE, "--out",
                started.toString()), new String[] {"--set", "train.epochs=0", "--set",
                    "train.init=" + run}));
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("train.init: copied");

        Path exported = temp.resolve("int8");
        Braid.Result quantized = Braid.braid(args("quantize", PIPELINE, "--checkpoint",
                run.toString(), "--out", exported.toString()));
        assertThat(quantized.exitCode()).as(quantized.err()).isZero();
        JsonNode summary = JSON.readTree(quantized.out().lines()
                .reduce((first, second) -> second).orElseThrow());
        assertThat(summary.at("/int8/bytes").asLong())
                .isLessThan(summary.at("/float/bytes").asLong());
        assertThat(summary.at("/int8/metrics/test/accuracy").isNumber()).isTrue();
    }

    @Test
    @Order(4)
    void anExpertForAModalityThePipelineLacksIsRefusedWithTheYamlPath() throws Exception {
        Braid.Result result = Braid.braid("validate", PIPELINE, "--set",
                "fusion.experts={image: vision, text: language, ocr: semantics, audio: sound}");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("fusion.experts").contains("audio");
    }
}
