package ai.braid.plugin.ssesf.data.diagnostic;

import java.util.Arrays;
import java.util.List;

/** Which samples of a split the diagnostic reader returns; ids stay those of the whole split. */
public enum Subset {
    /** Every sample. */
    ALL("all"),
    /** Only samples whose text is drawn into the image (empty text modality): OCR's share. */
    TEXT_IN_IMAGE("text-in-image"),
    /** Only samples whose text is in the text modality (blank text band). */
    TEXT_AS_TEXT("text-as-text");

    private final String label;

    Subset(String label) {
        this.label = label;
    }

    /**
     * Returns the name used in pipeline files.
     *
     * @return "all", "text-in-image" or "text-as-text"
     */
    public String label() {
        return label;
    }

    /**
     * Tells whether a sample belongs to the subset.
     *
     * @param sample a sample
     * @return true if the reader returns it
     */
    public boolean contains(SarcasmSample sample) {
        return switch (this) {
            case ALL -> true;
            case TEXT_IN_IMAGE -> sample.textInImage();
            case TEXT_AS_TEXT -> !sample.textInImage();
        };
    }

    /**
     * Lists the names.
     *
     * @return the labels in declaration order
     */
    public static List<String> labels() {
        return Arrays.stream(values()).map(Subset::label).toList();
    }

    /**
     * Finds a subset by name.
     *
     * @param label one of {@link #labels()}
     * @return the subset
     * @throws IllegalArgumentException if the name is unknown
     */
    public static Subset of(String label) {
        for (Subset subset : values()) {
            if (subset.label.equals(label)) {
                return subset;
            }
        }
        throw new IllegalArgumentException("unknown subset '" + label + "'; expected one of "
                + labels());
    }
}
