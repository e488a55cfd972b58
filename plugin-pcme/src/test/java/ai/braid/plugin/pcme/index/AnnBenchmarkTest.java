package ai.braid.plugin.pcme.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import ai.braid.plugin.pcme.similarity.CsdSimilarity;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnnBenchmarkTest {

    @TempDir
    Path work;

    @Test
    void measuresEverySizeAndPrintsMachineReadableLines() {
        Engine.getInstance().setRandomSeed(7);
        try (NDManager manager = NDManager.newBaseManager()) {
            AnnBenchmark.Embeddings input =
                    AnnBenchmark.Embeddings.synthetic(manager, 300, 8, 8, 0.05f);
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            int arraysBefore = manager.getManagedArrays().size();
            List<AnnResult> results = AnnBenchmark.builder().optSizes(500, 1200).optQueries(6)
                    .optK(5).optCandidates(100).optWarmup(1).optWorkDirectory(work).build()
                    .run(input, new CsdSimilarity(), new PrintStream(text, true,
                            StandardCharsets.UTF_8));

            assertThat(manager.getManagedArrays()).hasSize(arraysBefore);
            assertThat(results).extracting(AnnResult::size).containsExactly(500L, 1200L);
            for (AnnResult result : results) {
                assertThat(result.recall()).isBetween(0.9, 1.0);
                assertThat(result.exactMs()).isPositive();
                assertThat(result.exactBatchMs()).isPositive();
                assertThat(result.hnswMs()).isPositive();
                assertThat(result.buildSeconds()).isPositive();
                assertThat(result.speedup()).isEqualTo(result.exactMs() / result.hnswMs());
            }
            String out = text.toString(StandardCharsets.UTF_8);
            assertThat(out).contains("6 queries").containsPattern(
                    "(?m)^ANN size=1200 recall5=[01]\\.\\d{4} exact_ms=[\\d.]+"
                            + " exact_batch_ms=[\\d.]+ hnsw_ms=[\\d.]+ speedup=[\\d.]+"
                            + " build_s=[\\d.]+$");
        }
    }

    @Test
    void loadsANamedNdListFile() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList list = new NDList();
            String[] names = {"query.mu", "query.logsigma", "gallery.mu", "gallery.logsigma"};
            long[] rows = {2, 2, 3, 3};
            for (int i = 0; i < names.length; i++) {
                NDArray array = manager.full(new Shape(rows[i], 4), i + 1f);
                array.setName(names[i]);
                list.add(array);
            }
            Path file = work.resolve("seed.ndlist");
            try (OutputStream out = Files.newOutputStream(file)) {
                list.encode(out);
            }
            AnnBenchmark.Embeddings loaded = AnnBenchmark.Embeddings.load(file, manager);
            assertThat(loaded.queries().mu().getShape()).isEqualTo(new Shape(2, 4));
            assertThat(loaded.queries().logSigma().toFloatArray()).containsOnly(2f);
            assertThat(loaded.gallery().mu().toFloatArray()).containsOnly(3f);
            assertThat(loaded.gallery().logSigma().getShape()).isEqualTo(new Shape(3, 4));

            NDList partial = new NDList(list.get(0), list.get(2));
            Path broken = work.resolve("partial.ndlist");
            try (OutputStream out = Files.newOutputStream(broken)) {
                partial.encode(out);
            }
            assertThatThrownBy(() -> AnnBenchmark.Embeddings.load(broken, manager))
                    .isInstanceOf(UserInputException.class)
                    .hasMessageContaining("gallery.logsigma");
            assertThatThrownBy(() -> AnnBenchmark.Embeddings.load(work.resolve("none"),
                    manager)).isInstanceOf(UserInputException.class);
        }
    }

    @Test
    void commandLineRunsASyntheticSetAndRejectsBadOptions() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = AnnBenchmarkCommand.execute(new String[] {"--synthetic", "200", "--dim",
            "8", "--sizes", "400", "--queries", "4", "--warmup", "0", "--work-dir",
            work.toString(), "--similarity", "csd"},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("ANN size=400 recall10=");

        assertThat(AnnBenchmarkCommand.execute(new String[] {"--synthetic", "200",
            "--similarity", "no-such-similarity"}, new PrintStream(out),
                new PrintStream(err))).isEqualTo(2);
        assertThat(AnnBenchmarkCommand.execute(new String[] {"--sizes", "x"},
                new PrintStream(out), new PrintStream(err))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no-such-similarity")
                .contains("usage:");
    }
}
