package ai.braid.plugin.pcme.task;

import ai.braid.api.data.Split;
import java.util.List;
import java.util.Locale;

/**
 * Which split's items answer queries in {@code braid predict}: one split, or all three.
 */
public enum GallerySplit {
    /** The training split. */
    TRAIN(List.of(Split.TRAIN)),
    /** The validation split. */
    VALIDATION(List.of(Split.VALIDATION)),
    /** The test split. */
    TEST(List.of(Split.TEST)),
    /** Every split. */
    ALL(List.of(Split.TRAIN, Split.VALIDATION, Split.TEST));

    private final List<Split> splits;

    GallerySplit(List<Split> splits) {
        this.splits = splits;
    }

    /**
     * Returns the splits the gallery is drawn from.
     *
     * @return one or three splits
     */
    public List<Split> splits() {
        return splits;
    }

    /**
     * Parses an option value.
     *
     * @param value train, validation, test or all
     * @return the gallery split
     */
    public static GallerySplit of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
