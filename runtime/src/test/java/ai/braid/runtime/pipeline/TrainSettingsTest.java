package ai.braid.runtime.pipeline;

import static ai.braid.runtime.pipeline.TestPipelines.problems;
import static org.assertj.core.api.Assertions.assertThat;

import ai.braid.api.config.ComponentConfig;
import ai.braid.runtime.BraidRuntime;
import ai.braid.runtime.config.ConfigProblem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainSettingsTest {

    private static final String PIPELINE = """
            name: demo
            task: classification
            data: vectors
            projectors:
              vector: vector-tokens
            fusion: concat
            """;

    @TempDir
    static Path shared;

    private static BraidRuntime runtime;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadRuntime() {
        runtime = TestPipelines.load(shared);
    }

    private TrainSettings train(String yaml, String... overrides) {
        return runtime.resolve(TestPipelines.write(dir, "p.yaml", yaml), List.of(overrides))
                .train();
    }

    @Test
    void everySettingHasADefault() {
        TrainSettings train = train(PIPELINE);

        assertThat(train.epochs()).isEqualTo(10);
        assertThat(train.batch()).isEqualTo(32);
        assertThat(train.seed()).isEqualTo(42L);
        assertThat(train.device()).isEqualTo("auto");
        ComponentConfig config = train.config();
        assertThat(config.component()).isEqualTo("train");
        assertThat(config.yamlPath()).isEqualTo("train");
        assertThat(config.getString("optimizer")).isEqualTo("adamw");
        assertThat(config.getDouble("lr")).isEqualTo(1e-3);
        assertThat(config.getDouble("weightDecay")).isEqualTo(0.01);
        assertThat(config.getInt("warmupSteps")).isZero();
        assertThat(config.getString("schedule")).isEqualTo("cosine");
        assertThat(config.getDouble("clipNorm")).isEqualTo(1.0);
        assertThat(config.getInt("patience")).isZero();
        assertThat(config.getString("selectionMetric")).isEmpty();
        assertThat(config.getString("quantization")).isEqualTo("none");
        assertThat(train.quantizationAware()).isFalse();
        assertThat(train.quantizationScheme()).isEqualTo("per-channel");
        assertThat(config.values()).hasSize(TrainSettings.SCHEMA.options().size());
        assertThat(config.where("epochs")).isEqualTo("train.epochs (default)");
    }

    @Test
    void theFileAndSetOverrideDefaults() {
        TrainSettings train = train(PIPELINE + """
                train:
                  epochs: 3
                  device: cpu
                """, "train.batch=64", "train.lr=2e-5", "train.seed=9223372036854775807");

        assertThat(train.epochs()).isEqualTo(3);
        assertThat(train.device()).isEqualTo("cpu");
        assertThat(train.batch()).isEqualTo(64);
        assertThat(train.config().getDouble("lr")).isEqualTo(2e-5);
        assertThat(train.seed()).isEqualTo(Long.MAX_VALUE);
        assertThat(train.config().where("epochs")).endsWith("p.yaml:8)");
        assertThat(train.config().where("batch")).isEqualTo("train.batch (--set train.batch=64)");
    }

    @Test
    void anUnknownDeviceSuggestsTheNearest() {
        List<ConfigProblem> problems = problems(() -> train(PIPELINE, "train.device=gpuu"));

        assertThat(problems).containsExactly(new ConfigProblem(
                "train.device (--set train.device=gpuu)",
                "unknown value 'gpuu'. Did you mean 'gpu'? Expected one of: auto, cpu, gpu"));
    }

    @Test
    void aBatchOfZeroIsOutOfRange() {
        assertThat(problems(() -> train(PIPELINE, "train.batch=0")))
                .extracting(ConfigProblem::message)
                .containsExactly("expected an integer in [1, 65536], got '0'");
    }

    @Test
    void aMisspeltSettingSuggestsTheNearest() {
        assertThat(problems(() -> train(PIPELINE, "train.epoch=3")))
                .extracting(ConfigProblem::message).singleElement().asString()
                .startsWith("unknown option of 'train' 'epoch'. Did you mean 'epochs'?");
    }

    @Test
    void quantizationAwareTrainingIsAChoiceWithItsScheme() {
        TrainSettings train = train(PIPELINE + """
                train:
                  quantization: int8-aware
                """, "train.quantizationScheme=per-tensor");

        assertThat(train.quantizationAware()).isTrue();
        assertThat(train.quantizationScheme()).isEqualTo("per-tensor");
    }

    @Test
    void anUnknownQuantizationNamesItsPathAndTheChoices() {
        assertThat(problems(() -> train(PIPELINE, "train.quantization=int8-awre")))
                .containsExactly(new ConfigProblem(
                        "train.quantization (--set train.quantization=int8-awre)",
                        "unknown value 'int8-awre'. Did you mean 'int8-aware'? Expected one of:"
                                + " none, int8-aware"));
        assertThat(problems(() -> train(PIPELINE, "train.quantizationScheme=per-row")))
                .extracting(ConfigProblem::message).singleElement().asString()
                .contains("Expected one of: per-channel, per-tensor");
    }
}
