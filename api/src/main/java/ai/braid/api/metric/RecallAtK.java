package ai.braid.api.metric;

import ai.braid.api.UserInputException;
import ai.braid.api.data.MetricValue;
import ai.braid.api.spi.Metric;
import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Recall@K of cross-modal retrieval in both directions, over a whole split.
 *
 * <p>Each batch adds rows of two embedding sets {@code a (B, D)} and {@code b (B, D)}; row i of
 * a matches row i of b. With a group-id target {@code (B)} configured, every item of the same
 * group also counts as a match (e.g. the five captions of one image). At {@link #compute()} every
 * row of a queries all of b (and every row of b all of a) by cosine similarity; the query's rank
 * is the number of non-matching items more similar than its best match, and Recall@K is the
 * fraction of queries with rank &lt; K. Ties count in the query's favour. The ranking runs with
 * array operations on the device of the batches, a chunk of queries at a time.
 *
 * <p>Reports {@code recall@<K>_<label>} for each K and direction, e.g. {@code recall@1_i2t} and
 * {@code recall@1_t2i} with labels {@code i2t}, {@code t2i} (default {@code a2b}, {@code b2a}).
 */
public final class RecallAtK implements Metric {

    /** Pushes non-matching items below any cosine similarity when looking for the best match. */
    private static final float NON_MATCH_PENALTY = 4f;

    private final String first;
    private final String second;
    private final String groups;
    private final int[] ks;
    private final String firstToSecond;
    private final String secondToFirst;
    private final int chunkSize;
    private final List<float[]> firstRows = new ArrayList<>();
    private final List<float[]> secondRows = new ArrayList<>();
    private final List<long[]> groupRows = new ArrayList<>();
    private Device device;
    private String engine;
    private long dimension = -1;
    private long count;

    private RecallAtK(Builder builder) {
        this.first = builder.first;
        this.second = builder.second;
        this.groups = builder.groups;
        this.ks = builder.ks.clone();
        this.firstToSecond = builder.firstToSecond;
        this.secondToFirst = builder.secondToFirst;
        this.chunkSize = builder.chunkSize;
    }

    /**
     * Starts a metric reading outputs {@code embedding_a} and {@code embedding_b}, without
     * groups, for K = 1, 5, 10, with direction labels {@code a2b} and {@code b2a}.
     *
     * @return a builder with those defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Copies the batch's embeddings (and group ids) into the metric.
     *
     * @param outputs holds a (B, D) and b (B, D)
     * @param targets holds the group ids (B) when configured
     * @throws UserInputException if the shapes do not fit together or with earlier batches
     */
    @Override
    public void update(NDList outputs, NDList targets) {
        NDArray a = BatchArrays.require(outputs, first, "output", metricName());
        NDArray b = BatchArrays.require(outputs, second, "output", metricName());
        Shape shape = a.getShape();
        if (shape.dimension() != 2 || !shape.equals(b.getShape())) {
            throw new UserInputException("metric '" + metricName() + "' expects outputs '" + first
                    + "' and '" + second + "' of one shape (B, D), got " + shape + " and "
                    + b.getShape());
        }
        if (dimension >= 0 && shape.get(1) != dimension) {
            throw new UserInputException("metric '" + metricName() + "': embedding size changed "
                    + "from " + dimension + " to " + shape.get(1) + " within one split");
        }
        if (groups != null) {
            NDArray g = BatchArrays.require(targets, groups, "target", metricName());
            if (!g.getShape().equals(shape.slice(0, 1))) {
                throw new UserInputException("metric '" + metricName() + "' expects target '"
                        + groups + "' of shape " + shape.slice(0, 1) + ", got " + g.getShape());
            }
            groupRows.add(g.toType(DataType.INT64, false).toLongArray());
        }
        firstRows.add(a.toType(DataType.FLOAT32, false).toFloatArray());
        secondRows.add(b.toType(DataType.FLOAT32, false).toFloatArray());
        dimension = shape.get(1);
        count += shape.get(0);
        if (device == null) {
            device = a.getDevice();
            engine = a.getManager().getEngine().getEngineName();
        }
    }

    /**
     * Ranks every query of the split and returns Recall@K in both directions.
     *
     * @return for each K, the a-to-b then the b-to-a value, higher is better; empty before any
     *     batch
     */
    @Override
    public List<MetricValue> compute() {
        if (count == 0) {
            return List.of();
        }
        long[] hitsForward;
        long[] hitsBackward;
        try (NDManager manager = NDManager.newBaseManager(device, engine)) {
            NDArray a = normalizedRows(manager, firstRows);
            NDArray b = normalizedRows(manager, secondRows);
            NDArray ids = groups == null
                    ? manager.arange(0, count, 1, DataType.INT64)
                    : manager.create(concat(groupRows));
            hitsForward = hits(manager, a, b, ids);
            hitsBackward = hits(manager, b, a, ids);
        }
        List<MetricValue> values = new ArrayList<>();
        for (int i = 0; i < ks.length; i++) {
            values.add(new MetricValue("recall@" + ks[i] + "_" + firstToSecond,
                    (double) hitsForward[i] / count, true));
            values.add(new MetricValue("recall@" + ks[i] + "_" + secondToFirst,
                    (double) hitsBackward[i] / count, true));
        }
        return values;
    }

    /** For each K, counts the queries whose best match ranks below K. */
    private long[] hits(NDManager manager, NDArray queries, NDArray items, NDArray ids) {
        long[] hits = new long[ks.length];
        NDArray itemsT = items.transpose();
        NDArray itemIds = ids.reshape(1, count);
        for (long start = 0; start < count; start += chunkSize) {
            long end = Math.min(start + chunkSize, count);
            try (NDManager chunk = manager.newSubManager()) {
                NDIndex rows = new NDIndex("{}:{}", start, end);
                NDArray q = queries.get(rows);
                NDArray queryIds = ids.get(rows);
                q.attach(chunk);
                queryIds.attach(chunk);
                NDArray similarity = q.matMul(itemsT);
                NDArray match = queryIds.reshape(end - start, 1).eq(itemIds);
                NDArray penalty = match.toType(DataType.FLOAT32, false).sub(1f)
                        .mul(NON_MATCH_PENALTY);
                NDArray best = similarity.add(penalty).max(new int[] {1}, true);
                long[] ranks = similarity.gt(best).logicalAnd(match.logicalNot())
                        .toType(DataType.INT64, false).sum(new int[] {1}).toLongArray();
                for (long rank : ranks) {
                    for (int k = 0; k < ks.length; k++) {
                        if (rank < ks[k]) {
                            hits[k]++;
                        }
                    }
                }
            }
        }
        return hits;
    }

    private NDArray normalizedRows(NDManager manager, List<float[]> rows) {
        float[] values = new float[Math.toIntExact(count * dimension)];
        int offset = 0;
        for (float[] batch : rows) {
            System.arraycopy(batch, 0, values, offset, batch.length);
            offset += batch.length;
        }
        NDArray x = manager.create(values, new Shape(count, dimension));
        NDArray norm = x.square().sum(new int[] {1}, true).sqrt().maximum(1e-12f);
        return x.div(norm);
    }

    private long[] concat(List<long[]> rows) {
        long[] values = new long[Math.toIntExact(count)];
        int offset = 0;
        for (long[] batch : rows) {
            System.arraycopy(batch, 0, values, offset, batch.length);
            offset += batch.length;
        }
        return values;
    }

    private String metricName() {
        return "recall@K";
    }

    /** Options of a {@link RecallAtK}. */
    public static final class Builder {

        private String first = "embedding_a";
        private String second = "embedding_b";
        private String groups;
        private int[] ks = {1, 5, 10};
        private String firstToSecond = "a2b";
        private String secondToFirst = "b2a";
        private int chunkSize = 256;

        private Builder() {}

        /**
         * Sets the two outputs holding the embedding sets.
         *
         * @param first output name of a (B, D); default {@code "embedding_a"}
         * @param second output name of b (B, D); default {@code "embedding_b"}
         * @return this builder
         */
        public Builder optOutputs(String first, String second) {
            this.first = BatchArrays.name(first, "first");
            this.second = BatchArrays.name(second, "second");
            return this;
        }

        /**
         * Sets a target of group ids; items of the same group count as matches.
         *
         * @param groups target name of the (B) integer group ids
         * @return this builder
         */
        public Builder optGroups(String groups) {
            this.groups = BatchArrays.name(groups, "groups");
            return this;
        }

        /**
         * Sets the cut-offs.
         *
         * @param ks one or more K &gt;= 1; default 1, 5, 10
         * @return this builder
         * @throws UserInputException if none is given or one is below 1
         */
        public Builder optKs(int... ks) {
            if (ks.length == 0) {
                throw new UserInputException("Recall@K needs at least one K");
            }
            for (int k : ks) {
                if (k < 1) {
                    throw new UserInputException("each K of Recall@K must be >= 1, got " + k);
                }
            }
            this.ks = ks.clone();
            return this;
        }

        /**
         * Sets the labels of the two directions in the reported names.
         *
         * @param firstToSecond label of a-to-b retrieval, e.g. {@code "i2t"}; default {@code
         *     "a2b"}
         * @param secondToFirst label of b-to-a retrieval, e.g. {@code "t2i"}; default {@code
         *     "b2a"}
         * @return this builder
         */
        public Builder optDirections(String firstToSecond, String secondToFirst) {
            this.firstToSecond = BatchArrays.name(firstToSecond, "firstToSecond");
            this.secondToFirst = BatchArrays.name(secondToFirst, "secondToFirst");
            return this;
        }

        /**
         * Sets how many queries are ranked at once; bounds the (chunk, N) similarity block.
         *
         * @param chunkSize queries per chunk; default 256
         * @return this builder
         * @throws UserInputException if it is below 1
         */
        public Builder optChunkSize(int chunkSize) {
            if (chunkSize < 1) {
                throw new UserInputException("chunk size must be >= 1, got " + chunkSize);
            }
            this.chunkSize = chunkSize;
            return this;
        }

        /**
         * Builds a fresh, empty metric.
         *
         * @return the metric
         */
        public RecallAtK build() {
            return new RecallAtK(this);
        }
    }
}
