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
import ai.djl.nn.core.Linear;
import java.nio.file.Files;
import java.nio.file.Path;
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

            store.save(block, optimizer, VOCABULARY, state(1, 1), "name: a\n", true);
            float[] atBest = block.getParameters().get(0).getValue().getArray().toFloatArray();
            block.getParameters().get(0).getValue().getArray().addi(1f);
            store.save(block, optimizer, VOCABULARY, state(2, 1), "name: a\n", false);
            store.save(block, optimizer, VOCABULARY, state(3, 1), "name: a\n", false);

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
            store.save(block, new NDList(), Map.of(), state(1, 1), "name: a\n", true);
            // What a kill during the next save leaves: a half-written temporary folder.
            Path partial = Files.createDirectory(dir.resolve("checkpoint/.epoch-0002-123"));
            Files.writeString(partial.resolve("model.params"), "trunc");

            assertThat(store.latest()).contains(dir.resolve("checkpoint/epoch-0001"));
            CheckpointStore.loadParameters(store.latest().orElseThrow(), block, manager);
            store.save(block, new NDList(), Map.of(), state(2, 1), "name: a\n", false);
            assertThat(partial).doesNotExist();
        }
    }

    @Test
    void aFolderWithoutCheckpointIsAUserError() {
        assertThatThrownBy(() -> CheckpointStore.resolve(dir))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("--checkpoint " + dir + ": no checkpoint there");
    }
}
