package ai.braid.plugin.ssesf.data.diagnostic;

import java.util.Objects;

/**
 * A lexicon word a text is built around.
 *
 * @param word lower-case ASCII letters, e.g. "delightful"
 * @param score its AFINN score, not 0
 */
public record PolarWord(String word, int score) {

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if the word is not lower-case ASCII letters or the
     *     score is 0
     */
    public PolarWord {
        Objects.requireNonNull(word, "word");
        if (!word.matches("[a-z]+")) {
            throw new IllegalArgumentException("word '" + word + "' is not lower-case a-z");
        }
        Polarity.of(score);
    }

    /**
     * Returns the sign of the score.
     *
     * @return the text polarity
     */
    public Polarity polarity() {
        return Polarity.of(score);
    }
}
