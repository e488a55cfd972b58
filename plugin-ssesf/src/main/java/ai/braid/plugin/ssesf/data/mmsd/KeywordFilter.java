package ai.braid.plugin.ssesf.data.mmsd;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Drops the MMSD posts that give their label away by a word such as "sarcasm", as Cai et al.
 * (2019) did.
 *
 * <p>Three rules:
 *
 * <ul>
 *   <li>{@link Rule#TOKENS}, the rule of the authors' code (HFM, codes/loadData.py of
 *       headacheboy/data-of-multimodal-sarcasm-detection): the text is split at whitespace, as
 *       Python's {@code str.split()} does, and a post is dropped when a token equals a keyword,
 *       case-sensitively. "#sarcasm" or "sarcasmfest" do not match (MMSD writes hashtags as
 *       "# sarcasm", two tokens), nor does "SARCASM" (MMSD's texts are lower-cased anyway).
 *       On the released files this keeps 19,816 / 2,410 / 2,409 posts, the sizes every paper
 *       reports.</li>
 *   <li>{@link Rule#SUBSTRINGS}: dropped when the lower-cased text contains a keyword
 *       anywhere. Stricter; it keeps 19,557 / 2,387 / 2,373 posts, the sizes of the validation
 *       and test files of MMSD2.0's text_json_clean/.</li>
 *   <li>{@link Rule#NONE}: keeps every post (MMSD2.0 removed the cues from the texts
 *       instead).</li>
 * </ul>
 */
public final class KeywordFilter {

    /** The keywords of Cai et al. (2019), in the order of their code. */
    public static final List<String> MMSD_KEYWORDS = List.of("sarcasm", "sarcastic",
            "reposting", "<url>", "joke", "humour", "humor", "jokes", "irony", "ironic", "exgag");

    /** How a text is matched against the keywords. */
    public enum Rule {
        /** A whitespace-separated token equals a keyword (the authors' code). */
        TOKENS,
        /** The lower-cased text contains a keyword. */
        SUBSTRINGS,
        /** Nothing is dropped. */
        NONE;

        /**
         * Returns the name used in pipeline files.
         *
         * @return "tokens", "substrings" or "none"
         */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * Finds a rule by its name in pipeline files.
         *
         * @param label "tokens", "substrings" or "none"
         * @return the rule
         * @throws IllegalArgumentException if there is none of that name
         */
        public static Rule of(String label) {
            return valueOf(Objects.requireNonNull(label, "label").toUpperCase(Locale.ROOT));
        }
    }

    private final Rule rule;
    private final List<String> keywords;
    private final Set<String> keywordSet;

    private KeywordFilter(Rule rule, List<String> keywords) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.keywords = List.copyOf(keywords);
        this.keywordSet = Set.copyOf(this.keywords);
    }

    /**
     * Creates a filter.
     *
     * @param rule how texts are matched
     * @param keywords the words that drop a post; for {@link Rule#SUBSTRINGS} they are
     *     lower-cased too
     * @return the filter
     * @throws IllegalArgumentException if a keyword is blank or holds whitespace (it could
     *     never equal a token)
     */
    public static KeywordFilter of(Rule rule, List<String> keywords) {
        for (String keyword : keywords) {
            if (keyword.isBlank() || keyword.codePoints().anyMatch(KeywordFilter::isPythonSpace)) {
                throw new IllegalArgumentException("keyword '" + keyword + "' is blank or"
                        + " holds whitespace; expected single words such as 'sarcasm'");
            }
        }
        List<String> words = rule == Rule.SUBSTRINGS
                ? keywords.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList()
                : keywords;
        return new KeywordFilter(rule, words);
    }

    /**
     * Returns the filter of Cai et al. (2019): {@link Rule#TOKENS} with {@link #MMSD_KEYWORDS}.
     *
     * @return the filter
     */
    public static KeywordFilter mmsd() {
        return of(Rule.TOKENS, MMSD_KEYWORDS);
    }

    /**
     * Returns a filter that keeps every post.
     *
     * @return the filter
     */
    public static KeywordFilter none() {
        return new KeywordFilter(Rule.NONE, List.of());
    }

    /**
     * Tells whether a post is dropped.
     *
     * @param text the post's text
     * @return true if it matches a keyword under the rule
     */
    public boolean drops(String text) {
        return switch (rule) {
            case NONE -> false;
            case SUBSTRINGS -> {
                String lower = text.toLowerCase(Locale.ROOT);
                yield keywords.stream().anyMatch(lower::contains);
            }
            case TOKENS -> tokens(text).stream().anyMatch(keywordSet::contains);
        };
    }

    /**
     * Returns the rule.
     *
     * @return how texts are matched
     */
    public Rule rule() {
        return rule;
    }

    /**
     * Returns the keywords.
     *
     * @return the words that drop a post (lower-cased for {@link Rule#SUBSTRINGS})
     */
    public List<String> keywords() {
        return keywords;
    }

    /**
     * Splits a text as Python's {@code str.split()} without arguments does: at runs of
     * whitespace, leading and trailing whitespace ignored.
     *
     * @param text a text
     * @return its tokens
     */
    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (isPythonSpace(codePoint)) {
                if (start >= 0) {
                    tokens.add(text.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
            i += Character.charCount(codePoint);
        }
        if (start >= 0) {
            tokens.add(text.substring(start));
        }
        return tokens;
    }

    /**
     * Tells whether Python's {@code str.isspace()} holds for a character: Java's whitespace
     * plus the no-break spaces (U+00A0, U+2007, U+202F) and NEXT LINE (U+0085), which Java
     * leaves out.
     */
    private static boolean isPythonSpace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)
                || codePoint == 0x85;
    }

    @Override
    public String toString() {
        return rule == Rule.NONE ? "none" : rule.label() + " " + keywords;
    }
}
