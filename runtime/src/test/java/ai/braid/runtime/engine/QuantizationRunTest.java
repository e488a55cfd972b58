package ai.braid.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.UserInputException;
import ai.braid.api.data.Sample;
import ai.braid.api.data.Split;
import ai.braid.runtime.engine.checkpoint.CheckpointStore;
import ai.braid.runtime.engine.data.PipelineData;
import ai.braid.runtime.engine.quant.Int8Export;
import ai.braid.runtime.engine.quant.WeightQuantizer;
import ai.braid.runtime.pipeline.AssembledPipeline;
import ai.braid.runtime.report.RunReport;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code braid quantize}'s engine: the int8 export, its sizes and both evaluations. */
class QuantizationRunTest {

    /** Wider than the engine tests' default, so that weights dominate the scales. */
    private static final String PIPELINE = "name: vectors-wide\n"
            + "task: classification\n"
            + "data: {reader: vectors, size: 24, length: 6}\n"
            + "projectors:\n  vector: {name: vector-tokens, dim: 32}\n"
            + "  mirror: {shareWith: vector}\n"
            + "fusion: {name: concat, dim: 32}\n"
            + "train: {epochs: 2, batch: 8, lr: 0.01, seed: 7, device: cpu}\n";

    @TempDir
    Path dir;

    private AssembledPipeline pipeline(String... overrides) {
        return EnginePipelines.assemble(dir, PIPELINE, overrides);
    }

    private RunReport train(Path out, String... overrides) {
        return new TrainingRun(pipeline(overrides), out, dir.resolve("cache"), false).run();
    }

    private QuantizationReport quantize(Path run, Path out, String... overrides) {
        AssembledPipeline pipeline = pipeline(overrides);
        return new QuantizationRun(pipeline, run, out)
                .run(PipelineData.load(pipeline, dir.resolve("cache")));
    }

    @Test
    void exportsInt8WeightsWithinHalfAStepAndReportsBothModels() throws IOException {
        Path run = dir.resolve("run");
        train(run);
        Path out = dir.resolve("int8");

        QuantizationReport report = quantize(run, out);

        assertThat(out.resolve(Int8Export.PARAMETERS)).isNotEmptyFile();
        assertThat(out.resolve(Int8Export.MANIFEST)).isNotEmptyFile();
        assertThat(out.resolve(QuantizationRun.REPORT)).isNotEmptyFile();
        try (Stream<Path> entries = Files.list(dir)) {
            assertThat(entries.map(path -> path.getFileName().toString()))
                    .as("no temporary folder left").noneMatch(name -> name.startsWith("."));
        }
        AssembledPipeline pipeline = pipeline();
        PipelineData data = PipelineData.load(pipeline, dir.resolve("cache"));
        try (TrainedModel model = TrainedModel.load(pipeline, run, data);
                NDManager manager = NDManager.newBaseManager()) {
            List<Pair<String, Parameter>> weights = WeightQuantizer.of(model.setup().model(),
                    ai.braid.runtime.engine.quant.QuantizationScheme.PER_CHANNEL).weights();
            assertThat(weights).hasSize(3);
            NDList stored = NDList.decode(manager, Files.readAllBytes(
                    out.resolve(Int8Export.PARAMETERS)));
            for (Pair<String, Parameter> weight : weights) {
                float[] original = weight.getValue().getArray().toFloatArray();
                Shape shape = weight.getValue().getArray().getShape();
                NDArray levels = stored.get(weight.getKey());
                NDArray scales = stored.get(weight.getKey() + Int8Export.SCALE_SUFFIX);
                assertThat(levels.getDataType()).isEqualTo(DataType.INT8);
                assertThat(levels.getShape()).isEqualTo(shape);
                assertThat(scales.getShape()).isEqualTo(new Shape(shape.get(0)));
                byte[] q = levels.toByteArray();
                float[] s = scales.toFloatArray();
                int columns = (int) (shape.size() / shape.get(0));
                for (int i = 0; i < original.length; i++) {
                    float scale = s[i / columns];
                    assertThat(Math.abs(q[i] * scale - original[i])).as("%s[%d]",
                            weight.getKey(), i).isLessThanOrEqualTo(scale / 2 + 1e-7f);
                }
            }
            // Biases stay float32.
            model.setup().model().namedParameters().stream()
                    .filter(pair -> pair.getValue().getType() == Parameter.Type.BIAS)
                    .forEach(pair -> assertThat(stored.get(pair.getKey()).getDataType())
                            .isEqualTo(DataType.FLOAT32));

            // The float numbers are eval's for this checkpoint.
            Map<String, Map<String, Double>> evaluated = model.evaluate(data);
            assertThat(report.floatMetrics().get("validation").get("loss"))
                    .isCloseTo(evaluated.get("validation").get("loss"), within(1e-6));
        }
        Int8Export.Summary export = report.export();
        // Weights (32, 1), (32, 64) and (3, 32): 2,176 values and 67 per-channel scales.
        assertThat(export.quantizedValues()).isEqualTo(32 + 32 * 64 + 3 * 32);
        assertThat(export.scaleValues()).isEqualTo(32 + 32 + 3);
        assertThat(export.quantizedInt8Bytes()).isEqualTo(2_176 + 4 * 67);
        assertThat((double) export.quantizedFloat32Bytes() / export.quantizedInt8Bytes())
                .isBetween(3.5, 4.0);
        assertThat(report.floatBytes()).isEqualTo(Files.size(
                CheckpointStore.parametersFile(CheckpointStore.resolve(run))));
        assertThat(export.fileBytes()).isEqualTo(Files.size(out.resolve(Int8Export.PARAMETERS)));
        assertThat(export.fileBytes()).isLessThan(report.floatBytes() / 2);
        assertThat(report.int8Metrics().get("validation")).containsKeys("accuracy", "loss");
        assertThat(report.int8Metrics().get("test").get("loss"))
                .isCloseTo(report.floatMetrics().get("test").get("loss"), within(0.05));

        JsonNode manifest = new ObjectMapper().readTree(out.resolve(Int8Export.MANIFEST)
                .toFile());
        assertThat(manifest.get("format").asText()).isEqualTo(Int8Export.FORMAT);
        assertThat(manifest.get("scheme").asText()).isEqualTo("per-channel");
        assertThat(manifest.get("quantized")).hasSize(3);
        assertThat(manifest.get("bytes").get("file").asLong()).isEqualTo(export.fileBytes());
        JsonNode written = new ObjectMapper().readTree(out.resolve(QuantizationRun.REPORT)
                .toFile());
        assertThat(written.get("float").get("bytes").asLong()).isEqualTo(report.floatBytes());
        assertThat(written.get("int8").get("metrics").get("test").get("accuracy").asDouble())
                .isEqualTo(report.int8Metrics().get("test").get("accuracy"));
    }

    @Test
    void theInt8ExportOfAQuantisationAwareRunScoresWhatTheRunValidated() {
        String[] settings = {"train.quantization=int8-aware",
            "train.quantizationScheme=per-tensor"};
        Path run = dir.resolve("qat");
        RunReport trained = train(run, settings);

        QuantizationReport report = quantize(run, dir.resolve("int8"), settings);

        assertThat(report.export().scheme().label()).isEqualTo("per-tensor");
        assertThat(report.export().scaleValues()).isEqualTo(3);
        for (String split : List.of("validation", "test")) {
            assertThat(report.int8Metrics().get(split).get("loss")).as(split)
                    .isCloseTo(trained.metrics().get(split).get("loss"), within(1e-5));
            assertThat(report.int8Metrics().get(split).get("accuracy")).as(split)
                    .isEqualTo(trained.metrics().get(split).get("accuracy"));
        }
    }

    @Test
    void evalAndPredictTakeTheExportAsTheirCheckpoint() throws IOException {
        Path run = dir.resolve("run");
        train(run);
        Path out = dir.resolve("int8");
        QuantizationReport report = quantize(run, out);
        AssembledPipeline pipeline = pipeline();
        PipelineData data = PipelineData.load(pipeline, dir.resolve("cache"));

        try (TrainedModel model = TrainedModel.load(pipeline, out, data);
                NDManager manager = NDManager.newBaseManager()) {
            NDList stored = NDList.decode(manager, Files.readAllBytes(
                    out.resolve(Int8Export.PARAMETERS)));
            List<Pair<String, Parameter>> weights = WeightQuantizer.of(model.setup().model(),
                    ai.braid.runtime.engine.quant.QuantizationScheme.PER_CHANNEL).weights();
            for (Pair<String, Parameter> weight : weights) {
                float[] loaded = weight.getValue().getArray().toFloatArray();
                float[] scales = stored.get(weight.getKey() + Int8Export.SCALE_SUFFIX)
                        .toFloatArray();
                int columns = loaded.length / scales.length;
                for (int i = 0; i < loaded.length; i++) {
                    float level = loaded[i] / scales[i / columns];
                    assertThat(level).as("%s[%d] on the int8 grid", weight.getKey(), i)
                            .isCloseTo(Math.round(level), within(1e-3f));
                }
            }
            Map<String, Map<String, Double>> evaluated = model.evaluate(data);
            for (String split : List.of("validation", "test")) {
                assertThat(evaluated.get(split).get("loss")).as(split)
                        .isCloseTo(report.int8Metrics().get(split).get("loss"), within(1e-6));
                assertThat(evaluated.get(split).get("accuracy")).as(split)
                        .isEqualTo(report.int8Metrics().get(split).get("accuracy"));
            }
            List<Sample> samples = PipelineData.list(data.split(Split.TEST)).subList(0, 3);
            assertThat(model.predict(samples)).hasSize(3);
        }
        assertThatThrownBy(() -> quantize(out, dir.resolve("again")))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("--checkpoint " + out + " is an int8 export already");
        assertThat(dir.resolve("again")).doesNotExist();
    }

    @Test
    void anExistingOutputOrAMissingCheckpointIsRefused() throws IOException {
        Path out = Files.createDirectories(dir.resolve("taken"));
        Path kept = Files.writeString(out.resolve("keep.txt"), "mine");

        assertThatThrownBy(() -> quantize(dir.resolve("run"), out))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("--out " + out + " already exists");
        assertThat(kept).hasContent("mine");
        assertThatThrownBy(() -> quantize(dir.resolve("nothing"), dir.resolve("fresh")))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("--checkpoint " + dir.resolve("nothing")
                        + ": no checkpoint there");
        assertThat(dir.resolve("fresh")).doesNotExist();
    }
}
