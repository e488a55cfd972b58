package ai.braid.runtime.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.UserInputException;
import ai.braid.api.config.OptionSpec;
import ai.braid.api.data.FusedOutput;
import ai.braid.api.data.MetricValue;
import ai.braid.api.data.Modality;
import ai.braid.api.data.ModalitySpec;
import ai.braid.api.data.Sample;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.api.data.TargetSpec;
import ai.braid.api.data.TokenSequence;
import ai.braid.api.spi.DatasetReader;
import ai.braid.api.spi.Inference;
import ai.braid.api.spi.Metric;
import ai.braid.api.spi.Task;
import ai.braid.api.spi.TaskContext;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassificationTaskTest {

    private static final int DIM = 4;

    private final ClassificationTaskFactory factory = new ClassificationTaskFactory();

    /** A reader that only declares targets; the task never reads data. */
    static DatasetReader reader(TargetSpec... targets) {
        return new DatasetReader() {
            @Override
            public List<ModalitySpec> modalities() {
                return List.of();
            }

            @Override
            public List<TargetSpec> targets() {
                return List.of(targets);
            }

            @Override
            public SampleSet read(Split split) {
                throw new UnsupportedOperationException("not needed");
            }
        };
    }

    private Task task(Map<String, Object> options, List<String> classes) {
        TaskContext context = new TaskContext(reader(new TargetSpec("label", classes)), DIM,
                List.of());
        return factory.create(Configs.at(factory, "task", options), context);
    }

    private static NDList forward(Block head, NDManager manager, boolean training,
            NDArray pooled) {
        return head.forward(new ParameterStore(manager, false),
                FusedOutput.pooledOnly(pooled).toNDList(), training);
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }

    private static Map<String, Double> compute(List<Metric> metrics, NDList outputs,
            NDList targets) {
        metrics.forEach(metric -> metric.update(outputs, targets));
        Map<String, Double> values = new LinkedHashMap<>();
        for (Metric metric : metrics) {
            for (MetricValue value : metric.compute()) {
                values.put(value.name(), value.value());
            }
        }
        return values;
    }

    @Test
    void optionsHaveTheDocumentedDefaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (OptionSpec spec : factory.options().options()) {
            defaults.put(spec.name(), spec.defaultValue());
        }
        assertThat(factory.name()).isEqualTo("classification");
        assertThat(defaults).containsExactly(Map.entry("target", "label"),
                Map.entry("hidden", 0L), Map.entry("dropout", 0.0),
                Map.entry("modalityEmbeddings", false));
    }

    @Test
    void aMissingOrNonCategoricalTargetIsAUserErrorAtTaskTarget() {
        TaskContext context = new TaskContext(reader(new TargetSpec("label", List.of("a", "b")),
                new TargetSpec("score", List.of())), DIM, List.of());

        assertThatThrownBy(() -> factory.create(
                Configs.at(factory, "task", Map.of("target", "mood")), context))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("task.target (p.yaml:7): ")
                .hasMessageContaining("[label, score]");
        assertThatThrownBy(() -> factory.create(
                Configs.at(factory, "task", Map.of("target", "score")), context))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("task.target (p.yaml:7): ")
                .hasMessageContaining("at least two class names");
    }

    @Test
    void theHeadOutputsLogitsAndThePooledVectorAsEmbedding() {
        Task task = task(Map.of(), List.of("a", "b", "c"));
        assertThat(task.outputs()).containsExactlyInAnyOrder("logits", "embedding");
        assertThat(task.targetNames()).containsExactly("label");
        assertThat(task.selectionMetric()).isEqualTo("accuracy");
        assertThat(task.defaultObjectives()).containsExactly("cross-entropy");
        try (NDManager manager = NDManager.newBaseManager()) {
            Block head = task.head();
            head.initialize(manager, DataType.FLOAT32, new Shape(5, DIM));
            NDArray pooled = manager.randomNormal(new Shape(5, DIM));
            NDList out = forward(head, manager, false, pooled);

            assertThat(out.get("logits").getShape()).isEqualTo(new Shape(5, 3));
            assertThat(out.get("embedding").getShape()).isEqualTo(new Shape(5, DIM));
            assertThat(out.get("embedding").toFloatArray())
                    .containsExactly(pooled.toFloatArray());
            assertThat(pooled.getName()).isEqualTo("pooled");
            assertThat(head.getOutputShapes(new Shape[] {new Shape(5, DIM)}))
                    .containsExactly(new Shape(5, 3), new Shape(5, DIM));
        }
    }

    @Test
    void aHiddenLayerMakesAnMlpHeadWhoseParametersAllLearn() {
        Task linear = task(Map.of(), List.of("a", "b", "c"));
        Task mlp = task(Map.of("hidden", 6L, "dropout", 0.2), List.of("a", "b", "c"));
        try (NDManager manager = NDManager.newBaseManager()) {
            linear.head().initialize(manager, DataType.FLOAT32, new Shape(2, DIM));
            mlp.head().initialize(manager, DataType.FLOAT32, new Shape(2, DIM));
            assertThat(linear.head().getParameters().size()).isEqualTo(2);
            assertThat(mlp.head().getParameters().size()).isEqualTo(4);
            assertThat(mlp.head().getParameters().keys()).anyMatch(k -> k.contains("hidden0"));

            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = forward(mlp.head(), manager, true,
                        manager.randomNormal(new Shape(2, DIM))).get("logits");
                collector.backward(logits.mul(manager.randomNormal(logits.getShape())).sum());
            }
            mlp.head().getParameters().forEach(parameter -> {
                try (NDArray gradient = parameter.getValue().getArray().getGradient()) {
                    assertThat(gradient.abs().sum().getFloat()).as(parameter.getKey())
                            .isGreaterThan(0f);
                }
            });
        }
    }

    @Test
    void targetsAreClassIndicesAndOutOfRangeLabelsAreUserErrors() {
        Task task = task(Map.of(), List.of("a", "b", "c"));
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList targets = task.targets(List.of(
                    new Sample("s1", Map.of(), Map.of("label", 2)),
                    new Sample("s2", Map.of(), Map.of("label", 0L))), manager);

            assertThat(targets.get("label").toLongArray()).containsExactly(2, 0);
            assertThatThrownBy(() -> task.targets(List.of(
                    new Sample("s3", Map.of(), Map.of("label", 3))), manager))
                    .isInstanceOf(UserInputException.class)
                    .hasMessageContaining("sample 's3'")
                    .hasMessageContaining("[0, 3)");
        }
    }

    @Test
    void twoClassesAddPrecisionRecallAndF1OfClassOne() {
        Task task = task(Map.of(), List.of("no", "yes"));
        try (NDManager manager = NDManager.newBaseManager()) {
            // predictions 1, 0, 1, 1 against labels 1, 0, 0, 1
            NDList outputs = new NDList(named(manager.create(new float[][] {
                {0f, 2f}, {3f, 1f}, {-1f, 1f}, {0.5f, 0.7f}}), "logits"));
            NDList targets = new NDList(named(manager.create(new long[] {1, 0, 0, 1}), "label"));
            Map<String, Double> values = compute(task.newMetrics(), outputs, targets);

            assertThat(values.keySet()).containsExactly("accuracy", "macro_precision",
                    "macro_recall", "macro_f1", "precision", "recall", "f1");
            assertThat(values.get("accuracy")).isCloseTo(0.75, within(1e-9));
            // class 1: TP 2, FP 1, FN 0
            assertThat(values.get("precision")).isCloseTo(2.0 / 3, within(1e-9));
            assertThat(values.get("recall")).isCloseTo(1.0, within(1e-9));
            assertThat(values.get("f1")).isCloseTo(0.8, within(1e-9));
            // class 0: P 1, R 0.5, F1 2/3
            assertThat(values.get("macro_precision")).isCloseTo((1 + 2.0 / 3) / 2, within(1e-9));
            assertThat(values.get("macro_recall")).isCloseTo(0.75, within(1e-9));
            assertThat(values.get("macro_f1")).isCloseTo((2.0 / 3 + 0.8) / 2, within(1e-9));
        }
    }

    @Test
    void moreClassesReportAccuracyAndMacroValuesOnly() {
        Task task = task(Map.of(), List.of("a", "b", "c"));
        try (NDManager manager = NDManager.newBaseManager()) {
            List<Metric> metrics = task.newMetrics();
            // two batches: predictions 0, 2 | 2 against labels 0, 1 | 2
            metrics.forEach(metric -> metric.update(
                    new NDList(named(manager.create(new float[][] {{5f, 0f, 0f}, {0f, 1f, 2f}}),
                            "logits")),
                    new NDList(named(manager.create(new long[] {0, 1}), "label"))));
            Map<String, Double> values = compute(metrics,
                    new NDList(named(manager.create(new float[][] {{0f, 0f, 1f}}), "logits")),
                    new NDList(named(manager.create(new long[] {2}), "label")));

            assertThat(values.keySet()).containsExactly("accuracy", "macro_precision",
                    "macro_recall", "macro_f1");
            assertThat(values.get("accuracy")).isCloseTo(2.0 / 3, within(1e-9));
            // per class (P, R): 0 (1, 1), 1 (0, 0), 2 (0.5, 1)
            assertThat(values.get("macro_precision")).isCloseTo(0.5, within(1e-9));
            assertThat(values.get("macro_recall")).isCloseTo(2.0 / 3, within(1e-9));
            assertThat(values.get("macro_f1")).isCloseTo((1 + 0 + 2.0 / 3) / 3, within(1e-9));
        }
    }

    @Test
    void predictionsNameTheMostProbableClass() {
        Task task = task(Map.of(), List.of("cat", "dog"));
        try (NDManager manager = NDManager.newBaseManager()) {
            Inference inference = new Inference() {
                @Override
                public NDList forward(List<Sample> samples) {
                    return new NDList(named(manager.create(new float[][] {{0f, 1f}, {2f, 0f}}),
                            "logits"));
                }

                @Override
                public TokenSequence project(Modality modality, List<Sample> samples,
                        NDManager scope) {
                    throw new UnsupportedOperationException("prediction never projects");
                }

                @Override
                public FusedOutput fuse(List<Sample> samples) {
                    throw new UnsupportedOperationException("prediction never fuses alone");
                }

                @Override
                public SampleSet samples(Split split) {
                    throw new UnsupportedOperationException("prediction reads no split");
                }

                @Override
                public List<String> tokenLabels(Modality modality, Sample sample) {
                    throw new UnsupportedOperationException("prediction names no tokens");
                }

                @Override
                public NDManager manager() {
                    return manager;
                }
            };
            List<Map<String, Object>> predictions = task.predict(inference, List.of(
                    new Sample("x", Map.of(), Map.of()), new Sample("y", Map.of(), Map.of())));

            assertThat(predictions).extracting(p -> p.get("id")).containsExactly("x", "y");
            assertThat(predictions).extracting(p -> p.get("label")).containsExactly("dog", "cat");
            @SuppressWarnings("unchecked")
            Map<String, Object> first = (Map<String, Object>) predictions.get(0)
                    .get("probabilities");
            assertThat((Float) first.get("dog"))
                    .isCloseTo((float) (1 / (1 + Math.exp(-1))), within(1e-6f));
        }
    }
}
