package ai.braid.plugin.ssesf.data.diagnostic;

import java.util.List;

/**
 * The neutral frames a lexicon word is put in to make a short text of 2 to 5 words, e.g. "so
 * delightful", "what a horrible day".
 *
 * <p>No filler word has an AFINN score (a test checks it against the real lexicon), so a
 * text's polarity is its one lexicon word's. Fillers are lower-case ASCII words without
 * punctuation, which WordPiece keeps whole and Tesseract reads reliably. They are meant to fit
 * any part of speech loosely; the texts are diagnostic, not fluent.
 */
public final class TextTemplates {

    /** The placeholder of the lexicon word. */
    public static final String WORD = "{word}";

    /** The templates; every one holds {@value #WORD} once. */
    public static final List<String> TEMPLATES = List.of(
            "so {word}",
            "just {word}",
            "how {word}",
            "{word} again",
            "this is {word}",
            "that was {word}",
            "simply {word} today",
            "what a {word} day",
            "{word} as always",
            "it is so {word}",
            "another {word} morning",
            "well that is {word}");

    private TextTemplates() {}

    /**
     * Writes one text.
     *
     * @param template an index into {@link #TEMPLATES}
     * @param word the lexicon word
     * @return the template with the word in place
     */
    public static String fill(int template, String word) {
        return TEMPLATES.get(template).replace(WORD, word);
    }

    /**
     * Lists the filler words of all templates.
     *
     * @return every word of every template but the placeholder
     */
    public static List<String> fillers() {
        return TEMPLATES.stream()
                .flatMap(template -> List.of(template.split(" ")).stream())
                .filter(word -> !word.equals(WORD))
                .distinct()
                .toList();
    }
}
