package ai.braid.plugin.fashion;

import java.util.Locale;
import java.util.Objects;

/**
 * One sense of a WordNet noun, the way WordNet's own tools name it: "boot#1" is the first sense
 * of "boot" in index.noun's order.
 *
 * @param lemma the noun in WordNet's spelling: lower case, spaces as underscores, e.g.
 *     "gym_shoe"
 * @param sense the 1-based sense number
 */
record NounSense(String lemma, int sense) {

    /** Checks the values. */
    NounSense {
        Objects.requireNonNull(lemma, "lemma");
        if (lemma.isEmpty() || !lemma.equals(lemma.toLowerCase(Locale.ROOT))
                || lemma.contains(" ")) {
            throw new IllegalArgumentException("lemma '" + lemma
                    + "' must be non-empty lower case with underscores for spaces");
        }
        if (sense < 1) {
            throw new IllegalArgumentException("sense " + sense + " of '" + lemma
                    + "' must be >= 1");
        }
    }

    @Override
    public String toString() {
        return lemma + "#" + sense;
    }
}
