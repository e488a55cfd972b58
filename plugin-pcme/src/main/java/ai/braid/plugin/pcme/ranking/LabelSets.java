package ai.braid.plugin.pcme.ranking;

import ai.braid.api.UserInputException;
import java.util.Objects;

/** Sorted label-id sets and the Hamming distance of their multi-hot vectors. */
final class LabelSets {

    private LabelSets() {}

    /**
     * Checks that a set is strictly ascending and copies it.
     *
     * @param labels label ids
     * @param what names the set in the message
     * @return a copy
     * @throws UserInputException if an id repeats or the ids are out of order
     */
    static int[] checked(int[] labels, String what) {
        Objects.requireNonNull(labels, what);
        for (int i = 1; i < labels.length; i++) {
            if (labels[i] <= labels[i - 1]) {
                throw new UserInputException(what + " must be label ids sorted ascending "
                        + "without repeats, got " + labels[i - 1] + " before " + labels[i]);
            }
        }
        return labels.clone();
    }

    /**
     * Counts the ids in exactly one of the two sets: the Hamming distance of their multi-hot
     * vectors.
     *
     * @param a sorted ids
     * @param b sorted ids
     * @return the size of the symmetric difference
     */
    static int hammingDistance(int[] a, int[] b) {
        int i = 0;
        int j = 0;
        int shared = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                shared++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return a.length + b.length - 2 * shared;
    }
}
