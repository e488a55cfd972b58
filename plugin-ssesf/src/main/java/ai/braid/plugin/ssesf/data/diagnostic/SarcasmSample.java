package ai.braid.plugin.ssesf.data.diagnostic;

import ai.braid.api.data.Split;
import java.util.List;
import java.util.Objects;

/**
 * One diagnostic sample before rendering: an emoji, a text around one lexicon word, and where
 * the text goes.
 *
 * @param id unique per seed, generator version, options, split and index, e.g.
 *     "sar-v1-s1-3c5e0a1f-train-000123"
 * @param split the split
 * @param index the position in the split (before any subset filter)
 * @param emoji the emoji of the image, whose polarity is the image polarity
 * @param word the lexicon word of the text, whose polarity is the text polarity
 * @param template the index of the text's frame in {@link TextTemplates#TEMPLATES}
 * @param textInImage whether the text is drawn into the image (and the text modality empty)
 */
public record SarcasmSample(String id, Split split, int index, PolarEmoji emoji, PolarWord word,
        int template, boolean textInImage) {

    /** The class names of the label, index = class id. */
    public static final List<String> LABEL_CLASSES = List.of("not sarcastic", "sarcastic");

    /** Checks for nulls. */
    public SarcasmSample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(emoji, "emoji");
        Objects.requireNonNull(word, "word");
    }

    /**
     * Returns the sample's text wherever it is shown.
     *
     * @return the template filled with the word, e.g. "what a horrible day"
     */
    public String text() {
        return TextTemplates.fill(template, word.word());
    }

    /**
     * Returns the value of the text modality.
     *
     * @return "" when the text is in the image, otherwise {@link #text()}
     */
    public String textInput() {
        return textInImage ? "" : text();
    }

    /**
     * Returns what the image's text band shows.
     *
     * @return {@link #text()} when the text is in the image, otherwise "" (a blank band)
     */
    public String bandText() {
        return textInImage ? text() : "";
    }

    /**
     * Returns the text polarity.
     *
     * @return the sign of the word's AFINN score
     */
    public Polarity textPolarity() {
        return word.polarity();
    }

    /**
     * Returns the image polarity.
     *
     * @return the sign of the emoji's AFINN score
     */
    public Polarity imagePolarity() {
        return emoji.polarity();
    }

    /**
     * Tells whether the sample is sarcastic: text and image disagree.
     *
     * @return textPolarity != imagePolarity
     */
    public boolean sarcastic() {
        return textPolarity() != imagePolarity();
    }

    /**
     * Returns the class id of the label target.
     *
     * @return 1 if {@link #sarcastic()}, else 0
     */
    public int label() {
        return sarcastic() ? 1 : 0;
    }
}
