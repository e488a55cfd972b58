package ai.braid.plugin.ssesf.fusion;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which feed-forward expert each token of a single-stream sequence goes through: one named
 * expert per modality (several modalities may share one) and one for the fusion [CLS] token.
 *
 * <p>Experts are numbered in the order of their first use over the modalities, so the expert
 * index of a name is fixed by the pipeline's modality order. Nothing here reads a modality's
 * name: routing is by position in the modality list.
 */
public final class ExpertRouting {

    private final List<String> experts;
    private final int[] modalityExperts;
    private final int clsExpert;

    private ExpertRouting(List<String> experts, int[] modalityExperts, int clsExpert) {
        this.experts = List.copyOf(experts);
        this.modalityExperts = modalityExperts;
        this.clsExpert = clsExpert;
    }

    /**
     * Creates a routing.
     *
     * @param modalityExperts for each modality in input order, the name of its expert
     * @param clsExpert the expert of the fusion [CLS] token, one of {@code modalityExperts}
     * @return the routing
     * @throws IllegalArgumentException if the list is empty, a name is blank, or the [CLS]
     *     expert is not one of the modalities' experts
     */
    public static ExpertRouting of(List<String> modalityExperts, String clsExpert) {
        Objects.requireNonNull(clsExpert, "clsExpert");
        if (modalityExperts.isEmpty()) {
            throw new IllegalArgumentException("at least one modality's expert expected");
        }
        List<String> experts = new ArrayList<>();
        int[] indices = new int[modalityExperts.size()];
        for (int m = 0; m < indices.length; m++) {
            String expert = modalityExperts.get(m);
            if (expert == null || expert.isBlank()) {
                throw new IllegalArgumentException("modality " + m + " has no expert name: "
                        + modalityExperts);
            }
            if (!experts.contains(expert)) {
                experts.add(expert);
            }
            indices[m] = experts.indexOf(expert);
        }
        int cls = experts.indexOf(clsExpert);
        if (cls < 0) {
            throw new IllegalArgumentException("the [CLS] expert '" + clsExpert
                    + "' is none of the modalities' experts " + experts);
        }
        return new ExpertRouting(experts, indices, cls);
    }

    /**
     * Returns the distinct expert names; an expert's index is its position here.
     *
     * @return an unmodifiable list in the order of first use over the modalities
     */
    public List<String> experts() {
        return experts;
    }

    /**
     * Returns the number of modalities routed.
     *
     * @return M
     */
    public int modalityCount() {
        return modalityExperts.length;
    }

    /**
     * Returns the index of a named expert.
     *
     * @param expert a name from {@link #experts()}
     * @return its index
     * @throws IllegalArgumentException if there is no such expert
     */
    public int indexOf(String expert) {
        int index = experts.indexOf(expert);
        if (index < 0) {
            throw new IllegalArgumentException("no expert '" + expert + "'; experts: " + experts);
        }
        return index;
    }

    /**
     * Returns the expert of one modality.
     *
     * @param modality the modality's position in the input order
     * @return the index of its expert
     */
    public int expertOf(int modality) {
        return modalityExperts[modality];
    }

    /**
     * Returns the expert of the fusion [CLS] token.
     *
     * @return its index
     */
    public int clsExpert() {
        return clsExpert;
    }

    /**
     * Lays out the expert index of a sequence {@code [CLS; tokens_1; tokens_2; ...]}, padding
     * included (a padded token's output is never read, so its expert does not matter).
     *
     * @param batch B
     * @param lengths L_m of each modality in input order
     * @return B &times; (1 + sum L_m) indices, row-major, for an expertIndex of shape (B, L)
     */
    public long[] expertIndex(long batch, long[] lengths) {
        if (lengths.length != modalityExperts.length) {
            throw new IllegalArgumentException("one length per modality expected, "
                    + modalityExperts.length + " modalities, got " + lengths.length);
        }
        long length = 1;
        for (long l : lengths) {
            length += l;
        }
        long[] row = new long[Math.toIntExact(length)];
        row[0] = clsExpert;
        int position = 1;
        for (int m = 0; m < lengths.length; m++) {
            for (long t = 0; t < lengths[m]; t++) {
                row[position++] = modalityExperts[m];
            }
        }
        long[] index = new long[Math.toIntExact(batch * length)];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(row, 0, index, b * row.length, row.length);
        }
        return index;
    }

    @Override
    public String toString() {
        List<String> perModality = new ArrayList<>();
        for (int expert : modalityExperts) {
            perModality.add(experts.get(expert));
        }
        return "ExpertRouting[modalities " + perModality + ", [CLS] "
                + experts.get(clsExpert) + "]";
    }
}
