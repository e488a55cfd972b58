package ai.braid.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import ai.braid.runtime.engine.checkpoint.CheckpointStore;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run started from another run's projectors and fusion ({@code train.init}). */
class RunInitializationTest {

    private static final String FUSION =
            "fusion={name: transformer, dim: 16, layers: 1, heads: 2, ffnDim: 32}";

    @TempDir
    Path dir;

    /** A trained run of one epoch the tests start from. */
    private Path source;

    @BeforeEach
    void trainTheSource() {
        source = dir.resolve("source");
        train(source, FUSION, "train.epochs=1");
    }

    private void train(Path out, String... overrides) {
        new TrainingRun(EnginePipelines.assemble(dir, EnginePipelines.vectors(24, 1, 8, ""),
                overrides), out, dir.resolve("cache"), false).run();
    }

    /** A named parameter file of a run's latest epoch, by relative name. */
    private static Map<String, float[]> saved(Path run, String file) {
        Path epoch = new CheckpointStore(run.resolve("checkpoint")).latest().orElseThrow();
        Map<String, float[]> values = new LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (NDArray array : CheckpointStore.readNamedParameters(epoch.resolve(file),
                    manager)) {
                values.put(array.getName(), array.toFloatArray());
            }
        }
        return values;
    }

    @Test
    void theProjectorsAndTheFusionStartFromTheSourceAndTheHeadStartsFresh() {
        Path started = dir.resolve("started");
        // epochs 0: the checkpoint holds the model exactly as initialised; another head width
        train(started, FUSION, "train.epochs=0", "task.hidden=8", "train.seed=99",
                "train.init=" + source);
        Path fresh = dir.resolve("fresh");
        train(fresh, FUSION, "train.epochs=0", "task.hidden=8", "train.seed=99");

        Map<String, float[]> sourceFusion = saved(source, "fusion.params.ndlist");
        Map<String, float[]> startedFusion = saved(started, "fusion.params.ndlist");
        assertThat(sourceFusion).isNotEmpty();
        assertThat(startedFusion).containsOnlyKeys(sourceFusion.keySet());
        sourceFusion.forEach((name, values) ->
                assertThat(startedFusion.get(name)).as(name).containsExactly(values));
        Map<String, float[]> sourceProjector = saved(source, "projectors/vector.params.ndlist");
        saved(started, "projectors/vector.params.ndlist").forEach((name, values) ->
                assertThat(values).as(name).containsExactly(sourceProjector.get(name)));
        // and without init the same seed gives other values: the copy did the work
        Map<String, float[]> freshFusion = saved(fresh, "fusion.params.ndlist");
        assertThat(freshFusion.get("cls")).isNotEqualTo(startedFusion.get("cls"));
    }

    @Test
    void aPathWithoutACheckpointIsAUserErrorNamingTrainInit() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> train(dir.resolve("run"), FUSION, "train.init=" + empty))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("train.init: no checkpoint in " + empty);
    }

    @Test
    void aFusionOfAnotherShapeIsAUserErrorNamingTrainInit() {
        assertThatThrownBy(() -> train(dir.resolve("run"),
                "fusion={name: transformer, dim: 16, layers: 1, heads: 2, ffnDim: 64}",
                "train.init=" + source))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("train.init: ")
                .hasMessageContaining("of shape")
                .hasMessageContaining("the fusion");
    }
}
