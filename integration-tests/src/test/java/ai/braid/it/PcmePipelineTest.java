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
 * PCME on the real emoji data through {@code bin/braid}: two epochs of pipelines/pcme-emoji.yaml
 * (about a minute), its retrieval metrics and figures, a text and an image query answered by
 * {@code predict} from the checkpoint, and the errors a user meets.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PcmePipelineTest {

    private static final String PIPELINE = "pipelines/pcme-emoji.yaml";
    private static final String[] SMALL = {"--set", "train.epochs=2", "--set",
        "train.device=cpu"};
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path temp;

    private static Path run;
    private static Braid.Result trained;

    @BeforeAll
    static void train() throws Exception {
        run = temp.resolve("run");
        // about 45 s on a quiet machine
        trained = Braid.braidWithin(600, args("train", PIPELINE, "--out", run.toString()));
    }

    private static String[] args(String... first) {
        return Braid.followedBy(first, SMALL);
    }

    @Test
    @Order(1)
    void trainingRanksTheTestSplitWellAboveChanceAndDrawsItsFigures() throws Exception {
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        JsonNode test = JSON.readTree(run.resolve("report.json").toFile()).at("/metrics/test");
        // The test split has 199 images and 625 captions (about 3.1 per image). By chance a
        // caption finds its image in the top K with probability K / 199, and an image finds one
        // of its captions with probability about 1 - (1 - 3.1 / 625)^K: an rsum of about 0.16.
        assertThat(test.get("rsum").asDouble()).isGreaterThan(0.32);
        for (String metric : List.of("recall@1_i2t", "recall@10_t2i", "r_precision_i2t",
                "map@r_t2i", "pmrp_i2t", "pmrp_t2i", "sigma_failure_corr_t2i")) {
            assertThat(test.has(metric)).as(metric).isTrue();
        }
        for (String figure : List.of("uncertainty-recall.png", "embeddings-2d.png")) {
            BufferedImage image = ImageIO.read(run.resolve("plots").resolve(figure).toFile());
            assertThat(image.getWidth()).as(figure).isPositive();
        }
        assertThat(run.resolve("plots/embeddings.ndlist")).isRegularFile();
    }

    @Test
    @Order(2)
    void predictAnswersATextWithImagesAndAnImageWithTexts() throws Exception {
        Path heart = Braid.HOME.resolve(
                "data/emoji/emoji-datasource-google/img/google/64/2764-fe0f.png");
        Path input = Files.writeString(temp.resolve("queries.jsonl"),
                "{\"id\": \"words\", \"text\": \"red heart\"}\n"
                        + "{\"id\": \"picture\", \"image\": \"" + heart + "\"}\n");

        Braid.Result result = Braid.braid(args("predict", PIPELINE, "--checkpoint",
                run.toString(), "--input", input.toString()));

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode words = JSON.readTree(lines.get(0));
        assertThat(words.get("id").asText()).isEqualTo("words");
        assertThat(words.get("query").asText()).isEqualTo("text");
        assertThat(words.get("uncertainty").asDouble()).isPositive();
        JsonNode images = words.get("results");
        assertThat(images.size()).isEqualTo(10);
        assertThat(images.get(0).get("rank").asInt()).isEqualTo(1);
        assertThat(images.get(0).at("/image/id").asText()).isNotBlank();
        assertThat(images.get(0).get("score").asDouble())
                .isGreaterThanOrEqualTo(images.get(9).get("score").asDouble());
        JsonNode picture = JSON.readTree(lines.get(1));
        assertThat(picture.get("query").asText()).isEqualTo("image");
        assertThat(picture.get("results").get(0).at("/text/text").asText()).isNotBlank();
    }

    @Test
    @Order(3)
    void aQueryWithBothModalitiesExitsTwoNamingIt() throws Exception {
        Path input = Files.writeString(temp.resolve("both.jsonl"),
                "{\"id\": \"both\", \"text\": \"red heart\", \"image\": \"" + Braid.HOME.resolve(
                        "data/emoji/emoji-datasource-google/img/google/64/2764-fe0f.png")
                        + "\"}\n");

        Braid.Result result = Braid.braid(args("predict", PIPELINE, "--checkpoint",
                run.toString(), "--input", input.toString()));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("both").contains("exactly one of");
    }

    @Test
    @Order(4)
    void aFusionThatDropsTheModalitiesTokensIsRefusedByValidate() throws Exception {
        Braid.Result result = Braid.braid("validate", PIPELINE, "--set",
                "fusion={name: concat, dim: 64}");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("fusion: pool");
    }
}
