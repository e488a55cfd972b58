package ai.braid.plugin.pcme.task;

import static ai.braid.plugin.pcme.task.RetrievalBatches.ALL_TARGETS;
import static ai.braid.plugin.pcme.task.RetrievalBatches.matrix;
import static ai.braid.plugin.pcme.task.RetrievalBatches.pair;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.data.Sample;
import ai.braid.plugin.pcme.ranking.QueryRelevance;
import ai.braid.plugin.pcme.similarity.GaussianSet;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitEmbeddingsTest {

    /** Batch one shows images 7, 3, 7; batch two images 3 and 9. */
    private static final List<Sample> FIRST = List.of(pair("a", 7, 1, new int[] {4, 2}),
            pair("b", 3, 0, new int[] {}), pair("c", 7, 1, new int[] {2, 4}));
    private static final List<Sample> SECOND = List.of(pair("d", 3, 0, new int[] {5}),
            pair("e", 9, 2, new int[] {2}));

    private static void add(SplitEmbeddings.Builder builder, NDManager manager,
            RetrievalTargets targets, List<Sample> samples, float offset, boolean sigma) {
        int n = samples.size();
        float[][] muA = new float[n][];
        float[][] muB = new float[n][];
        for (int i = 0; i < n; i++) {
            float group = samples.get(i).target("image", Integer.class);
            // a row's a-mean encodes its group and position, to see which row represents a group
            muA[i] = new float[] {group, offset + i};
            muB[i] = new float[] {-group, offset + i};
        }
        NDList arrays = targets.arrays(samples, manager);
        NDArray logSigmaA = sigma ? matrix(manager, muA).neg() : null;
        NDArray logSigmaB = sigma ? matrix(manager, muB).neg() : null;
        builder.add(matrix(manager, muA), logSigmaA, matrix(manager, muB), logSigmaB,
                arrays.get("image"), targets.category() == null ? null : arrays.get("category"),
                targets.labels() == null ? null : arrays.get("tags"));
    }

    private static SplitEmbeddings split(NDManager manager, RetrievalTargets targets,
            boolean sigma) {
        SplitEmbeddings.Builder builder = SplitEmbeddings.builder();
        assertThat(builder.isEmpty()).isTrue();
        add(builder, manager, targets, FIRST, 0, sigma);
        add(builder, manager, targets, SECOND, 10, sigma);
        assertThat(builder.isEmpty()).isFalse();
        return builder.build();
    }

    @Test
    void eachGroupIsOneAItemTakenFromItsFirstRow() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SplitEmbeddings split = split(manager, ALL_TARGETS, true);

            assertThat(split.groupsA()).containsExactly(7, 3, 9);
            assertThat(split.groupsB()).containsExactly(7, 3, 7, 3, 9);
            GaussianSet a = split.uniqueA(manager);
            assertThat(a.mu().getShape()).isEqualTo(new Shape(3, 2));
            assertThat(a.mu().toFloatArray()).containsExactly(7, 0, 3, 1, 9, 11);
            assertThat(a.logSigma().toFloatArray()).containsExactly(-7, -0f, -3, -1, -9, -11);
            GaussianSet b = split.b(manager);
            assertThat(b.mu().getShape()).isEqualTo(new Shape(5, 2));
            assertThat(b.logSigma().getShape()).isEqualTo(new Shape(5, 2));
            assertThat(split.device()).isEqualTo(manager.getDevice());
        }
    }

    @Test
    void queriesKnowTheirMatchesClassesAndSortedLabels() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SplitEmbeddings split = split(manager, ALL_TARGETS, false);

            List<QueryRelevance> imageQueries = split.queriesA();
            assertThat(imageQueries).extracting(QueryRelevance::matchIndices)
                    .containsExactly(new int[] {0, 2}, new int[] {1, 3}, new int[] {4});
            assertThat(imageQueries).extracting(q -> q.classId().getAsInt())
                    .containsExactly(1, 0, 2);
            assertThat(imageQueries.get(0).labelIds()).containsExactly(2, 4);
            assertThat(imageQueries.get(1).labelIds()).isEmpty();

            List<QueryRelevance> captionQueries = split.queriesB();
            assertThat(captionQueries).extracting(QueryRelevance::matchIndices)
                    .containsExactly(new int[] {0}, new int[] {1}, new int[] {0}, new int[] {1},
                            new int[] {2});
            assertThat(captionQueries.get(3).labelIds()).containsExactly(5);
            assertThat(captionQueries).allMatch(QueryRelevance::hasLabels);

            assertThat(split.galleryA().classes()).containsExactly(1, 0, 2);
            assertThat(split.galleryB().classes()).containsExactly(1, 0, 1, 0, 2);
            assertThat(split.galleryB().labels()).isDeepEqualTo(new int[][] {{2, 4}, {},
                {2, 4}, {5}, {2}});
            assertThat(split.uniqueA(manager).logSigma()).isNull();
        }
    }

    @Test
    void withoutClassesOrLabelsTheQueriesAndGalleriesHaveNone() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SplitEmbeddings split = split(manager, new RetrievalTargets("image", null, null),
                    false);

            assertThat(split.queriesA()).allMatch(q -> q.classId().isEmpty() && !q.hasLabels());
            assertThat(split.queriesB()).hasSize(5)
                    .allMatch(q -> q.classId().isEmpty() && !q.hasLabels());
            assertThat(split.galleryA().classes()).isNull();
            assertThat(split.galleryB().labels()).isNull();
        }
    }

    @Test
    void theWidthMayNotChangeWithinASplit() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SplitEmbeddings.Builder builder = SplitEmbeddings.builder();
            add(builder, manager, ALL_TARGETS, FIRST, 0, false);
            NDArray wide = manager.zeros(new Shape(2, 3));
            NDList targets = ALL_TARGETS.arrays(SECOND, manager);

            assertThatThrownBy(() -> builder.add(wide, null, wide, null, targets.get("image"),
                    null, null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("2").hasMessageContaining("3");
        }
    }
}
