package ai.braid.api.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.data.MetricValue;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecallAtKTest {

    // a_i = (i + 1) e_i, so cos(a_i, b_j) = b_j[i] for the unit rows of b
    private static final float[][] A = {{1, 0, 0, 0}, {0, 2, 0, 0}, {0, 0, 3, 0}, {0, 0, 0, 4}};
    private static final float[][] B = {
        {1, 0, 0, 0}, {0, 0.6f, 0.8f, 0}, {0, 0.8f, 0.6f, 0}, {0.8f, 0, 0, 0.6f}};

    @Test
    void ranksOfAFourByFourCase() {
        // a->b: a_1 and a_2 each see the other's match first (rank 1), a_0 and a_3 rank 0
        // b->a: b_1 and b_2 rank 1 likewise, b_3 sees a_0 (0.8) above a_3 (0.6): rank 1
        RecallAtK metric = RecallAtK.builder().optOutputs("image", "text").optKs(1, 2)
                .optDirections("i2t", "t2i").optChunkSize(3).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            metric.update(batch(manager, 0, 2), new NDList());
            metric.update(batch(manager, 2, 4), new NDList());
        }
        Map<String, Double> values = byName(metric.compute());

        assertThat(values).containsExactly(
                Map.entry("recall@1_i2t", 0.5), Map.entry("recall@1_t2i", 0.25),
                Map.entry("recall@2_i2t", 1.0), Map.entry("recall@2_t2i", 1.0));
    }

    @Test
    void itemsOfTheSameGroupAlsoMatch() {
        // groups 0, 1, 1, 2: a_1, a_2, b_1, b_2 find a match of their group first
        RecallAtK metric = RecallAtK.builder().optOutputs("image", "text").optGroups("group")
                .optKs(1).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray groups = manager.create(new long[] {0, 1, 1, 2});
            groups.setName("group");
            metric.update(batch(manager, 0, 4), new NDList(groups));
        }
        Map<String, Double> values = byName(metric.compute());

        assertThat(values.get("recall@1_a2b")).isEqualTo(1.0);
        assertThat(values.get("recall@1_b2a")).isEqualTo(0.75);
    }

    @Test
    void matchesAPlainLoopOnRandomEmbeddings() {
        int n = 13;
        int d = 5;
        Random random = new Random(7);
        float[][] a = new float[n][d];
        float[][] b = new float[n][d];
        long[] groups = new long[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                a[i][k] = (float) random.nextGaussian();
                b[i][k] = (float) random.nextGaussian();
            }
            groups[i] = i / 3;
        }
        int[] ks = {1, 3, 5};
        RecallAtK metric = RecallAtK.builder().optGroups("group").optKs(ks).optChunkSize(4)
                .build();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int start = 0; start < n; start += 5) {
                int end = Math.min(start + 5, n);
                NDArray first = manager.create(flatten(a, start, end), new Shape(end - start, d));
                first.setName("embedding_a");
                NDArray second = manager.create(flatten(b, start, end), new Shape(end - start, d));
                second.setName("embedding_b");
                long[] batchGroups = new long[end - start];
                System.arraycopy(groups, start, batchGroups, 0, end - start);
                NDArray group = manager.create(batchGroups);
                group.setName("group");
                metric.update(new NDList(first, second), new NDList(group));
            }
        }
        Map<String, Double> values = byName(metric.compute());

        for (int k : ks) {
            assertThat(values.get("recall@" + k + "_a2b"))
                    .isCloseTo(loopRecall(a, b, groups, k), within(1e-12));
            assertThat(values.get("recall@" + k + "_b2a"))
                    .isCloseTo(loopRecall(b, a, groups, k), within(1e-12));
        }
    }

    @Test
    void nothingAddedGivesNoValues() {
        assertThat(RecallAtK.builder().build().compute()).isEmpty();
    }

    /** Fraction of queries whose best matching item has fewer than k better non-matches. */
    private static double loopRecall(float[][] queries, float[][] items, long[] groups, int k) {
        int hits = 0;
        for (int q = 0; q < queries.length; q++) {
            double best = Double.NEGATIVE_INFINITY;
            double[] similarity = new double[items.length];
            for (int j = 0; j < items.length; j++) {
                similarity[j] = cosine(queries[q], items[j]);
                if (groups[j] == groups[q]) {
                    best = Math.max(best, similarity[j]);
                }
            }
            int rank = 0;
            for (int j = 0; j < items.length; j++) {
                if (groups[j] != groups[q] && similarity[j] > best) {
                    rank++;
                }
            }
            if (rank < k) {
                hits++;
            }
        }
        return (double) hits / queries.length;
    }

    private static double cosine(float[] x, float[] y) {
        double dot = 0;
        double xx = 0;
        double yy = 0;
        for (int i = 0; i < x.length; i++) {
            dot += x[i] * y[i];
            xx += x[i] * x[i];
            yy += y[i] * y[i];
        }
        return dot / Math.sqrt(xx * yy);
    }

    private static NDList batch(NDManager manager, int start, int end) {
        NDArray image = manager.create(flatten(A, start, end), new Shape(end - start, 4));
        image.setName("image");
        NDArray text = manager.create(flatten(B, start, end), new Shape(end - start, 4));
        text.setName("text");
        return new NDList(image, text);
    }

    private static float[] flatten(float[][] rows, int start, int end) {
        int d = rows[0].length;
        float[] out = new float[(end - start) * d];
        for (int i = start; i < end; i++) {
            System.arraycopy(rows[i], 0, out, (i - start) * d, d);
        }
        return out;
    }

    private static Map<String, Double> byName(List<MetricValue> values) {
        Map<String, Double> map = new LinkedHashMap<>();
        values.forEach(value -> map.put(value.name(), value.value()));
        return map;
    }
}
