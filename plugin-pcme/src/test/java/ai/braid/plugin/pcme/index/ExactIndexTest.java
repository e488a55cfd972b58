package ai.braid.plugin.pcme.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.UserInputException;
import ai.braid.plugin.pcme.similarity.CsdSimilarity;
import ai.braid.plugin.pcme.similarity.GaussianSet;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Comparator;
import org.junit.jupiter.api.Test;

class ExactIndexTest {

    @Test
    void topKMatchesABruteForceJavaRanking() {
        Engine.getInstance().setRandomSeed(3);
        try (NDManager manager = NDManager.newBaseManager()) {
            int g = 40;
            int q = 7;
            int d = 6;
            int k = 5;
            GaussianSet gallery = new GaussianSet(manager.randomNormal(new Shape(g, d)),
                    manager.randomNormal(new Shape(g, d)).mul(0.3f).sub(1f));
            GaussianSet queries = new GaussianSet(manager.randomNormal(new Shape(q, d)),
                    manager.randomNormal(new Shape(q, d)).mul(0.3f).sub(1f));
            float[] gMu = gallery.mu().toFloatArray();
            float[] gLs = gallery.logSigma().toFloatArray();
            float[] qMu = queries.mu().toFloatArray();
            float[] qLs = queries.logSigma().toFloatArray();
            int arraysBefore = manager.getManagedArrays().size();

            // A chunk of 3 makes three chunks of 3, 3 and 1 queries.
            SearchHits hits;
            try (ExactIndex index = ExactIndex.builder().setGallery(gallery)
                    .setSimilarity(new CsdSimilarity()).optQueryChunk(3).build()) {
                assertThat(index.size()).isEqualTo(g);
                assertThat(index.dimension()).isEqualTo(d);
                hits = index.search(queries, k);
            }

            assertThat(manager.getManagedArrays()).hasSize(arraysBefore);
            assertThat(hits.queries()).isEqualTo(q);
            for (int i = 0; i < q; i++) {
                double[] expected = new double[g];
                for (int j = 0; j < g; j++) {
                    expected[j] = CsdReference.score(
                            Arrays.copyOfRange(qMu, i * d, (i + 1) * d),
                            Arrays.copyOfRange(qLs, i * d, (i + 1) * d),
                            Arrays.copyOfRange(gMu, j * d, (j + 1) * d),
                            Arrays.copyOfRange(gLs, j * d, (j + 1) * d));
                }
                Integer[] order = new Integer[g];
                Arrays.setAll(order, j -> j);
                Arrays.sort(order, Comparator.comparingDouble(j -> -expected[j]));
                int[] ids = hits.ids(i);
                float[] scores = hits.scores(i);
                assertThat(ids).hasSize(k);
                for (int r = 0; r < k; r++) {
                    assertThat(ids[r]).as("query %d rank %d", i, r).isEqualTo(order[r]);
                    assertThat((double) scores[r]).isCloseTo(expected[order[r]], within(1e-4));
                }
            }
        }
    }

    @Test
    void rejectsBadKDimensionAndMissingSigma() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianSet gallery = new GaussianSet(manager.ones(new Shape(4, 3)),
                    manager.zeros(new Shape(4, 3)));
            GaussianSet queries = new GaussianSet(manager.ones(new Shape(2, 3)),
                    manager.zeros(new Shape(2, 3)));
            try (ExactIndex index = ExactIndex.builder().setGallery(gallery)
                    .setSimilarity(new CsdSimilarity()).build()) {
                assertThatThrownBy(() -> index.search(queries, 5))
                        .isInstanceOf(UserInputException.class).hasMessageContaining("got 5");
                assertThatThrownBy(() -> index.search(queries, 0))
                        .isInstanceOf(UserInputException.class);
                GaussianSet wide = new GaussianSet(manager.ones(new Shape(2, 5)),
                        manager.zeros(new Shape(2, 5)));
                assertThatThrownBy(() -> index.search(wide, 1))
                        .isInstanceOf(UserInputException.class)
                        .hasMessageContaining("dimension 5");
                assertThatThrownBy(() -> index.search(GaussianSet.points(queries.mu()), 1))
                        .isInstanceOf(UserInputException.class)
                        .hasMessageContaining("sigma");
            }
            assertThatThrownBy(() -> ExactIndex.builder()
                    .setGallery(GaussianSet.points(gallery.mu()))
                    .setSimilarity(new CsdSimilarity()).build())
                    .isInstanceOf(UserInputException.class).hasMessageContaining("sigma");
            assertThatThrownBy(() -> ExactIndex.builder().optQueryChunk(0))
                    .isInstanceOf(UserInputException.class);
        }
    }

    @Test
    void defaultChunkBoundsTheScoreMatrix() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianSet gallery = new GaussianSet(manager.ones(new Shape(1 << 20, 1)),
                    manager.zeros(new Shape(1 << 20, 1)));
            try (ExactIndex index = ExactIndex.builder().setGallery(gallery)
                    .setSimilarity(new CsdSimilarity()).build()) {
                assertThat((long) index.queryChunk() * index.size())
                        .isLessThanOrEqualTo(ExactIndex.DEFAULT_SCORE_BUDGET);
                assertThat(index.queryChunk()).isEqualTo(16);
            }
        }
    }
}
