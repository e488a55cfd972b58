package ai.braid.plugin.fashion;

import java.util.Arrays;

/**
 * Picks a class-balanced, deterministic subset of a range of samples, for quick runs.
 *
 * <p>Class counts differ by at most one (fewer only where a class runs out; the lower labels
 * get the extra ones), each class contributes its first samples in file order, and the result
 * is in file order. So a limit of 100 on Fashion-MNIST's test file gives ten of each class, and
 * a larger limit keeps every sample of a smaller one.
 */
final class StratifiedSubset {

    private StratifiedSubset() {}

    /**
     * Selects up to {@code limit} indices of {@code [from, to)}.
     *
     * @param labels the label of every sample of the file, each in {@code [0, classes)}
     * @param classes the number of classes
     * @param from the first index of the range
     * @param to one past the last index of the range
     * @param limit the largest number of samples to keep; 0 keeps all
     * @return the chosen indices into the file, ascending
     */
    static int[] select(byte[] labels, int classes, int from, int to, int limit) {
        int size = to - from;
        if (limit <= 0 || limit >= size) {
            int[] all = new int[size];
            Arrays.setAll(all, i -> from + i);
            return all;
        }
        int[] available = new int[classes];
        for (int i = from; i < to; i++) {
            available[labels[i]]++;
        }
        int[] quota = new int[classes];
        int chosen = 0;
        // Water-filling: one more per class and round, skipping classes that ran out.
        while (chosen < limit) {
            for (int c = 0; c < classes && chosen < limit; c++) {
                if (quota[c] < available[c]) {
                    quota[c]++;
                    chosen++;
                }
            }
        }
        int[] result = new int[limit];
        int next = 0;
        for (int i = from; i < to && next < limit; i++) {
            if (quota[labels[i]] > 0) {
                quota[labels[i]]--;
                result[next++] = i;
            }
        }
        return result;
    }
}
