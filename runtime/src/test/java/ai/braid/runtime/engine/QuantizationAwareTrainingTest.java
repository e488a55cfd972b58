package ai.braid.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.data.Sample;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.runtime.engine.data.PipelineData;
import ai.braid.runtime.engine.optim.LearningRateSchedule;
import ai.braid.runtime.engine.optim.ParameterOptimizer;
import ai.braid.runtime.engine.quant.QuantizationScheme;
import ai.braid.runtime.engine.quant.SymmetricInt8;
import ai.braid.runtime.engine.quant.WeightQuantizer;
import ai.braid.runtime.pipeline.AssembledPipeline;
import ai.braid.runtime.report.RunReport;
import ai.djl.Device;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quantization-aware training through the engine: steps, runs, evaluation and checkpoints. */
class QuantizationAwareTrainingTest {

    private static final String QAT = "train.quantization=int8-aware";

    @TempDir
    Path dir;

    private AssembledPipeline pipeline(String... overrides) {
        return EnginePipelines.assemble(dir, EnginePipelines.vectors(32, 2, 8, ""), overrides);
    }

    private static Map<String, float[]> snapshot(List<Pair<String, Parameter>> weights) {
        Map<String, float[]> values = new LinkedHashMap<>();
        weights.forEach(pair -> values.put(pair.getKey(), pair.getValue().getArray()
                .toFloatArray()));
        return values;
    }

    /** Largest distance of a weight's values from its own int8 grid; 0 if quantised. */
    private static float offGrid(NDArray weight, NDManager manager) {
        NDArray copy = weight.duplicate();
        copy.attach(manager);
        return SymmetricInt8.fakeQuantize(copy, QuantizationScheme.PER_CHANNEL).sub(copy).abs()
                .max().getFloat();
    }

    private static Map<String, Double> runStep(ModelSetup setup, AssembledPipeline pipeline,
            PipelineData data, TrainingStep step, long index) {
        SampleSet train = data.split(Split.TRAIN);
        List<Sample> batch = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Sample sample = train.get((int) ((index * 8 + i) % train.size()));
            batch.add(sample);
            ids.add(sample.id());
        }
        try (NDManager manager = setup.manager().newSubManager()) {
            return step.run(new EncodedBatch(setup.encoder().encode(batch, manager).inputs(),
                    pipeline.task().targets(batch, manager), ids), index, manager);
        }
    }

    private static TrainingStep newStep(ModelSetup setup, AssembledPipeline pipeline) {
        return new TrainingStep(setup, new ObjectiveSet(pipeline.objectives()),
                pipeline.weighting(), new ParameterOptimizer("adamw", 0.01f,
                        LearningRateSchedule.of("constant", 1e-2f, 0, 100)), 1.0, 1);
    }

    @Test
    void aStepLeavesUpdatedFloatWeightsAndRunsOnTheQuantisedOnes() {
        AssembledPipeline quantized = pipeline(QAT);
        AssembledPipeline plain = pipeline();
        PipelineData data = PipelineData.load(quantized, dir.resolve("cache"));
        try (ModelSetup setup = ModelSetup.create(quantized, data, Device.cpu(), 1);
                ModelSetup reference = ModelSetup.create(plain, data, Device.cpu(), 1);
                NDManager scratch = NDManager.newBaseManager()) {
            WeightQuantizer quantizer = setup.quantizer();
            assertThat(quantizer.isEnabled()).isTrue();
            assertThat(reference.quantizer().isEnabled()).isFalse();
            // vector-tokens' Linear, the concat fusion's projection and the head's classifier.
            assertThat(quantizer.weights()).hasSize(3);
            Map<String, float[]> before = snapshot(quantizer.weights());

            double quantizedLoss = runStep(setup, quantized, data, newStep(setup, quantized), 0)
                    .get("loss");
            double floatLoss = runStep(reference, plain, data, newStep(reference, plain), 0)
                    .get("loss");

            // Same initial weights and batch: only the fake quantisation tells the two apart.
            assertThat(quantizedLoss).isNotEqualTo(floatLoss);
            assertThat(quantizedLoss).isCloseTo(floatLoss, within(0.05));
            Map<String, float[]> after = snapshot(quantizer.weights());
            for (Pair<String, Parameter> weight : quantizer.weights()) {
                assertThat(after.get(weight.getKey())).as(weight.getKey())
                        .isNotEqualTo(before.get(weight.getKey()));
                NDArray array = weight.getValue().getArray();
                if (array.getShape().get(1) > 1) {
                    // Float weights: not on their int8 grid (a one-column row always is).
                    assertThat(offGrid(array, scratch)).as(weight.getKey()).isGreaterThan(0f);
                }
            }
        }
    }

    @Test
    void quantisedStepsLeaveTheModelManagerFlat() {
        AssembledPipeline quantized = pipeline(QAT);
        PipelineData data = PipelineData.load(quantized, dir.resolve("cache"));
        try (ModelSetup setup = ModelSetup.create(quantized, data, Device.cpu(), 1)) {
            TrainingStep step = newStep(setup, quantized);
            BaseNDManager model = (BaseNDManager) setup.manager();
            runStep(setup, quantized, data, step, 0);
            int arrays = model.getManagedArrays().size();
            for (int s = 1; s < 40; s++) {
                runStep(setup, quantized, data, step, s);
            }
            assertThat(model.getManagedArrays()).hasSize(arrays);
        }
    }

    @Test
    void aQuantisationAwareRunValidatesTheInt8ModelAndCheckpointsFloatWeights()
            throws IOException {
        Path out = dir.resolve("qat");
        RunReport report = new TrainingRun(pipeline(QAT, "train.epochs=3"), out,
                dir.resolve("cache"), false).run();

        assertThat(report.epochs()).isEqualTo(3);
        assertThat(report.metrics().get("validation")).containsKeys("accuracy", "loss");
        assertThat(out.resolve("resolved.yaml")).content()
                .contains("quantization: int8-aware", "quantizationScheme: per-channel");
        AssembledPipeline pipeline = pipeline(QAT);
        PipelineData data = PipelineData.load(pipeline, dir.resolve("cache"));
        try (TrainedModel model = TrainedModel.load(pipeline, out, data);
                NDManager scratch = NDManager.newBaseManager()) {
            Map<String, Map<String, Double>> asTrained = model.evaluate(data);
            Map<String, Map<String, Double>> asFloat = model.evaluate(data,
                    WeightQuantizer.none());

            // eval of a QAT checkpoint repeats the run's (quantised) numbers ...
            assertThat(asTrained.get("validation").get("loss"))
                    .isCloseTo(report.metrics().get("validation").get("loss"), within(1e-6));
            assertThat(asTrained.get("test").get("accuracy"))
                    .isEqualTo(report.metrics().get("test").get("accuracy"));
            // ... which are not the float weights' numbers: those are what was saved.
            assertThat(asFloat.get("validation").get("loss"))
                    .isNotEqualTo(asTrained.get("validation").get("loss"));
            for (Pair<String, Parameter> weight : model.setup().quantizer().weights()) {
                NDArray array = weight.getValue().getArray();
                if (array.getShape().get(1) > 1) {
                    assertThat(offGrid(array, scratch)).as(weight.getKey()).isGreaterThan(0f);
                }
            }
        }
        assertThat(Files.readString(out.resolve("metrics.jsonl"))).contains("\"validation\"");
    }
}
