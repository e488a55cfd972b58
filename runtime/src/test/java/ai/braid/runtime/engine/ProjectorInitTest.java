package ai.braid.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import ai.braid.runtime.engine.checkpoint.CheckpointStore;
import ai.braid.runtime.engine.data.PipelineData;
import ai.braid.runtime.pipeline.AssembledPipeline;
import ai.braid.runtime.report.MetricRecord;
import ai.braid.runtime.report.MetricsLog;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Projectors started from another run ({@code init}) and frozen ({@code freeze}). */
class ProjectorInitTest {

    private static final String PROJECTORS = "projectors:\n  vector: vector-tokens\n"
            + "  mirror: {shareWith: vector}\n";

    @TempDir
    Path dir;

    /** A run of one epoch whose trained projector the tests start from. */
    private Path source;

    @BeforeEach
    void trainTheSource() {
        source = dir.resolve("source");
        train(source, "  vector: vector-tokens\n", "train.epochs=1");
    }

    private String yaml(String projectors) {
        return EnginePipelines.vectors(24, 2, 8, "").replace(PROJECTORS,
                "projectors:\n" + projectors + "  mirror: {shareWith: vector}\n");
    }

    private void train(Path out, String projectors, String... overrides) {
        new TrainingRun(EnginePipelines.assemble(dir, yaml(projectors), overrides), out,
                dir.resolve("cache"), false).run();
    }

    /** The vector projector's parameters saved in a run's latest epoch, by relative name. */
    private static Map<String, float[]> projector(Path run) {
        Path epoch = new CheckpointStore(run.resolve("checkpoint")).latest().orElseThrow();
        Map<String, float[]> values = new LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (NDArray array : CheckpointStore.readProjectorParameters(epoch, "vector",
                    manager)) {
                values.put(array.getName(), array.toFloatArray());
            }
        }
        return values;
    }

    @Test
    void aFrozenProjectorKeepsTheSourceParametersBitForBitWhileTheRestTrains()
            throws IOException {
        Path fresh = dir.resolve("fresh");
        train(fresh, "  vector: vector-tokens\n", "train.epochs=0");
        Path out = dir.resolve("frozen");
        train(out, "  vector: {name: vector-tokens, init: " + source + ", freeze: true}\n",
                "fusion={name: pool}");

        Map<String, float[]> trained = projector(source);
        assertThat(trained).containsOnlyKeys("01linear_weight", "01linear_bias");
        Map<String, float[]> frozen = projector(out);
        assertThat(frozen).containsOnlyKeys(trained.keySet());
        trained.forEach((name, values) -> {
            assertThat(frozen.get(name)).as(name).containsExactly(values);
            assertThat(projector(fresh).get(name)).as("%s was trained in the source", name)
                    .isNotEqualTo(values);
        });
        List<MetricRecord> steps = MetricsLog.readAll(MetricsLog.file(out)).stream()
                .filter(record -> record.split().equals(MetricRecord.TRAIN)).toList();
        assertThat(steps).isNotEmpty().allSatisfy(record ->
                assertThat(record.value("grad_norm")).isPositive());

        // Evaluating and resuming read the run's own checkpoint, not the source.
        deleteTree(source);
        AssembledPipeline pipeline = EnginePipelines.assemble(dir, yaml("  vector: {name:"
                + " vector-tokens, init: " + source + ", freeze: true}\n"), "fusion={name: pool}");
        PipelineData data = PipelineData.load(pipeline, dir.resolve("cache"));
        try (TrainedModel model = TrainedModel.load(pipeline, out, data)) {
            assertThat(model.evaluate(data)).containsKeys("validation", "test");
        }
        AssembledPipeline longer = EnginePipelines.assemble(dir, yaml("  vector: {name:"
                + " vector-tokens, init: " + source + ", freeze: true}\n"), "fusion={name: pool}",
                "train.epochs=3");
        assertThat(new TrainingRun(longer, out, dir.resolve("cache"), true).run().epochs())
                .isEqualTo(3);
        projector(out).forEach((name, values) ->
                assertThat(values).as(name).containsExactly(trained.get(name)));
    }

    @Test
    void parametersWithoutAMatchKeepTheirFreshInitialisation() {
        String layered = "  vector: {name: layered-tokens, extraLayer: true";
        Path fresh = dir.resolve("fresh");
        train(fresh, layered + "}\n", "train.epochs=0");
        Path out = dir.resolve("partial");
        train(out, layered + ", init: {path: " + source.resolve("checkpoint")
                + ", modality: vector}}\n", "train.epochs=0");

        Map<String, float[]> copied = projector(out);
        Map<String, float[]> trained = projector(source);
        Map<String, float[]> initial = projector(fresh);
        assertThat(copied).containsOnlyKeys("01linear_weight", "01linear_bias",
                "02extra_weight", "02extra_bias");
        assertThat(copied.get("01linear_weight")).containsExactly(trained.get("01linear_weight"))
                .isNotEqualTo(initial.get("01linear_weight"));
        assertThat(copied.get("01linear_bias")).containsExactly(trained.get("01linear_bias"));
        assertThat(copied.get("02extra_weight")).containsExactly(initial.get("02extra_weight"));
        assertThat(copied.get("02extra_bias")).containsExactly(initial.get("02extra_bias"));
    }

    @Test
    void theProjectorTakesOverWhatTheSourceFittedInsteadOfFittingOnItsOwnData() {
        String centred = "  vector: {name: layered-tokens, centred: true";
        Path centredSource = dir.resolve("centred-source");
        train(centredSource, centred + "}\n", "train.epochs=0");
        Path refitted = dir.resolve("refitted");
        train(refitted, centred + "}\n", "train.epochs=0", "data.size=40");
        Path out = dir.resolve("inherited");
        train(out, centred + ", init: " + centredSource + "}\n", "train.epochs=0",
                "data.size=40");

        byte[] fitted = fittedState(centredSource);
        assertThat(fitted).hasSize(Float.BYTES);
        assertThat(fittedState(refitted)).as("another training split fits another mean")
                .isNotEqualTo(fitted);
        assertThat(fittedState(out)).isEqualTo(fitted);
    }

    @Test
    void aSourceThatFittedNothingLeavesTheProjectorToFitAndAStateItCannotReadIsAUserError()
            throws IOException {
        String centred = "  vector: {name: layered-tokens, centred: true";
        Path refitted = dir.resolve("refitted");
        train(refitted, centred + "}\n", "train.epochs=0");
        Path out = dir.resolve("fits");
        train(out, centred + ", init: " + source + "}\n", "train.epochs=0");
        assertThat(fittedState(source)).as("the plain source fitted nothing").isEmpty();
        assertThat(fittedState(out)).hasSize(Float.BYTES).isEqualTo(fittedState(refitted));

        Path epoch = new CheckpointStore(out.resolve("checkpoint")).latest().orElseThrow();
        Files.write(epoch.resolve("projectors").resolve("vector.state"), new byte[3]);
        assertThatThrownBy(() -> train(dir.resolve("bad"), centred + ", init: " + out + "}\n",
                "train.epochs=0"))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("projectors.vector.init")
                .hasMessageContaining("the fitted state saved for 'vector' does not fit")
                .hasMessageContaining("3 bytes");
    }

    /** The vector projector's fitted state saved in a run's latest epoch. */
    private static byte[] fittedState(Path run) {
        Path epoch = new CheckpointStore(run.resolve("checkpoint")).latest().orElseThrow();
        return CheckpointStore.readProjectorStates(epoch).get("vector");
    }

    @Test
    void aSourceThatDoesNotFitIsAUserErrorAtTheInitKey() {
        String where = "projectors.vector.init: ";
        assertThatThrownBy(() -> train(dir.resolve("a"), "  vector: {name: vector-tokens,"
                + " init: " + dir.resolve("nothing") + "}\n"))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith(where + "no checkpoint in " + dir.resolve("nothing"));
        assertThatThrownBy(() -> train(dir.resolve("b"), "  vector: {name: vector-tokens,"
                + " init: {path: " + source + ", modality: caption}}\n"))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith(where)
                .hasMessageContaining("projectors/caption.params.ndlist does not exist")
                .hasMessageContaining("[mirror, vector]");
        assertThatThrownBy(() -> train(dir.resolve("c"), "  vector: {name: vector-tokens,"
                + " dim: 4, init: " + source + "}\n"))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith(where)
                .hasMessageContaining("holds '01linear_weight' of shape (8, 1)")
                .hasMessageContaining("of shape (4, 1)");
        assertThatThrownBy(() -> train(dir.resolve("d"), "  vector: {name: layered-tokens,"
                + " layerName: other, init: " + source + "}\n"))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith(where + "no array of ")
                .hasMessageContaining("the projector of 'vector' has [01other_weight, 01other_bias]");
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
