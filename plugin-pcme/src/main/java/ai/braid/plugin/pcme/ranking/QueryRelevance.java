package ai.braid.plugin.pcme.ranking;

import ai.braid.api.UserInputException;
import java.util.Arrays;
import java.util.OptionalInt;

/**
 * What makes gallery items relevant to one query: its ground-truth items (COCO: an image's
 * captions, a caption's image), its class (CUB) and its label set (COCO's instance categories,
 * for PMRP). Immutable; start with {@link #matches(int...)} or {@link #ofClass(int)} and add
 * the rest with the {@code with} methods.
 */
public final class QueryRelevance {

    private static final int[] NONE = new int[0];

    private final int[] matches;
    private final Integer classId;
    private final int[] labels;

    private QueryRelevance(int[] matches, Integer classId, int[] labels) {
        this.matches = matches;
        this.classId = classId;
        this.labels = labels;
    }

    /**
     * A query with ground-truth gallery items.
     *
     * @param galleryIndices indices of the query's ground-truth items in the gallery, at least
     *     one; repeats are ignored
     * @return the relevance
     * @throws UserInputException if none is given or one is negative
     */
    public static QueryRelevance matches(int... galleryIndices) {
        if (galleryIndices.length == 0) {
            throw new UserInputException("a query needs at least one ground-truth gallery item");
        }
        int[] sorted = galleryIndices.clone();
        Arrays.sort(sorted);
        if (sorted[0] < 0) {
            throw new UserInputException("ground-truth gallery indices must be >= 0, got "
                    + sorted[0]);
        }
        return new QueryRelevance(Arrays.stream(sorted).distinct().toArray(), null, null);
    }

    /**
     * A query whose relevant items are those of its class (CUB): its ground truth for
     * Recall@K, and the relevant set of R-Precision and mAP@R.
     *
     * @param classId the query's class
     * @return the relevance
     */
    public static QueryRelevance ofClass(int classId) {
        return new QueryRelevance(NONE, classId, null);
    }

    /**
     * Adds the query's class, for R-Precision and mAP@R.
     *
     * @param classId the query's class
     * @return a copy with the class
     */
    public QueryRelevance withClass(int classId) {
        return new QueryRelevance(matches, classId, labels);
    }

    /**
     * Adds the query's label set, for PMRP.
     *
     * @param labelIds the label ids, sorted ascending without repeats; may be empty (the query
     *     is then left out of PMRP)
     * @return a copy with the labels
     * @throws UserInputException if the ids are not strictly ascending
     */
    public QueryRelevance withLabels(int... labelIds) {
        return new QueryRelevance(matches, classId, LabelSets.checked(labelIds, "query labels"));
    }

    /**
     * Returns the ground-truth gallery items.
     *
     * @return sorted distinct indices; empty for a query given by class only
     */
    public int[] matchIndices() {
        return matches.clone();
    }

    /**
     * Returns the class.
     *
     * @return the class id, or empty if none was given
     */
    public OptionalInt classId() {
        return classId == null ? OptionalInt.empty() : OptionalInt.of(classId);
    }

    /**
     * Returns whether a label set was given.
     *
     * @return true after {@link #withLabels}
     */
    public boolean hasLabels() {
        return labels != null;
    }

    /**
     * Returns the label set.
     *
     * @return sorted label ids; empty if none were given
     */
    public int[] labelIds() {
        return labels == null ? NONE : labels.clone();
    }

    int[] matchesView() {
        return matches;
    }

    int[] labelsView() {
        return labels;
    }

    @Override
    public String toString() {
        return "QueryRelevance[matches " + Arrays.toString(matches) + ", class " + classId
                + ", labels " + (labels == null ? "none" : Arrays.toString(labels)) + "]";
    }
}
