package ai.braid.runtime.builtin;

import ai.braid.api.UserInputException;
import ai.braid.api.data.FusedOutput;
import ai.braid.api.data.MetricValue;
import ai.braid.api.data.Sample;
import ai.braid.api.spi.Inference;
import ai.braid.api.spi.Metric;
import ai.braid.api.spi.Task;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Single-label classification: a linear head on the pooled vector gives {@code logits (B, C)};
 * the target is the class index (B); the metric is accuracy.
 */
final class ClassificationTask implements Task {

    static final String LOGITS = "logits";

    private final String target;
    private final List<String> classes;
    private final Block head;

    ClassificationTask(String target, List<String> classes) {
        this.target = target;
        this.classes = List.copyOf(classes);
        this.head = new Head(classes.size());
    }

    @Override
    public Block head() {
        return head;
    }

    @Override
    public Set<String> outputs() {
        return Set.of(LOGITS);
    }

    @Override
    public Set<String> targetNames() {
        return Set.of(target);
    }

    @Override
    public NDList targets(List<Sample> samples, NDManager manager) {
        long[] labels = new long[samples.size()];
        for (int i = 0; i < labels.length; i++) {
            Sample sample = samples.get(i);
            long label = sample.target(target, Number.class).longValue();
            if (label < 0 || label >= classes.size()) {
                throw new UserInputException("sample '" + sample.id() + "': " + target + " = "
                        + label + " is not a class index in [0, " + classes.size() + ")");
            }
            labels[i] = label;
        }
        NDArray array = manager.create(labels);
        array.setName(target);
        return new NDList(array);
    }

    @Override
    public List<String> defaultObjectives() {
        return List.of("cross-entropy");
    }

    @Override
    public List<Metric> newMetrics() {
        return List.of(new Accuracy());
    }

    @Override
    public String selectionMetric() {
        return "accuracy";
    }

    @Override
    public List<Map<String, Object>> predict(Inference inference, List<Sample> samples) {
        NDArray probabilities = inference.forward(samples).get(LOGITS).softmax(1);
        float[] values = probabilities.toFloatArray();
        List<Map<String, Object>> predictions = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            int best = 0;
            Map<String, Object> perClass = new LinkedHashMap<>();
            for (int c = 0; c < classes.size(); c++) {
                float p = values[i * classes.size() + c];
                perClass.put(classes.get(c), p);
                if (p > values[i * classes.size() + best]) {
                    best = c;
                }
            }
            Map<String, Object> prediction = new LinkedHashMap<>();
            prediction.put("id", samples.get(i).id());
            prediction.put(target, classes.get(best));
            prediction.put("probabilities", perClass);
            predictions.add(prediction);
        }
        return predictions;
    }

    /** Fraction of samples whose arg-max class equals the target. */
    private final class Accuracy implements Metric {

        private long correct;
        private long total;

        @Override
        public void update(NDList outputs, NDList targets) {
            NDArray predicted = outputs.get(LOGITS).argMax(1);
            NDArray expected = targets.get(target).toType(predicted.getDataType(), false);
            correct += predicted.eq(expected).countNonzero().getLong();
            total += expected.size();
        }

        @Override
        public List<MetricValue> compute() {
            return List.of(new MetricValue("accuracy",
                    total == 0 ? Double.NaN : (double) correct / total, true));
        }
    }

    /** Linear layer from the pooled vector (B, D) to logits (B, C). */
    private static final class Head extends AbstractBlock {

        private final Linear linear;

        Head(int classes) {
            linear = addChildBlock("linear", Linear.builder().setUnits(classes).build());
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore store, NDList inputs, boolean training,
                PairList<String, Object> params) {
            NDArray pooled = FusedOutput.from(inputs).pooled();
            NDArray logits = linear.forward(store, new NDList(pooled), training, params).head();
            logits.setName(LOGITS);
            return new NDList(logits);
        }

        @Override
        protected void initializeChildBlocks(
                NDManager manager, DataType dataType, Shape... inputShapes) {
            linear.initialize(manager, dataType, inputShapes[0]);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return linear.getOutputShapes(new Shape[] {inputShapes[0]});
        }
    }
}
