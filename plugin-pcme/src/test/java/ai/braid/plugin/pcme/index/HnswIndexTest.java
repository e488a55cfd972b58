package ai.braid.plugin.pcme.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.UserInputException;
import ai.braid.plugin.pcme.similarity.CsdSimilarity;
import ai.braid.plugin.pcme.similarity.GaussianSet;
import ai.braid.plugin.pcme.similarity.Similarity;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HnswIndexTest {

    @TempDir
    Path work;

    @Test
    void findsTheExactTopTenAndScoresThemWithTheSimilarity() throws Exception {
        Engine.getInstance().setRandomSeed(5);
        try (NDManager manager = NDManager.newBaseManager()) {
            AnnBenchmark.Embeddings data =
                    AnnBenchmark.Embeddings.synthetic(manager, 2000, 30, 16, 0.05f);
            GaussianSet gallery = data.gallery();
            GaussianSet queries = data.queries();
            int k = 10;
            SearchHits exact;
            try (ExactIndex index = ExactIndex.builder().setGallery(gallery)
                    .setSimilarity(new CsdSimilarity()).build()) {
                exact = index.search(queries, k);
            }
            int arraysBefore = manager.getManagedArrays().size();
            SearchHits approximate;
            try (HnswIndex index = HnswIndex.builder().setGallery(gallery)
                    .setSimilarity(new CsdSimilarity()).optCandidates(200)
                    .optWorkDirectory(work).build()) {
                assertThat(index.size()).isEqualTo(2000);
                assertThat(index.dimension()).isEqualTo(16);
                assertThat(index.candidates(k)).isEqualTo(200);
                try (Stream<Path> files = Files.list(work)) {
                    assertThat(files.count()).isEqualTo(1);
                }
                approximate = index.search(queries, k);
            }
            try (Stream<Path> files = Files.list(work)) {
                assertThat(files.count()).as("index files deleted on close").isZero();
            }
            assertThat(manager.getManagedArrays()).hasSize(arraysBefore);

            assertThat(approximate.meanRecall(exact)).isGreaterThanOrEqualTo(0.98);
            float[] gMu = gallery.mu().toFloatArray();
            float[] gLs = gallery.logSigma().toFloatArray();
            float[] qMu = queries.mu().toFloatArray();
            float[] qLs = queries.logSigma().toFloatArray();
            for (int q = 0; q < approximate.queries(); q++) {
                int[] ids = approximate.ids(q);
                float[] scores = approximate.scores(q);
                assertThat(ids).hasSize(k).doesNotHaveDuplicates();
                for (int r = 0; r < k; r++) {
                    assertThat(ids[r]).isBetween(0, 1999);
                    if (r > 0) {
                        assertThat(scores[r]).isLessThanOrEqualTo(scores[r - 1]);
                    }
                    double expected = CsdReference.score(
                            Arrays.copyOfRange(qMu, q * 16, (q + 1) * 16),
                            Arrays.copyOfRange(qLs, q * 16, (q + 1) * 16),
                            Arrays.copyOfRange(gMu, ids[r] * 16, (ids[r] + 1) * 16),
                            Arrays.copyOfRange(gLs, ids[r] * 16, (ids[r] + 1) * 16));
                    assertThat((double) scores[r]).isCloseTo(expected, within(1e-4));
                }
            }
        }
    }

    @Test
    void aDistanceWithAnEuclideanFormIsSearchedItselfNotThroughTheMeans() throws Exception {
        Engine.getInstance().setRandomSeed(11);
        try (NDManager manager = NDManager.newBaseManager()) {
            // unit means with total variances spread over a factor of ~150: the closed-form
            // sampled distance's top 10 is far from the means' nearest 10
            NDArray mu = manager.randomNormal(new Shape(3000, 8));
            mu = mu.div(mu.norm(new int[] {1}, true));
            NDArray logSigma = manager.randomUniform(-3f, -0.5f, new Shape(3000, 1))
                    .repeat(1, 8);
            GaussianSet gallery = new GaussianSet(mu, logSigma);
            GaussianSet queries = gallery.rows(0, 40);
            int k = 10;
            SearchHits exact;
            try (ExactIndex index = ExactIndex.builder().setGallery(gallery)
                    .setSimilarity(new CsdSimilarity()).build()) {
                exact = index.search(queries, k);
            }
            SearchHits viaForm;
            try (HnswIndex index = HnswIndex.builder().setGallery(gallery)
                    .setSimilarity(new CsdSimilarity()).optCandidates(k)
                    .optWorkDirectory(work).build()) {
                viaForm = index.search(queries, k);
            }
            SearchHits viaMeans;
            try (HnswIndex index = HnswIndex.builder().setGallery(gallery)
                    .setSimilarity(new CsdWithoutForm()).optCandidates(k)
                    .optWorkDirectory(work).build()) {
                viaMeans = index.search(queries, k);
            }

            assertThat(viaForm.meanRecall(exact)).isGreaterThanOrEqualTo(0.95);
            assertThat(viaMeans.meanRecall(exact)).isLessThan(0.8);
        }
    }

    /** The closed-form sampled distance without its Euclidean form: the cosine proxy. */
    private static final class CsdWithoutForm implements Similarity {
        private final CsdSimilarity csd = new CsdSimilarity();

        @Override
        public String name() {
            return "csd-by-means";
        }

        @Override
        public boolean needsSigma() {
            return true;
        }

        @Override
        public NDArray score(GaussianSet queries, GaussianSet gallery) {
            return csd.score(queries, gallery);
        }
    }

    @Test
    void candidatesCoveringTheGalleryGiveTheExactAnswerOnOneThread() {
        Engine.getInstance().setRandomSeed(6);
        try (NDManager manager = NDManager.newBaseManager()) {
            AnnBenchmark.Embeddings data =
                    AnnBenchmark.Embeddings.synthetic(manager, 300, 12, 8, 0.1f);
            SearchHits exact;
            try (ExactIndex index = ExactIndex.builder().setGallery(data.gallery())
                    .setSimilarity(new CsdSimilarity()).build()) {
                exact = index.search(data.queries(), 5);
            }
            try (HnswIndex index = HnswIndex.builder().setGallery(data.gallery())
                    .setSimilarity(new CsdSimilarity()).optThreads(1).optMaxConn(8)
                    .optBeamWidth(32).optCandidates(5).optWorkDirectory(work).build()) {
                assertThat(index.candidates(5)).isEqualTo(5);
                // A search of k' = G visits the whole (connected) graph: exact.
                SearchHits approximate = index.search(data.queries(), 5, 300);
                assertThat(approximate.meanRecall(exact)).isEqualTo(1.0);
                for (int q = 0; q < exact.queries(); q++) {
                    assertThat(approximate.ids(q)).containsExactly(exact.ids(q));
                }
                assertThatThrownBy(() -> index.search(data.queries(), 5, 0))
                        .isInstanceOf(UserInputException.class);
            }
        }
    }

    @Test
    void defaultCandidatesAreTwentyTimesKAndOptionsAreChecked() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianSet gallery = new GaussianSet(manager.randomNormal(new Shape(50, 4)),
                    manager.zeros(new Shape(50, 4)));
            try (HnswIndex index = HnswIndex.builder().setGallery(gallery)
                    .setSimilarity(new CsdSimilarity()).optWorkDirectory(work).build()) {
                assertThat(index.candidates(2)).isEqualTo(40);
                assertThat(index.candidates(3)).isEqualTo(50);
                assertThat(index.maxConn()).isEqualTo(HnswIndex.DEFAULT_MAX_CONN);
                assertThat(index.beamWidth()).isEqualTo(HnswIndex.DEFAULT_BEAM_WIDTH);
                assertThatThrownBy(() -> index.search(GaussianSet.points(gallery.mu()), 1))
                        .isInstanceOf(UserInputException.class);
            }
            assertThatThrownBy(() -> HnswIndex.builder().optMaxConn(0))
                    .isInstanceOf(UserInputException.class);
            assertThatThrownBy(() -> HnswIndex.builder().optBeamWidth(5000))
                    .isInstanceOf(UserInputException.class);
            assertThatThrownBy(() -> HnswIndex.builder().optCandidates(0))
                    .isInstanceOf(UserInputException.class);
            GaussianSet tooWide = new GaussianSet(manager.ones(new Shape(2, 1025)),
                    manager.zeros(new Shape(2, 1025)));
            assertThatThrownBy(() -> HnswIndex.builder().setGallery(tooWide)
                    .setSimilarity(new CsdSimilarity()).build())
                    .isInstanceOf(UserInputException.class).hasMessageContaining("1025");
        }
    }
}
