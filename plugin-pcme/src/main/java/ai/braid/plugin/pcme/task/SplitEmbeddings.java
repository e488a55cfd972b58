package ai.braid.plugin.pcme.task;

import ai.braid.plugin.pcme.ranking.QueryRelevance;
import ai.braid.plugin.pcme.similarity.GaussianSet;
import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The embeddings and relevance of one split, gathered from its batches of (a, b) pairs: the
 * a-items once per group, every b-item, and for each query the items that answer it.
 */
final class SplitEmbeddings {

    private final Device device;
    private final String engine;
    private final int dimension;
    private final float[][] uniqueMuA;
    private final float[][] uniqueLogSigmaA;
    private final float[][] muB;
    private final float[][] logSigmaB;
    private final long[] groupsA;
    private final int[] classesA;
    private final int[][] labelsA;
    private final long[] groupsB;
    private final int[] classesB;
    private final int[][] labelsB;
    private final int[] groupIndexOfB;
    private final boolean hasClasses;
    private final boolean hasLabels;

    private SplitEmbeddings(Builder builder) {
        this.device = builder.device;
        this.engine = builder.engine;
        this.dimension = builder.dimension;
        Map<Long, Integer> firstOfGroup = new LinkedHashMap<>();
        List<Integer> representatives = new ArrayList<>();
        int count = builder.muB.size();
        groupIndexOfB = new int[count];
        for (int i = 0; i < count; i++) {
            long group = builder.groups.get(i);
            Integer index = firstOfGroup.get(group);
            if (index == null) {
                index = representatives.size();
                firstOfGroup.put(group, index);
                representatives.add(i);
            }
            groupIndexOfB[i] = index;
        }
        int unique = representatives.size();
        uniqueMuA = new float[unique][];
        uniqueLogSigmaA = builder.logSigmaA.isEmpty() ? null : new float[unique][];
        groupsA = new long[unique];
        classesA = new int[unique];
        labelsA = new int[unique][];
        for (int u = 0; u < unique; u++) {
            int i = representatives.get(u);
            uniqueMuA[u] = builder.muA.get(i);
            if (uniqueLogSigmaA != null) {
                uniqueLogSigmaA[u] = builder.logSigmaA.get(i);
            }
            groupsA[u] = builder.groups.get(i);
            if (builder.hasClasses) {
                classesA[u] = builder.classes.get(i);
            }
            if (builder.hasLabels) {
                labelsA[u] = builder.labels.get(i);
            }
        }
        hasClasses = builder.hasClasses;
        hasLabels = builder.hasLabels;
        muB = builder.muB.toArray(new float[0][]);
        logSigmaB = builder.logSigmaB.isEmpty() ? null : builder.logSigmaB.toArray(new float[0][]);
        groupsB = builder.groups.stream().mapToLong(Long::longValue).toArray();
        classesB = builder.classes.stream().mapToInt(Integer::intValue).toArray();
        labelsB = builder.labels.toArray(new int[0][]);
    }

    static Builder builder() {
        return new Builder();
    }

    Device device() {
        return device;
    }

    String engine() {
        return engine;
    }

    /** The a-items, once per group, on the manager. */
    GaussianSet uniqueA(NDManager manager) {
        return set(manager, uniqueMuA, uniqueLogSigmaA);
    }

    /** Every b-item, on the manager. */
    GaussianSet b(NDManager manager) {
        return set(manager, muB, logSigmaB);
    }

    /** For each unique a-item: its group's b-items, class and labels. */
    List<QueryRelevance> queriesA() {
        List<List<Integer>> members = new ArrayList<>();
        for (int u = 0; u < groupsA.length; u++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < groupIndexOfB.length; i++) {
            members.get(groupIndexOfB[i]).add(i);
        }
        List<QueryRelevance> queries = new ArrayList<>(groupsA.length);
        for (int u = 0; u < groupsA.length; u++) {
            int[] matches = members.get(u).stream().mapToInt(Integer::intValue).toArray();
            queries.add(relevance(QueryRelevance.matches(matches), classesA[u], labelsA[u]));
        }
        return queries;
    }

    /** For each b-item: its group's a-item, class and labels. */
    List<QueryRelevance> queriesB() {
        List<QueryRelevance> queries = new ArrayList<>(groupIndexOfB.length);
        for (int i = 0; i < groupIndexOfB.length; i++) {
            // classesB and labelsB are empty when the dataset has no such target
            queries.add(relevance(QueryRelevance.matches(groupIndexOfB[i]),
                    hasClasses ? classesB[i] : 0, hasLabels ? labelsB[i] : null));
        }
        return queries;
    }

    /** The unique a-items' group ids, in first-seen order. */
    long[] groupsA() {
        return groupsA.clone();
    }

    /** Every b-item's group id. */
    long[] groupsB() {
        return groupsB.clone();
    }

    private QueryRelevance relevance(QueryRelevance matches, int classId, int[] labelIds) {
        QueryRelevance relevance = hasClasses ? matches.withClass(classId) : matches;
        return hasLabels ? relevance.withLabels(labelIds) : relevance;
    }

    /** The a-items' classes and label sets; either null when the dataset has none. */
    Gallery galleryA() {
        return new Gallery(hasClasses ? classesA : null, hasLabels ? labelsA : null);
    }

    /** The b-items' classes and label sets; either null when the dataset has none. */
    Gallery galleryB() {
        return new Gallery(hasClasses ? classesB : null, hasLabels ? labelsB : null);
    }

    private GaussianSet set(NDManager manager, float[][] mu, float[][] logSigma) {
        return new GaussianSet(matrix(manager, mu),
                logSigma == null ? null : matrix(manager, logSigma));
    }

    private NDArray matrix(NDManager manager, float[][] rows) {
        float[] flat = new float[rows.length * dimension];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * dimension, dimension);
        }
        return manager.create(flat, new Shape(rows.length, dimension));
    }

    /** The classes and label sets of a gallery's items. */
    record Gallery(int[] classes, int[][] labels) {}

    /** Copies batches out of their arrays, which are closed after each update. */
    static final class Builder {

        private final List<float[]> muA = new ArrayList<>();
        private final List<float[]> logSigmaA = new ArrayList<>();
        private final List<float[]> muB = new ArrayList<>();
        private final List<float[]> logSigmaB = new ArrayList<>();
        private final List<Long> groups = new ArrayList<>();
        private final List<Integer> classes = new ArrayList<>();
        private final List<int[]> labels = new ArrayList<>();
        private Device device;
        private String engine;
        private int dimension = -1;
        private boolean hasClasses;
        private boolean hasLabels;

        private Builder() {}

        /**
         * Adds a batch of B pairs.
         *
         * @param muA (B, D)
         * @param logSigmaA (B, D), or null for points
         * @param muB (B, D)
         * @param logSigmaB (B, D), or null
         * @param group (B) the a-item ids
         * @param category (B) class ids, or null when the dataset has none
         * @param labels (B, K) label ids padded with -1, or null when the dataset has none
         */
        void add(NDArray muA, NDArray logSigmaA, NDArray muB, NDArray logSigmaB,
                NDArray group, NDArray category, NDArray labels) {
            int width = Math.toIntExact(muA.getShape().get(1));
            if (dimension >= 0 && width != dimension) {
                throw new IllegalArgumentException("embedding width changed from " + dimension
                        + " to " + width + " within one split");
            }
            dimension = width;
            if (device == null) {
                device = muA.getDevice();
                engine = muA.getManager().getEngine().getEngineName();
            }
            rows(muA, this.muA);
            rows(muB, this.muB);
            if (logSigmaA != null && logSigmaB != null) {
                rows(logSigmaA, this.logSigmaA);
                rows(logSigmaB, this.logSigmaB);
            }
            for (long id : group.toType(DataType.INT64, false).toLongArray()) {
                groups.add(id);
            }
            if (category != null) {
                hasClasses = true;
                for (long id : category.toType(DataType.INT64, false).toLongArray()) {
                    classes.add(Math.toIntExact(id));
                }
            }
            if (labels != null) {
                hasLabels = true;
                long[] padded = labels.toType(DataType.INT64, false).toLongArray();
                int rowWidth = Math.toIntExact(labels.getShape().get(1));
                for (int r = 0; r < padded.length / rowWidth; r++) {
                    labels(padded, r * rowWidth, rowWidth);
                }
            }
        }

        private void labels(long[] padded, int offset, int width) {
            int[] ids = Arrays.stream(padded, offset, offset + width)
                    .filter(id -> id != RetrievalTargets.NO_LABEL)
                    .mapToInt(Math::toIntExact).sorted().distinct().toArray();
            labels.add(ids);
        }

        private void rows(NDArray matrix, List<float[]> into) {
            float[] flat = matrix.toType(DataType.FLOAT32, false).toFloatArray();
            for (int r = 0; r < flat.length / dimension; r++) {
                into.add(Arrays.copyOfRange(flat, r * dimension, (r + 1) * dimension));
            }
        }

        boolean isEmpty() {
            return muB.isEmpty();
        }

        SplitEmbeddings build() {
            return new SplitEmbeddings(this);
        }
    }
}
