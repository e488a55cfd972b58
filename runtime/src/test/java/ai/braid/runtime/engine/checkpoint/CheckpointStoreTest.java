package ai.braid.runtime.engine.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {

    private static final Map<String, byte[]> VOCABULARY = Map.of("text", new byte[] {7});

    @TempDir
    Path dir;

    private static TrainingState state(int epoch, int best) {
        return new TrainingState(epoch, epoch * 10L, 7, best, 0.5, 0);
    }

    @Test
    void keepsTheLatestAndTheBestEpochAndRestoresParameters() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = Linear.builder().setUnits(3).build();
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 4));
            CheckpointStore store = new CheckpointStore(dir.resolve("checkpoint"));
            NDList optimizer = new NDList(manager.ones(new Shape(2)));
            optimizer.get(0).setName("weight.m");

            store.save(block, optimizer, VOCABULARY, Map.of(), block, state(1, 1), "name: a\n",
                    true);
            float[] atBest = block.getParameters().get(0).getValue().getArray().toFloatArray();
            block.getParameters().get(0).getValue().getArray().addi(1f);
            store.save(block, optimizer, VOCABULARY, Map.of(), block, state(2, 1), "name: a\n",
                    false);
            store.save(block, optimizer, VOCABULARY, Map.of(), block, state(3, 1), "name: a\n",
                    false);

            assertThat(store.latest()).contains(dir.resolve("checkpoint/epoch-0003"));
            assertThat(store.best()).contains(dir.resolve("checkpoint/epoch-0001"));
            try (Stream<Path> entries = Files.list(dir.resolve("checkpoint"))) {
                assertThat(entries.map(path -> path.getFileName().toString()))
                        .containsExactlyInAnyOrder("checkpoint.json", "epoch-0001",
                                "epoch-0003");
            }
            assertThat(CheckpointStore.resolve(dir)).isEqualTo(store.best().orElseThrow());
            CheckpointStore.loadParameters(CheckpointStore.resolve(dir), block, manager);
            assertThat(block.getParameters().get(0).getValue().getArray().toFloatArray())
                    .containsExactly(atBest);
            assertThat(CheckpointStore.readState(store.latest().orElseThrow()).step())
                    .isEqualTo(30);
            NDArray moments = CheckpointStore.readOptimizerState(store.latest().orElseThrow(),
                    manager).get("weight.m");
            assertThat(moments.toFloatArray()).containsExactly(1f, 1f);
            assertThat(CheckpointStore.readProjectorStates(store.latest().orElseThrow()))
                    .containsOnlyKeys("text");
        }
    }

    @Test
    void aSaveKilledHalfwayLeavesThePreviousCheckpointUsableAndIsCleanedUp() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = Linear.builder().setUnits(2).build();
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
            CheckpointStore store = new CheckpointStore(dir.resolve("checkpoint"));
            store.save(block, new NDList(), Map.of(), Map.of(), block, state(1, 1), "name: a\n",
                    true);
            // What a kill during the next save leaves: a half-written temporary folder.
            Path partial = Files.createDirectory(dir.resolve("checkpoint/.epoch-0002-123"));
            Files.writeString(partial.resolve("model.params"), "trunc");

            assertThat(store.latest()).contains(dir.resolve("checkpoint/epoch-0001"));
            CheckpointStore.loadParameters(store.latest().orElseThrow(), block, manager);
            assertThat(CheckpointStore.readOptimizerState(store.latest().orElseThrow(),
                    manager)).isEmpty();
            store.save(block, new NDList(), Map.of(), Map.of(), block, state(2, 1), "name: a\n",
                    false);
            assertThat(partial).doesNotExist();
        }
    }

    @Test
    void savesEachProjectorsParametersByTheirNamesInsideTheProjector() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock projector = new SequentialBlock()
                    .add(Linear.builder().setUnits(3).build())
                    .add(Linear.builder().setUnits(2).build());
            SequentialBlock model = new SequentialBlock().add(projector)
                    .add(Linear.builder().setUnits(1).build());
            model.initialize(manager, DataType.FLOAT32, new Shape(1, 4));
            CheckpointStore store = new CheckpointStore(dir.resolve("checkpoint"));

            store.save(model, new NDList(), Map.of(), Map.of("image", projector), model,
                    state(1, 1), "name: a\n", true);

            Path epoch = store.latest().orElseThrow();
            assertThat(CheckpointStore.projectorParametersFile(epoch, "image"))
                    .isEqualTo(epoch.resolve("projectors/image.params.ndlist")).isNotEmptyFile();
            assertThat(CheckpointStore.projectorParameterModalities(epoch))
                    .containsExactly("image");
            NDList saved = CheckpointStore.readProjectorParameters(epoch, "image", manager);
            List<String> names = new ArrayList<>();
            for (Pair<String, Parameter> entry : projector.getParameters()) {
                names.add(entry.getKey());
                assertThat(saved.get(entry.getKey()).toFloatArray()).as(entry.getKey())
                        .containsExactly(entry.getValue().getArray().toFloatArray());
            }
            assertThat(saved).extracting(NDArray::getName).containsExactlyElementsOf(names)
                    .hasSize(4);
            // The live parameters keep their own names.
            assertThat(projector.getParameters().get(0).getValue().getArray().getName())
                    .isEqualTo("weight");
        }
    }

    @Test
    void findsTheEpochFolderOfARunWithoutFailing() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = Linear.builder().setUnits(2).build();
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
            new CheckpointStore(dir.resolve("run/checkpoint")).save(block, new NDList(),
                    Map.of(), Map.of(), block, state(1, 1), "name: a\n", true);

            Path epoch = dir.resolve("run/checkpoint/epoch-0001");
            assertThat(CheckpointStore.find(dir.resolve("run"))).contains(epoch);
            assertThat(CheckpointStore.find(dir.resolve("run/checkpoint"))).contains(epoch);
            assertThat(CheckpointStore.find(epoch)).contains(epoch);
            assertThat(CheckpointStore.find(dir.resolve("elsewhere"))).isEmpty();
        }
    }

    @Test
    void aFolderWithoutCheckpointIsAUserError() {
        assertThatThrownBy(() -> CheckpointStore.resolve(dir))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("--checkpoint " + dir + ": no checkpoint there");
    }
}
