package ai.braid.runtime.engine;

import ai.braid.api.data.MetricValue;
import ai.braid.api.data.Sample;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.runtime.engine.checkpoint.CheckpointStore;
import ai.braid.runtime.engine.data.PipelineData;
import ai.braid.runtime.engine.quant.Int8Export;
import ai.braid.runtime.engine.quant.WeightQuantizer;
import ai.braid.runtime.pipeline.AssembledPipeline;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A pipeline's model restored from a checkpoint, for {@code braid eval} and {@code braid
 * predict}: parameters and the projectors' fitted states (vocabularies) come from the
 * checkpoint, so predicting needs no training data. A checkpoint holds float weights, an int8
 * export ({@code braid quantize}) int8 ones, loaded dequantised. When the pipeline trains
 * int8-aware ({@code train.quantization}), evaluation, prediction and figures use fake-quantised
 * weights, the model the run validated.
 */
public final class TrainedModel implements AutoCloseable {

    private final AssembledPipeline pipeline;
    private final ModelSetup setup;

    private TrainedModel(AssembledPipeline pipeline, ModelSetup setup) {
        this.pipeline = pipeline;
        this.setup = setup;
    }

    /**
     * Loads a checkpoint.
     *
     * @param pipeline the pipeline the checkpoint was trained with
     * @param checkpoint a run directory, its checkpoint folder, an epoch folder or the folder
     *     of an int8 export ({@code braid quantize}), whose weights are loaded dequantised
     * @param shapeSamples a few samples with every modality the model reads (extracted ones
     *     included), for the input shapes
     * @return the model, on the pipeline's device
     * @throws ai.braid.api.UserInputException if the checkpoint is missing or does not fit
     */
    public static TrainedModel load(
            AssembledPipeline pipeline, Path checkpoint, List<Sample> shapeSamples) {
        boolean int8 = Int8Export.isExport(checkpoint);
        Path folder = int8 ? checkpoint : CheckpointStore.resolve(checkpoint);
        FittedProjectors.restore(pipeline.projectors(),
                CheckpointStore.readProjectorStates(folder), folder);
        ModelSetup setup = ModelSetup.create(pipeline, shapeSamples,
                DeviceChoice.resolve(pipeline.spec().train().device()),
                pipeline.spec().train().seed());
        try {
            if (int8) {
                try (NDManager scratch = setup.manager().newSubManager()) {
                    Int8Export.load(folder, setup.model().namedParameters(), scratch);
                }
            } else {
                setup.loadParameters(folder);
            }
        } catch (RuntimeException e) {
            setup.close();
            throw e;
        }
        return new TrainedModel(pipeline, setup);
    }

    /**
     * Loads a checkpoint to evaluate it on the pipeline's data.
     *
     * @param pipeline the pipeline the checkpoint was trained with
     * @param checkpoint a run directory, its checkpoint folder or an epoch folder
     * @param data the pipeline's data
     * @return the model
     */
    public static TrainedModel load(
            AssembledPipeline pipeline, Path checkpoint, PipelineData data) {
        return load(pipeline, checkpoint, ModelSetup.firstSamples(data));
    }

    /**
     * Evaluates the validation and test splits with the task's metrics, as training does
     * (with fake-quantised weights if the pipeline trains int8-aware).
     *
     * @param data the pipeline's data
     * @return metric values per split label
     */
    public Map<String, Map<String, Double>> evaluate(PipelineData data) {
        return evaluate(data, setup.quantizer());
    }

    /**
     * Evaluates the validation and test splits with the task's metrics.
     *
     * @param data the pipeline's data
     * @param quantizer the weights to fake-quantise meanwhile; {@link WeightQuantizer#none()}
     *     evaluates the parameters as they are
     * @return metric values per split label
     */
    Map<String, Map<String, Double>> evaluate(PipelineData data, WeightQuantizer quantizer) {
        Evaluation evaluation = new Evaluation(setup, pipeline.task(),
                new ObjectiveSet(pipeline.objectives()), pipeline.spec().train().batch(),
                quantizer);
        Map<String, Map<String, Double>> results = new LinkedHashMap<>();
        for (Split split : List.of(Split.VALIDATION, Split.TEST)) {
            SampleSet samples = data.split(split);
            if (samples.size() > 0) {
                List<MetricValue> values = evaluation.evaluate(split,
                        PipelineData.list(samples), setup.manager());
                results.put(split.label(), TrainingRun.values(values));
            }
        }
        return results;
    }

    /**
     * Predicts for samples that already carry every modality the model reads (run the
     * pipeline's extractors on them first).
     *
     * @param samples the samples
     * @return the task's predictions, in order
     */
    public List<Map<String, Object>> predict(List<Sample> samples) {
        List<Map<String, Object>> predictions = new ArrayList<>();
        int batch = pipeline.spec().train().batch();
        try (WeightQuantizer.FloatWeights floats =
                setup.quantizer().fakeQuantize(setup.manager())) {
            for (int start = 0; start < samples.size(); start += batch) {
                List<Sample> part = samples.subList(start,
                        Math.min(samples.size(), start + batch));
                try (NDManager manager = setup.manager().newSubManager()) {
                    predictions.addAll(pipeline.task().predict(
                            new ModelInference(setup, manager, null), part));
                }
            }
        }
        return predictions;
    }

    /**
     * Lets the task draw its figures of this model ({@link
     * ai.braid.api.spi.Task#drawFigures}), as a run does into its {@code plots/} folder.
     *
     * @param directory where the files go; created if missing
     * @param data the pipeline's data, for figures of chosen samples
     * @throws ai.braid.api.UserInputException if the directory cannot be created
     */
    public void drawFigures(Path directory, PipelineData data) {
        TaskFigures.draw(setup, pipeline.task(), directory, Objects.requireNonNull(data, "data"));
    }

    /** The model, for the int8 export. */
    ModelSetup setup() {
        return setup;
    }

    @Override
    public void close() {
        setup.close();
    }
}
