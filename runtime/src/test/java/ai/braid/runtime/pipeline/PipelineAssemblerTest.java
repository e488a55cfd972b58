package ai.braid.runtime.pipeline;

import static ai.braid.runtime.pipeline.TestPipelines.problems;
import static org.assertj.core.api.Assertions.assertThat;

import ai.braid.api.data.FusedOutput;
import ai.braid.api.data.LossTerm;
import ai.braid.api.data.Modality;
import ai.braid.api.data.Sample;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.api.spi.ModalityProjector;
import ai.braid.runtime.BraidRuntime;
import ai.braid.runtime.config.ConfigProblem;
import ai.braid.runtime.fixtures.VectorsReader;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineAssemblerTest {

    private static final Modality VECTOR = Modality.of("vector");
    private static final Modality MIRROR = Modality.of("mirror");

    @TempDir
    static Path shared;

    private static BraidRuntime runtime;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadRuntime() {
        runtime = TestPipelines.load(shared);
    }

    /** A pipeline with the given task, data, projectors and further sections. */
    private Path pipeline(String task, String data, String projectors, String rest) {
        return TestPipelines.write(dir, "p.yaml", "name: demo\n" + task + "\n" + data + "\n"
                + "projectors:\n" + projectors + "\nfusion:\n  name: concat\n  dim: 16\n" + rest);
    }

    private Path pipeline(String projectors, String rest) {
        return pipeline("task: classification", "data: {reader: vectors, size: 6}", projectors,
                rest);
    }

    private AssembledPipeline assemble(Path file) {
        return runtime.assemble(runtime.resolve(file, List.of()));
    }

    private List<ConfigProblem> problemsOf(Path file) {
        PipelineSpec spec = runtime.resolve(file, List.of());
        return problems(() -> runtime.assemble(spec));
    }

    @Test
    void assemblesAValidPipelineWithTheTasksDefaultObjective() {
        AssembledPipeline pipeline = assemble(pipeline("  vector: vector-tokens", ""));

        assertThat(pipeline.reader()).isInstanceOf(VectorsReader.class);
        assertThat(pipeline.extractors()).isEmpty();
        assertThat(pipeline.projectors()).containsOnlyKeys(VECTOR);
        assertThat(pipeline.projectors().get(VECTOR).dim()).isEqualTo(8);
        assertThat(pipeline.fusion().outputDim()).isEqualTo(16);
        assertThat(pipeline.task().outputs()).containsExactlyInAnyOrder("logits", "embedding");
        assertThat(pipeline.task().targetNames()).containsExactly("label");
        assertThat(pipeline.objectives()).hasSize(1);
        AssembledPipeline.NamedObjective objective = pipeline.objectives().get(0);
        assertThat(objective.name()).isEqualTo("cross-entropy");
        assertThat(objective.weight()).isEqualTo(1.0);
        assertThat(objective.objective().requiredOutputs()).containsExactly("logits");
        assertThat(objective.objective().requiredTargets()).containsExactly("label");
        assertThat(pipeline.spec().objectives()).isEmpty();
    }

    @Test
    void listedObjectivesKeepTheirWeights() {
        AssembledPipeline pipeline = assemble(pipeline("  vector: vector-tokens",
                "objectives:\n  - {name: cross-entropy, weight: 0.25}\n"));

        assertThat(pipeline.objectives()).singleElement().satisfies(objective -> {
            assertThat(objective.name()).isEqualTo("cross-entropy");
            assertThat(objective.weight()).isEqualTo(0.25);
        });
    }

    @Test
    void projectorsFollowTheFileOrderAndSharedOnesAreOneObject() {
        AssembledPipeline pipeline = assemble(pipeline(
                "  mirror: {name: vector-tokens, dim: 4}\n  vector: {shareWith: mirror}", ""));

        assertThat(pipeline.projectors().keySet()).containsExactly(MIRROR, VECTOR);
        assertThat(pipeline.projectors().get(VECTOR)).isSameAs(pipeline.projectors().get(MIRROR));
        assertThat(pipeline.projectors().get(VECTOR).dim()).isEqualTo(4);
    }

    @Test
    void aProjectorForAModalityTheDataLacksNamesTheAvailableOnes() {
        Path file = pipeline("  vector: vector-tokens\n  image: vector-tokens", "");

        assertThat(problemsOf(file)).containsExactly(new ConfigProblem("projectors.image",
                "no modality 'image': the data and the extractors give [vector, mirror,"
                        + " caption]"));
    }

    @Test
    void aProjectorOfTheWrongInputTypeIsReported() {
        Path file = pipeline("  caption: vector-tokens", "");

        assertThat(problemsOf(file)).containsExactly(new ConfigProblem("projectors.caption",
                "the projector reads float[] but modality 'caption' holds String"));
    }

    @Test
    void everyProjectorProblemIsReportedTogether() {
        Path file = pipeline(
                "  image: vector-tokens\n  caption: vector-tokens\n  vector: vector-tokens", "");

        assertThat(problemsOf(file)).extracting(ConfigProblem::where)
                .containsExactly("projectors.image", "projectors.caption");
    }

    @Test
    void anObjectiveReadingATargetTheTaskLacksIsReported() {
        Path file = pipeline("  vector: vector-tokens",
                "objectives:\n  - {name: cross-entropy, target: other}\n");

        assertThat(problemsOf(file)).containsExactly(new ConfigProblem("objectives[0]",
                "objective 'cross-entropy' reads targets [other] that task 'classification'"
                        + " does not give; it gives [label]"));
    }

    @Test
    void anObjectiveReadingAnOutputTheTaskLacksIsReported() {
        Path file = pipeline("  vector: vector-tokens",
                "objectives:\n  - {name: cross-entropy, output: scores}\n");

        assertThat(problemsOf(file)).containsExactly(new ConfigProblem("objectives[0]",
                "objective 'cross-entropy' reads outputs [scores] that task 'classification'"
                        + " does not give; it gives [embedding, logits]"));
    }

    @Test
    void mgdaWithOneObjectiveIsReportedAtTheWeighting() {
        Path file = pipeline("  vector: vector-tokens", "weighting: mgda\n");

        assertThat(problemsOf(file)).containsExactly(new ConfigProblem("weighting",
                "mgda combines exactly two objectives, the pipeline has 1 [cross-entropy];"
                        + " list two objectives or use weighting: fixed"));
    }

    @Test
    void anObjectiveListedTwiceIsReported() {
        Path file = pipeline("  vector: vector-tokens",
                "objectives:\n  - cross-entropy\n  - {name: cross-entropy, weight: 2}\n");

        assertThat(problemsOf(file)).containsExactly(new ConfigProblem("objectives[1]",
                "objective 'cross-entropy' is listed twice"));
    }

    @Test
    void aTaskTargetMissingFromTheDatasetNamesItsYamlPath() {
        Path file = pipeline("task:\n  name: classification\n  target: mood",
                "data: vectors", "  vector: vector-tokens", "");

        assertThat(problemsOf(file)).containsExactly(new ConfigProblem(
                "task.target (" + file + ":4)", "the dataset has no target 'mood'; it has"
                        + " [label]"));
    }

    @Test
    void aTargetWithOneClassIsReported() {
        Path file = pipeline("task: classification", "data: {reader: vectors, classes: 1}",
                "  vector: vector-tokens", "");

        assertThat(problemsOf(file)).containsExactly(new ConfigProblem("task.target (default)",
                "target 'label' needs at least two class names, the dataset gives [c0]"));
    }

    @Test
    void aReaderThatCannotFindItsDataStopsAssemblyWithItsOwnMessage() {
        Path file = pipeline("task: classification",
                "data:\n  reader: vectors\n  file: no-such-file.csv",
                "  image: vector-tokens", "");

        // Without a reader the modalities are unknown, so the projector is not checked yet.
        assertThat(problemsOf(file)).containsExactly(new ConfigProblem(
                "data.file (" + file + ":5)", "no-such-file.csv does not exist"));
    }

    @Test
    void theAssembledPartsRunOnABatch() {
        AssembledPipeline pipeline = assemble(pipeline("  vector: vector-tokens", ""));
        SampleSet train = pipeline.reader().read(Split.TRAIN);
        List<Sample> batch = new ArrayList<>();
        List<Object> vectors = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            batch.add(train.get(i));
            vectors.add(train.get(i).input(VECTOR, float[].class));
        }
        ModalityProjector projector = pipeline.projectors().get(VECTOR);

        try (NDManager manager = NDManager.newBaseManager()) {
            ParameterStore store = new ParameterStore(manager, false);
            NDList input = projector.preprocess(vectors, manager);
            assertThat(input.head().getShape()).isEqualTo(new Shape(4, 4));
            projector.block().initialize(manager, DataType.FLOAT32, new Shape(4, 4));
            NDList tokens = projector.block().forward(store, input, false);
            assertThat(tokens.get(0).getShape()).isEqualTo(new Shape(4, 4, 8));
            assertThat(tokens.get(1).getShape()).isEqualTo(new Shape(4, 4));

            pipeline.fusion().block().initialize(manager, DataType.FLOAT32,
                    new Shape(4, 4, 8), new Shape(4, 4));
            NDList fused = pipeline.fusion().block().forward(store, tokens, false);
            assertThat(FusedOutput.from(fused).pooled().getShape()).isEqualTo(new Shape(4, 16));

            pipeline.task().head().initialize(manager, DataType.FLOAT32, new Shape(4, 16));
            NDList outputs = pipeline.task().head().forward(store, fused, false);
            NDArray logits = outputs.get("logits");
            assertThat(logits.getShape()).isEqualTo(new Shape(4, 3));

            NDList targets = pipeline.task().targets(batch, manager);
            assertThat(targets.get("label").toLongArray()).containsExactly(0, 1, 2, 0);
            List<LossTerm> loss = pipeline.objectives().get(0).objective()
                    .compute(outputs, targets);
            assertThat(loss).singleElement().satisfies(term -> {
                assertThat(term.name()).isEqualTo("cross-entropy");
                assertThat(term.value().getFloat()).isPositive().isFinite();
            });
        }
    }
}
