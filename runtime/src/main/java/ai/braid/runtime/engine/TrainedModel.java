package ai.braid.runtime.engine;

import ai.braid.api.data.MetricValue;
import ai.braid.api.data.Sample;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.runtime.engine.checkpoint.CheckpointStore;
import ai.braid.runtime.engine.data.PipelineData;
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
 * predict}. The projectors are fitted again on the training split, which is deterministic, so
 * they match the ones the checkpoint was trained with.
 */
public final class TrainedModel implements AutoCloseable {

    private final AssembledPipeline pipeline;
    private final PipelineData data;
    private final ModelSetup setup;
    private final Path cacheRoot;

    private TrainedModel(
            AssembledPipeline pipeline, PipelineData data, ModelSetup setup, Path cacheRoot) {
        this.pipeline = pipeline;
        this.data = data;
        this.setup = setup;
        this.cacheRoot = cacheRoot;
    }

    /**
     * Loads a checkpoint.
     *
     * @param pipeline the pipeline the checkpoint was trained with
     * @param checkpoint a run directory, its checkpoint folder or an epoch folder
     * @param cacheRoot where extractor results are cached
     * @return the model, on the pipeline's device
     * @throws ai.braid.api.UserInputException if the checkpoint is missing or does not fit
     */
    public static TrainedModel load(AssembledPipeline pipeline, Path checkpoint, Path cacheRoot) {
        Path folder = CheckpointStore.resolve(checkpoint);
        PipelineData data = PipelineData.load(pipeline, cacheRoot);
        ModelSetup setup = ModelSetup.create(pipeline, data,
                DeviceChoice.resolve(pipeline.spec().train().device()),
                pipeline.spec().train().seed());
        try {
            setup.loadParameters(folder);
        } catch (RuntimeException e) {
            setup.close();
            throw e;
        }
        return new TrainedModel(pipeline, data, setup, Objects.requireNonNull(cacheRoot));
    }

    /**
     * Evaluates the validation and test splits with the task's metrics, as training does.
     *
     * @return metric values per split label
     */
    public Map<String, Map<String, Double>> evaluate() {
        Evaluation evaluation = new Evaluation(setup, pipeline.task(),
                new ObjectiveSet(pipeline.objectives()), pipeline.spec().train().batch());
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
     * Predicts for samples given by the user; the extractors run on them first.
     *
     * @param samples samples with the dataset's modalities
     * @return the task's predictions, in order
     */
    public List<Map<String, Object>> predict(List<Sample> samples) {
        List<Sample> prepared = PipelineData.extraction(pipeline, cacheRoot)
                .apply(samples, "input");
        List<Map<String, Object>> predictions = new ArrayList<>();
        int batch = pipeline.spec().train().batch();
        for (int start = 0; start < prepared.size(); start += batch) {
            List<Sample> part = prepared.subList(start, Math.min(prepared.size(), start + batch));
            try (NDManager manager = setup.manager().newSubManager()) {
                predictions.addAll(pipeline.task().predict(new ModelInference(setup, manager),
                        part));
            }
        }
        return predictions;
    }

    @Override
    public void close() {
        setup.close();
    }
}
