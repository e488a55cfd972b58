package ai.braid.runtime.engine;

import ai.braid.api.data.MetricValue;
import ai.braid.api.data.Sample;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.api.spi.Metric;
import ai.braid.api.spi.Task;
import ai.braid.runtime.engine.data.PipelineData;
import ai.braid.runtime.engine.quant.WeightQuantizer;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates the model on a split in inference mode: the objectives' losses averaged over
 * samples ("loss" with the pipeline's fixed weights), the task's metrics over the whole split, then the task's model-level metrics.
 * With a quantizer, the model is evaluated with its fake-quantised weights (the int8 model a
 * quantization-aware run trains), and its float weights are put back afterwards.
 */
final class Evaluation {

    private final ModelSetup setup;
    private final Task task;
    private final ObjectiveSet objectives;
    private final int batchSize;
    private final WeightQuantizer quantizer;

    Evaluation(ModelSetup setup, Task task, ObjectiveSet objectives, int batchSize,
            WeightQuantizer quantizer) {
        this.setup = Objects.requireNonNull(setup, "setup");
        this.task = Objects.requireNonNull(task, "task");
        this.objectives = Objects.requireNonNull(objectives, "objectives");
        this.batchSize = batchSize;
        this.quantizer = Objects.requireNonNull(quantizer, "quantizer");
    }

    /**
     * Evaluates one split.
     *
     * @param split which split, passed to the task's model-level metrics
     * @param samples its samples
     * @param parent the manager whose sub-managers hold each batch
     * @return losses ("loss", "loss/...", lower is better) and the task's metric values
     */
    List<MetricValue> evaluate(Split split, List<Sample> samples, NDManager parent) {
        try (WeightQuantizer.FloatWeights floats = quantizer.fakeQuantize(parent)) {
            return evaluateAsIs(split, samples, parent);
        }
    }

    private List<MetricValue> evaluateAsIs(Split split, List<Sample> samples, NDManager parent) {
        List<Metric> metrics = task.newMetrics();
        Map<String, Double> sums = new LinkedHashMap<>();
        for (int start = 0; start < samples.size(); start += batchSize) {
            List<Sample> batch = samples.subList(start, Math.min(samples.size(),
                    start + batchSize));
            try (NDManager manager = parent.newSubManager()) {
                NDList inputs = setup.encoder().encode(batch, manager).inputs();
                NDList targets = task.targets(batch, manager);
                NDList outputs = setup.model().forward(setup.store(), inputs, false);
                double total = 0;
                double[] weights = objectives.fixedWeights();
                List<ObjectiveSet.Evaluated> evaluated = objectives.compute(outputs, targets);
                for (int i = 0; i < evaluated.size(); i++) {
                    for (Map.Entry<String, Double> term : evaluated.get(i).values().entrySet()) {
                        sums.merge(term.getKey(), term.getValue() * batch.size(), Double::sum);
                    }
                    total += weights[i] * evaluated.get(i).total().getFloat();
                }
                sums.merge("loss", total * batch.size(), Double::sum);
                for (Metric metric : metrics) {
                    metric.update(outputs, targets);
                }
            }
        }
        List<MetricValue> values = new ArrayList<>();
        sums.forEach((name, sum) -> values.add(new MetricValue(name, sum / samples.size(),
                false)));
        for (Metric metric : metrics) {
            values.addAll(metric.compute());
        }
        try (NDManager manager = parent.newSubManager()) {
            values.addAll(task.evaluateModel(new ModelInference(setup, manager,
                    PipelineData.of(Map.of(split, SampleSet.of(samples)))), split));
        }
        return values;
    }
}
