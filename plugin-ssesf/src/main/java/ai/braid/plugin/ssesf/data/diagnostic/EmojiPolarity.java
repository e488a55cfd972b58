package ai.braid.plugin.ssesf.data.diagnostic;

import ai.braid.data.emoji.Emoji;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rates an emoji with the lexicon: the sum of the AFINN scores of the distinct words of its
 * label and tags.
 *
 * <p>Words are the maximal runs of the letters a-z in the lower-cased label and tags
 * ("face with steam from nose", "stuck-out" gives "stuck" and "out"); each distinct word counts
 * once, so a label word repeated as a tag ("angry face" and "angry") is not counted twice, and
 * words the lexicon does not rate add 0. The sum, not the mean, because an emoji with several
 * negative tags is more clearly negative than one with a single mildly negative tag, and a
 * single positive tag among many negative ones ("thumbs down" is tagged "good") does not cancel
 * them: "thumbs down" scores -3 (bad -3, dislike -2, good +3, no -1), "grinning face" +7.
 * Multi-word lexicon entries ("bad luck") are not looked for.
 */
public final class EmojiPolarity {

    private static final Pattern WORD = Pattern.compile("[a-z]+");

    private EmojiPolarity() {}

    /**
     * Lists the words that are rated.
     *
     * @param emoji an emoji
     * @return its distinct lower-case words, label first, then tags, in order
     */
    public static Set<String> words(Emoji emoji) {
        Set<String> words = new LinkedHashSet<>();
        addWords(emoji.label(), words);
        for (String tag : emoji.tags()) {
            addWords(tag, words);
        }
        return words;
    }

    /**
     * Rates an emoji.
     *
     * @param emoji an emoji
     * @param lexicon the lexicon
     * @return the sum of the scores of {@link #words}
     */
    public static int score(Emoji emoji, AfinnLexicon lexicon) {
        int sum = 0;
        for (String word : words(emoji)) {
            sum += lexicon.score(word).orElse(0);
        }
        return sum;
    }

    private static void addWords(String text, Set<String> words) {
        Matcher matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (matcher.find()) {
            words.add(matcher.group());
        }
    }
}
