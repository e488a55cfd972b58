package ai.braid.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The beta-VAE plugin through {@code bin/braid}: a tiny dSprites run with the disentanglement
 * metric and its baselines, pictures, {@code eval} of the checkpoint, the trained encoder
 * reused by another pipeline, and the errors of a mismatched pipeline. Sizes are cut with
 * --set (a narrow model, few images and metric points) so the class runs in about a minute.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BetaVaePipelineTest {

    private static final String PIPELINE = "pipelines/betavae-dsprites.yaml";
    private static final String[] SMALL = {"--set", "data.trainLimit=1024", "--set",
        "data.validation=128", "--set", "data.test=128", "--set", "task.hidden=64", "--set",
        "projectors.image.hidden=64", "--set", "task.metricTrain=200", "--set",
        "task.metricEval=100", "--set", "task.metricPairs=8", "--set", "train.device=cpu"};
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path temp;

    private static Path run;
    private static Braid.Result trained;

    @BeforeAll
    static void train() throws Exception {
        run = temp.resolve("run");
        trained = Braid.braid(args("train", PIPELINE, "--out", run.toString(), "--set",
                "task.metricBaselines=true", "--set", "task.baselineFitImages=300"));
    }

    private static String[] args(String... first) {
        return Braid.followedBy(first, SMALL);
    }

    private static void assertPicture(Path file) throws Exception {
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as(file.toString()).isNotNull();
        assertThat(image.getWidth()).isGreaterThan(100);
    }

    @Test
    @Order(1)
    void trainingScoresDisentanglementAndDrawsTheLatentSpace() throws Exception {
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        JsonNode test = JSON.readTree(run.resolve("report.json").toFile()).at("/metrics/test");
        assertThat(test.get("disentanglement").asDouble()).isBetween(0.0, 1.0);
        assertThat(test.get("baseline/ground_truth").asDouble()).isGreaterThan(0.95);
        assertThat(test.get("baseline/pca").asDouble()).isBetween(0.0, 1.0);
        assertThat(test.get("active_units").asDouble()).isBetween(0.0, 10.0);
        assertThat(JSON.readTree(run.resolve("report.json").toFile()).at("/metrics/validation")
                .has("disentanglement")).isFalse();
        assertPicture(run.resolve("plots/latent-traversals.png"));
        assertPicture(run.resolve("plots/reconstructions.png"));
        assertPicture(run.resolve("plots/kl-per-unit.png"));
    }

    @Test
    @Order(2)
    void evalReproducesTheReportedScoreAndRedrawsThePictures() throws Exception {
        Path figures = temp.resolve("figures");
        Braid.Result result = Braid.braid(args("eval", PIPELINE, "--checkpoint",
                run.resolve("checkpoint").toString(), "--figures", figures.toString(),
                "--set", "task.metricBaselines=true", "--set", "task.baselineFitImages=300"));
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode evaluated = JSON.readTree(result.out());
        JsonNode reported = JSON.readTree(run.resolve("report.json").toFile());
        assertThat(evaluated.at("/test/disentanglement").asDouble())
                .isEqualTo(reported.at("/metrics/test/disentanglement").asDouble());
        assertPicture(figures.resolve("latent-traversals.png"));
    }

    @Test
    @Order(3)
    void theTrainedEncoderServesAnotherPipelineFrozen() throws Exception {
        Path probe = temp.resolve("probe");
        Braid.Result result = Braid.braid("train", "pipelines/betavae-shape-probe.yaml",
                "--out", probe.toString(), "--set", "projectors.image.init=" + run,
                "--set", "projectors.image.hidden=64", "--set", "data.trainLimit=512",
                "--set", "data.validation=128", "--set", "data.test=128",
                "--set", "train.epochs=1", "--set", "train.device=cpu");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("not trained");
        JsonNode report = JSON.readTree(probe.resolve("report.json").toFile());
        assertThat(report.at("/metrics/test/accuracy").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    @Order(4)
    void aTaskWhoseLatentDiffersFromTheEncodersExitsTwoNamingTheOption() throws Exception {
        Braid.Result result = Braid.braid("validate", PIPELINE, "--set", "task.latent=6");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("task.latent").contains("fusion: pool");
    }

    @Test
    @Order(5)
    void theFashionPipelineRunsOneBatch() throws Exception {
        Braid.Result result = Braid.braid("validate", "pipelines/betavae-fashion.yaml");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("reconstruction (2, 1024)");
    }
}
