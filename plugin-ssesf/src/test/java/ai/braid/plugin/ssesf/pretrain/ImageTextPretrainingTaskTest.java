package ai.braid.plugin.ssesf.pretrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import ai.braid.api.data.FusedOutput;
import ai.braid.api.data.MetricValue;
import ai.braid.api.spi.Metric;
import ai.braid.api.spi.Objective;
import ai.braid.api.spi.Task;
import ai.braid.api.spi.TaskContext;
import ai.braid.plugin.ssesf.fusion.MultiwayFusionBlock;
import ai.braid.plugin.ssesf.fusion.MultiwayFusionFactory;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageTextPretrainingTaskTest {

    private final ImageTextPretrainingTaskFactory factory = new ImageTextPretrainingTaskFactory();

    private Task task(Map<String, Object> options) {
        return factory.create(Configs.of(factory, "task", options), new TaskContext(new NoData(),
                PretrainingFusionTest.DIM, PretrainingFusionTest.MODALITIES));
    }

    @Test
    void theTargetsMarkEachPairAMatchAndItsNegativeNotOneAndDropTheNegativeOfALoneSample() {
        Task task = task(Map.of());
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList three = task.targets(NoData.samples(3), manager);
            assertThat(three.get("itm_label").toLongArray()).containsExactly(1, 0, 1, 0, 1, 0);
            assertThat(three.get("itm_label").getShape()).isEqualTo(new Shape(3, 2));
            assertThat(three.get("itm_mask").toFloatArray()).containsExactly(1, 1, 1, 1, 1, 1);

            NDList one = task.targets(NoData.samples(1), manager);
            assertThat(one.get("itm_mask").toFloatArray()).containsExactly(1, 0);
        }
    }

    @Test
    void theDefaultObjectivesReadOnlyWhatTheTaskGives() {
        for (boolean mlm : new boolean[] {true, false}) {
            Task task = task(Map.of("mlm", mlm));
            List<Objective> objectives = Objectives.defaults(task);
            assertThat(objectives).hasSize(mlm ? 3 : 2);
            for (Objective objective : objectives) {
                assertThat(task.outputs()).containsAll(objective.requiredOutputs());
                assertThat(task.targetNames()).containsAll(objective.requiredTargets());
            }
        }
    }

    @Test
    void theHeadOutputsHaveTheDeclaredShapesAndTheMetricsNameTheDirections() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiwayFusionFactory fusionFactory = new MultiwayFusionFactory();
            MultiwayFusionBlock fusion = (MultiwayFusionBlock) fusionFactory.create(Configs.of(
                    fusionFactory, "fusion", PretrainingFusionTest.pretrainingOptions()),
                    PretrainingFusionTest.MODALITIES, PretrainingFusionTest.DIMS).block();
            fusion.initialize(manager, DataType.FLOAT32, PretrainingFusionTest.INPUT_SHAPES);
            Task task = task(Map.of("projection", 4L));
            Shape[] fusedShapes = fusion.getOutputShapes(PretrainingFusionTest.INPUT_SHAPES);
            task.head().initialize(manager, DataType.FLOAT32, fusedShapes);
            ParameterStore store = new ParameterStore(manager, false);

            NDList fused = fusion.forward(store, PretrainingFusionTest.inputs(manager), false);
            NDList outputs = task.head().forward(store, fused, false);

            List<String> names = new ArrayList<>();
            outputs.forEach(array -> names.add(array.getName()));
            assertThat(names).containsExactlyElementsOf(task.outputs());
            assertThat(outputs.getShapes())
                    .containsExactly(task.head().getOutputShapes(fusedShapes));
            assertThat(outputs.get("itc_a").getShape()).isEqualTo(new Shape(3, 4));
            assertThat(outputs.get("mlm_logits").getShape()).isEqualTo(new Shape(3, 3, 9));
            assertThat(FusedOutput.from(fused).extras()).containsKey("unimodal.image");

            Metric metric = task.newMetrics().get(0);
            metric.update(outputs, task.targets(NoData.samples(3), manager));
            List<String> metrics = new ArrayList<>();
            for (MetricValue value : metric.compute()) {
                metrics.add(value.name());
                assertThat(value.higherIsBetter()).isTrue();
            }
            assertThat(metrics).containsExactly("recall@1_image2text", "recall@1_text2image",
                    "itm_accuracy", "mlm_accuracy", "pretraining_score");
            assertThat(task.selectionMetric()).isEqualTo("pretraining_score");
        }
    }

    @Test
    void aFusionWithoutPretrainingOutputsIsAUserErrorNamingTheOption() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Task task = task(Map.of());
            NDArray pooled = manager.zeros(new Shape(2, PretrainingFusionTest.DIM));
            task.head().initialize(manager, DataType.FLOAT32, pooled.getShape());

            assertThatThrownBy(() -> task.head().forward(new ParameterStore(manager, false),
                    FusedOutput.pooledOnly(pooled).toNDList(), false))
                    .isInstanceOf(UserInputException.class)
                    .hasMessageContaining("'unimodal.image'")
                    .hasMessageContaining("pretraining: [a, b]");
        }
    }
}
