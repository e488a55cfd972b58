package ai.braid.api.data;

import java.util.Locale;

/** The part of a dataset a sample belongs to. Metrics are reported per split. */
public enum Split {
    /** Used to fit parameters (and vocabularies, statistics). */
    TRAIN,
    /** Used to choose checkpoints and stop early. */
    VALIDATION,
    /** Held out; reported, never used for any choice. */
    TEST;

    /**
     * Returns the name used in pipeline files and output files.
     *
     * @return "train", "validation" or "test"
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
