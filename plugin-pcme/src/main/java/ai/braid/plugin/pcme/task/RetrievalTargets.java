package ai.braid.plugin.pcme.task;

import ai.braid.api.UserInputException;
import ai.braid.api.data.Sample;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The targets a retrieval pair carries, by name: which a-item it shows (the group: all captions
 * of one image share it), its class (for R-Precision and mAP@R) and its label set (for PMRP).
 * A dataset without classes (COCO) or label sets leaves those metrics out.
 *
 * <p>As arrays: {@code group (B)} and {@code category (B)} int64, and {@code labels (B, K)}
 * int64, each row the sample's label ids padded with -1 to the batch's longest set.
 *
 * @param group target name of the a-item id, an integer
 * @param category target name of the class index, an integer; null when the dataset has none
 * @param labels target name of the sorted label ids, an {@code int[]}; null when the dataset
 *     has none
 */
public record RetrievalTargets(String group, String category, String labels) {

    /** Pads label rows of different lengths. */
    static final long NO_LABEL = -1;

    /** Checks for nulls. */
    public RetrievalTargets {
        Objects.requireNonNull(group, "group");
    }

    /**
     * Returns the target names.
     *
     * @return group, then category and labels where the dataset has them
     */
    public List<String> names() {
        List<String> names = new ArrayList<>(List.of(group));
        if (category != null) {
            names.add(category);
        }
        if (labels != null) {
            names.add(labels);
        }
        return names;
    }

    /**
     * Builds the target arrays of a batch.
     *
     * @param samples B samples
     * @param manager owns the arrays
     * @return {@code [group (B), category (B), labels (B, K)]}, named; without those the
     *     dataset lacks
     * @throws UserInputException naming the sample that lacks a target
     */
    public NDList arrays(List<Sample> samples, NDManager manager) {
        long[] groups = new long[samples.size()];
        long[] categories = new long[samples.size()];
        int[][] labelSets = new int[samples.size()][];
        int widest = 1;
        for (int i = 0; i < samples.size(); i++) {
            Sample sample = samples.get(i);
            groups[i] = sample.target(group, Number.class).longValue();
            if (category != null) {
                categories[i] = sample.target(category, Number.class).longValue();
            }
            labelSets[i] = labels == null ? new int[0] : sample.target(labels, int[].class);
            widest = Math.max(widest, labelSets[i].length);
        }
        long[] padded = new long[samples.size() * widest];
        Arrays.fill(padded, NO_LABEL);
        for (int i = 0; i < labelSets.length; i++) {
            for (int k = 0; k < labelSets[i].length; k++) {
                padded[i * widest + k] = labelSets[i][k];
            }
        }
        NDList arrays = new NDList(named(manager.create(groups), group));
        if (category != null) {
            arrays.add(named(manager.create(categories), category));
        }
        if (labels != null) {
            arrays.add(named(manager.create(padded, new Shape(samples.size(), widest)), labels));
        }
        return arrays;
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }
}
