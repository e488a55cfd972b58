package ai.braid.plugin.ssesf.data.diagnostic;

import java.util.List;
import java.util.Locale;

/** The sign of a lexicon score; the ordinal is the class index of the polarity targets. */
public enum Polarity {
    /** A score below zero; class 0. */
    NEGATIVE,
    /** A score above zero; class 1. */
    POSITIVE;

    /** The class names of a polarity target, index = {@link #ordinal()}. */
    public static final List<String> CLASSES = List.of("negative", "positive");

    /**
     * Returns the polarity of a non-zero score.
     *
     * @param score a lexicon score
     * @return its sign
     * @throws IllegalArgumentException if the score is 0
     */
    public static Polarity of(int score) {
        if (score == 0) {
            throw new IllegalArgumentException("a score of 0 has no polarity");
        }
        return score > 0 ? POSITIVE : NEGATIVE;
    }

    /**
     * Returns the name used in exported files.
     *
     * @return "negative" or "positive"
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
