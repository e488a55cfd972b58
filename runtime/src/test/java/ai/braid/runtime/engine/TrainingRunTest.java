package ai.braid.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.UserInputException;
import ai.braid.runtime.engine.checkpoint.CheckpointStore;
import ai.braid.runtime.engine.data.PipelineData;
import ai.braid.runtime.pipeline.AssembledPipeline;
import ai.braid.runtime.report.MetricRecord;
import ai.braid.runtime.report.MetricsLog;
import ai.braid.runtime.report.RunReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingRunTest {

    @TempDir
    Path dir;

    private RunReport train(Path out, boolean resume, String... overrides) {
        return new TrainingRun(EnginePipelines.assemble(dir, EnginePipelines.vectors(24, 4, 8,
                ""), overrides), out, dir.resolve("cache"), resume).run();
    }

    @Test
    void writesMetricsReportCheckpointAndPlots() throws IOException {
        Path out = dir.resolve("run");
        RunReport report = train(out, false);

        List<MetricRecord> records = MetricsLog.readAll(MetricsLog.file(out));
        assertThat(records).extracting(MetricRecord::split)
                .contains("train", "validation", "test");
        assertThat(records.stream().filter(r -> r.split().equals("validation")))
                .extracting(MetricRecord::epoch).containsExactly(1, 2, 3, 4);
        List<MetricRecord> trained = records.stream()
                .filter(r -> r.split().equals("train")).toList();
        assertThat(trained.get(trained.size() - 1).value("loss"))
                .isLessThan(trained.get(0).value("loss"));
        assertThat(report.steps()).isEqualTo(4 * 3);
        assertThat(report.metrics()).containsOnlyKeys("validation", "test");
        assertThat(report.metrics().get("test")).containsKeys("accuracy", "loss");
        assertThat(Files.readString(out.resolve("report.json"))).contains("\"accuracy\"");
        assertThat(out.resolve("plots/loss.png")).isNotEmptyFile();
        assertThat(out.resolve("plots/accuracy.png")).isNotEmptyFile();
        assertThat(out.resolve("resolved.yaml")).content().contains("vector-tokens");
        Path best = CheckpointStore.resolve(out);
        assertThat(best.getFileName().toString())
                .isEqualTo(String.format("epoch-%04d", report.bestEpoch()));
    }

    @Test
    void theBestCheckpointReadsBackToTheReportedNumbers() {
        Path out = dir.resolve("run");
        RunReport report = train(out, false);

        AssembledPipeline pipeline = EnginePipelines.assemble(dir,
                EnginePipelines.vectors(24, 4, 8, ""));
        PipelineData data = PipelineData.load(pipeline, dir.resolve("cache"));
        try (TrainedModel model = TrainedModel.load(pipeline, out, data)) {
            Map<String, Map<String, Double>> evaluated = model.evaluate(data);
            assertThat(evaluated.get("test").get("accuracy"))
                    .isEqualTo(report.metrics().get("test").get("accuracy"));
            assertThat(evaluated.get("test").get("loss"))
                    .isCloseTo(report.metrics().get("test").get("loss"), within(1e-6));
        }
    }

    @Test
    void aResumedRunContinuesTheSameLossCurve() throws IOException {
        // A constant rate makes a 2-epoch run the first half of a 4-epoch one, so resuming it
        // for 2 more epochs must retrace the uninterrupted run: parameters, optimizer moments,
        // step and random state all come from the checkpoint.
        Path whole = dir.resolve("whole");
        train(whole, false, "train.schedule=constant");
        Path resumed = dir.resolve("resumed");
        train(resumed, false, "train.schedule=constant", "train.epochs=2");
        train(resumed, true, "train.schedule=constant", "train.epochs=4");

        List<MetricRecord> expected = MetricsLog.readAll(MetricsLog.file(whole));
        List<MetricRecord> actual = MetricsLog.readAll(MetricsLog.file(resumed));
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            MetricRecord want = expected.get(i);
            MetricRecord got = actual.get(i);
            assertThat(got.step()).isEqualTo(want.step());
            assertThat(got.split()).isEqualTo(want.split());
            for (String name : want.values().keySet()) {
                assertThat(got.value(name)).as("%s at step %d (%s)", name, want.step(),
                        want.split()).isCloseTo(want.value(name), within(1e-6));
            }
        }
    }

    @Test
    void mgdaWeighsTwoObjectivesWithComplementaryWeightsEachStep() throws IOException {
        Path out = dir.resolve("mgda");
        new TrainingRun(EnginePipelines.assemble(dir, EnginePipelines.vectors(24, 2, 8,
                "objectives:\n  - {name: cross-entropy}\n  - {name: supcon}\n"
                        + "weighting: mgda\n")), out, dir.resolve("cache"), false).run();

        List<MetricRecord> trained = MetricsLog.readAll(MetricsLog.file(out)).stream()
                .filter(r -> r.split().equals("train")).toList();
        assertThat(trained).isNotEmpty();
        for (MetricRecord record : trained) {
            double first = record.value("weight/cross-entropy");
            double second = record.value("weight/supcon");
            assertThat(first).isBetween(0.001, 0.999);
            assertThat(first + second).isCloseTo(1.0, within(1e-9));
            assertThat(record.value("loss/supcon")).isFinite();
        }
    }

    @Test
    void zeroEpochsEvaluateCheckpointAndReportTheUntrainedModelAsEpochZero() throws IOException {
        Path out = dir.resolve("untrained");
        RunReport report = train(out, false, "train.epochs=0");

        assertThat(report.epochs()).isZero();
        assertThat(report.steps()).isZero();
        assertThat(report.bestEpoch()).isZero();
        assertThat(report.metrics()).containsOnlyKeys("validation", "test");
        List<MetricRecord> records = MetricsLog.readAll(MetricsLog.file(out));
        assertThat(records).extracting(MetricRecord::split)
                .containsExactly("validation", "test");
        assertThat(records).extracting(MetricRecord::epoch).containsOnly(0);
        assertThat(records).extracting(MetricRecord::step).containsOnly(0L);
        assertThat(CheckpointStore.resolve(out).getFileName().toString())
                .isEqualTo("epoch-0000");
        AssembledPipeline pipeline = EnginePipelines.assemble(dir,
                EnginePipelines.vectors(24, 4, 8, ""));
        PipelineData data = PipelineData.load(pipeline, dir.resolve("cache"));
        try (TrainedModel model = TrainedModel.load(pipeline, out, data)) {
            assertThat(model.evaluate(data).get("test").get("loss"))
                    .isCloseTo(report.metrics().get("test").get("loss"), within(1e-6));
        }

        // Resumed for two epochs, it trains from the untrained checkpoint exactly as a fresh
        // two-epoch run does from the same seed.
        train(out, true, "train.epochs=2");
        Path fresh = dir.resolve("fresh");
        train(fresh, false, "train.epochs=2");
        List<MetricRecord> expected = MetricsLog.readAll(MetricsLog.file(fresh));
        List<MetricRecord> actual = MetricsLog.readAll(MetricsLog.file(out)).stream()
                .filter(record -> record.epoch() > 0).toList();
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).step()).isEqualTo(expected.get(i).step());
            assertThat(actual.get(i).value("loss")).isCloseTo(expected.get(i).value("loss"),
                    within(1e-6));
        }
    }

    @Test
    void theTaskDrawsItsFiguresOfTheBestModelAfterTrainingAndForEval() throws IOException {
        String yaml = EnginePipelines.vectors(24, 3, 8, "");
        Path out = dir.resolve("drawn");
        RunReport report = new TrainingRun(EnginePipelines.drawing(dir, yaml), out,
                dir.resolve("cache"), false).run();
        assertThat(report.bestEpoch()).as("a best epoch before the last, so the run must"
                + " load it to draw").isLessThan(report.epochs());

        assertThat(out.resolve("plots/logits.png")).isNotEmptyFile();
        AssembledPipeline pipeline = EnginePipelines.drawing(dir, yaml);
        PipelineData data = PipelineData.load(pipeline, dir.resolve("cache"));
        Path figures = dir.resolve("figures");
        try (TrainedModel model = TrainedModel.load(pipeline, out, data)) {
            model.drawFigures(figures, data);
        }
        assertThat(figures.resolve("logits.png")).isNotEmptyFile();
        // Eval loads the best checkpoint: the run drew the same model.
        assertThat(figures.resolve("logits.txt")).content()
                .isEqualTo(Files.readString(out.resolve("plots/logits.txt")));
    }

    @Test
    void aTransformerFusionDrawsThePooledAttentionOfTwoTestSamplesPerClass() {
        for (String pooling : List.of("cls", "mean")) {
            Path out = dir.resolve("attention-" + pooling);
            new TrainingRun(EnginePipelines.assemble(dir, EnginePipelines.vectors(48, 1, 8, ""),
                    "data.classes=2", "fusion={name: transformer, dim: 16, layers: 2, heads: 2,"
                            + " ffnDim: 32, pooling: " + pooling + "}"), out,
                    dir.resolve("cache"), false).run();

            assertThat(out.resolve("plots/attention-0.png")).as(pooling).isNotEmptyFile();
            assertThat(out.resolve("plots/attention-3.png")).as(pooling).isNotEmptyFile();
            assertThat(out.resolve("plots/attention-4.png")).as(pooling).doesNotExist();
        }
    }

    @Test
    void modalityEmbeddingsTrainACrossModalContrastNextToCrossEntropy() {
        RunReport report = new TrainingRun(EnginePipelines.assemble(dir,
                EnginePipelines.vectors(24, 1, 8, ""),
                "fusion={name: transformer, dim: 16, layers: 1, heads: 2, ffnDim: 32}",
                "task.modalityEmbeddings=true",
                "objectives=[{name: cross-entropy}, {name: info-nce, a: embedding.vector,"
                        + " b: embedding.mirror}]"), dir.resolve("contrast"),
                dir.resolve("cache"), false).run();

        assertThat(report.metrics().get("test")).containsKeys("loss/info-nce", "accuracy");
    }

    @Test
    void modalityEmbeddingsNeedAFusionThatKeepsThem() {
        assertThatThrownBy(() -> train(dir.resolve("concat"), false,
                "task.modalityEmbeddings=true"))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("task.modalityEmbeddings")
                .hasMessageContaining("'vector'");
    }

    @Test
    void aFusionWithoutAttentionDrawsNoAttentionMaps() {
        Path out = dir.resolve("concat");
        train(out, false);
        assertThat(out.resolve("plots/attention-0.png")).doesNotExist();
    }

    @Test
    void refusesToOverwriteAnExistingRun() throws IOException {
        Path out = dir.resolve("run");
        train(out, false);
        String before = Files.readString(MetricsLog.file(out));

        assertThatThrownBy(() -> train(out, false))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("already holds a run")
                .hasMessageContaining("--resume " + out);
        assertThat(Files.readString(MetricsLog.file(out))).isEqualTo(before);
    }

    @Test
    void resumeNeedsACheckpoint() {
        assertThatThrownBy(() -> train(dir.resolve("nothing"), true))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("no checkpoint there to resume from");
    }

    @Test
    void aNanLossStopsWithTheStepTermAndSampleIds() {
        Path out = dir.resolve("run");
        assertThatThrownBy(() -> train(out, false, "data.nanSample=5"))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageMatching("(?s)training diverged at step \\d+: .*")
                .hasMessageContaining("loss/cross-entropy = NaN")
                .hasMessageContaining("train-5");
    }
}
