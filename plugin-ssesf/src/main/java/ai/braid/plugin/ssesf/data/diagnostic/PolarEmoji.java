package ai.braid.plugin.ssesf.data.diagnostic;

import ai.braid.data.emoji.Emoji;
import java.util.Objects;

/**
 * An emoji with a clear lexicon polarity.
 *
 * @param emoji the emoji with its label, tags and image
 * @param score the sum of the AFINN scores of the distinct words of its label and tags
 *     ({@link EmojiPolarity#score})
 */
public record PolarEmoji(Emoji emoji, int score) {

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if the score is 0
     */
    public PolarEmoji {
        Objects.requireNonNull(emoji, "emoji");
        Polarity.of(score);
    }

    /**
     * Returns the sign of the score.
     *
     * @return the image polarity
     */
    public Polarity polarity() {
        return Polarity.of(score);
    }

    /**
     * Returns the emoji's hex code.
     *
     * @return e.g. "1f600"
     */
    public String hexCode() {
        return emoji.hexCode();
    }
}
