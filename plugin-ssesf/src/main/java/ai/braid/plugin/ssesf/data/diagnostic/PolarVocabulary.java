package ai.braid.plugin.ssesf.data.diagnostic;

import ai.braid.api.UserInputException;
import ai.braid.data.emoji.Emoji;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The emoji and the lexicon words the diagnostic samples are drawn from, as many of each
 * polarity.
 *
 * <p><b>Emoji.</b> Each emoji is rated by {@link EmojiPolarity#score}; those with {@code |score|
 * >= minEmojiScore} are candidates, the others (most emoji: objects, flags, animals) are
 * neutral and unused. Each polarity keeps the same number of emoji, the strongest first
 * (largest |score|, then emoji.json's order): {@code min(positives, negatives)}, or fewer when
 * {@code emojiPerPolarity} caps it.
 *
 * <p><b>Words.</b> Candidates are the single-word AFINN entries of lower-case ASCII letters
 * with {@code |score| >= minWordScore}, minus {@link ExcludedWords} and the templates' fillers.
 * Each polarity keeps the same number of words, {@code min(positives, negatives)} or fewer
 * when {@code wordsPerPolarity} caps it, in a fixed pseudo-random order (the CRC-32 of the
 * word, the same for every seed): a cap then keeps a representative sample of the lexicon.
 * Taking the shortest words instead would favour its internet slang ("lol", "lool", "wooo").
 */
public final class PolarVocabulary {

    private final Map<Polarity, List<PolarEmoji>> emoji;
    private final Map<Polarity, List<PolarWord>> words;
    private final Map<Polarity, Integer> emojiCandidates;
    private final Map<Polarity, Integer> wordCandidates;

    private PolarVocabulary(Map<Polarity, List<PolarEmoji>> emoji,
            Map<Polarity, List<PolarWord>> words, Map<Polarity, Integer> emojiCandidates,
            Map<Polarity, Integer> wordCandidates) {
        this.emoji = emoji;
        this.words = words;
        this.emojiCandidates = emojiCandidates;
        this.wordCandidates = wordCandidates;
    }

    /**
     * Selects the emoji and words.
     *
     * @param catalog every emoji, in emoji.json's order
     * @param lexicon the lexicon that rates emoji and words
     * @param selection the thresholds and caps
     * @return the balanced vocabulary
     * @throws UserInputException if a polarity has no emoji or no word at these thresholds
     */
    public static PolarVocabulary select(List<Emoji> catalog, AfinnLexicon lexicon,
            Selection selection) {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(lexicon, "lexicon");
        Objects.requireNonNull(selection, "selection");
        Map<Polarity, List<PolarEmoji>> emoji = byPolarity();
        for (Emoji candidate : catalog) {
            int score = EmojiPolarity.score(candidate, lexicon);
            if (Math.abs(score) >= selection.minEmojiScore()) {
                emoji.get(Polarity.of(score)).add(new PolarEmoji(candidate, score));
            }
        }
        Set<String> fillers = new HashSet<>(TextTemplates.fillers());
        Map<Polarity, List<PolarWord>> words = byPolarity();
        lexicon.scores().forEach((word, score) -> {
            if (word.matches("[a-z]+") && Math.abs(score) >= selection.minWordScore()
                    && !ExcludedWords.WORDS.contains(word) && !fillers.contains(word)) {
                words.get(Polarity.of(score)).add(new PolarWord(word, score));
            }
        });
        Map<Polarity, Integer> emojiCandidates = sizes(emoji);
        Map<Polarity, Integer> wordCandidates = sizes(words);
        int emojiKept = kept("emoji", "minEmojiScore", selection.minEmojiScore(),
                emojiCandidates, selection.emojiPerPolarity());
        int wordsKept = kept("words", "minWordScore", selection.minWordScore(),
                wordCandidates, selection.wordsPerPolarity());
        // Stable sorts: ties keep emoji.json's order.
        Comparator<PolarEmoji> strongest = Comparator.comparingInt(e -> -Math.abs(e.score()));
        Comparator<PolarWord> hashed = Comparator.<PolarWord>comparingLong(w -> crc32(w.word()))
                .thenComparing(PolarWord::word);
        for (Polarity polarity : Polarity.values()) {
            emoji.put(polarity, emoji.get(polarity).stream().sorted(strongest)
                    .limit(emojiKept).toList());
            words.put(polarity, words.get(polarity).stream().sorted(hashed)
                    .limit(wordsKept).toList());
        }
        return new PolarVocabulary(emoji, words, emojiCandidates, wordCandidates);
    }

    private static long crc32(String word) {
        CRC32 crc = new CRC32();
        crc.update(word.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    private static <T> Map<Polarity, List<T>> byPolarity() {
        Map<Polarity, List<T>> map = new EnumMap<>(Polarity.class);
        for (Polarity polarity : Polarity.values()) {
            map.put(polarity, new ArrayList<>());
        }
        return map;
    }

    private static Map<Polarity, Integer> sizes(Map<Polarity, ? extends List<?>> lists) {
        Map<Polarity, Integer> sizes = new EnumMap<>(Polarity.class);
        lists.forEach((polarity, list) -> sizes.put(polarity, list.size()));
        return Map.copyOf(sizes);
    }

    private static int kept(String what, String threshold, int value,
            Map<Polarity, Integer> candidates, int cap) {
        int kept = Math.min(candidates.get(Polarity.POSITIVE), candidates.get(Polarity.NEGATIVE));
        if (kept == 0) {
            throw new UserInputException("no " + what + " of some polarity reach |score| >= "
                    + value + " (positive " + candidates.get(Polarity.POSITIVE) + ", negative "
                    + candidates.get(Polarity.NEGATIVE) + "); lower the option `" + threshold
                    + "`");
        }
        return cap > 0 ? Math.min(cap, kept) : kept;
    }

    /**
     * Returns the emoji of one polarity.
     *
     * @param polarity the polarity
     * @return the emoji, strongest first; both polarities have as many
     */
    public List<PolarEmoji> emoji(Polarity polarity) {
        return emoji.get(polarity);
    }

    /**
     * Returns the words of one polarity.
     *
     * @param polarity the polarity
     * @return the words in CRC-32 order; both polarities have as many
     */
    public List<PolarWord> words(Polarity polarity) {
        return words.get(polarity);
    }

    /**
     * Returns how many emoji of one polarity passed the threshold, before balancing and caps.
     *
     * @param polarity the polarity
     * @return the number of candidates
     */
    public int emojiCandidates(Polarity polarity) {
        return emojiCandidates.get(polarity);
    }

    /**
     * Returns how many words of one polarity passed the threshold and the exclusions, before
     * balancing and caps.
     *
     * @param polarity the polarity
     * @return the number of candidates
     */
    public int wordCandidates(Polarity polarity) {
        return wordCandidates.get(polarity);
    }

    @Override
    public String toString() {
        return "PolarVocabulary[emoji " + emoji.get(Polarity.POSITIVE).size() + "+"
                + emoji.get(Polarity.NEGATIVE).size() + " of " + emojiCandidates + ", words "
                + words.get(Polarity.POSITIVE).size() + "+" + words.get(Polarity.NEGATIVE).size()
                + " of " + wordCandidates + "]";
    }

    /**
     * The thresholds and caps of the selection.
     *
     * @param minEmojiScore the least |score| of an emoji; at least 1
     * @param minWordScore the least |score| of a word; at least 1
     * @param emojiPerPolarity the most emoji per polarity; 0 for no cap
     * @param wordsPerPolarity the most words per polarity; 0 for no cap
     */
    public record Selection(int minEmojiScore, int minWordScore, int emojiPerPolarity,
            int wordsPerPolarity) {

        /**
         * Checks the values.
         *
         * @throws IllegalArgumentException if a threshold is below 1 or a cap negative
         */
        public Selection {
            if (minEmojiScore < 1 || minWordScore < 1 || emojiPerPolarity < 0
                    || wordsPerPolarity < 0) {
                throw new IllegalArgumentException("thresholds must be >= 1 and caps >= 0, got"
                        + " minEmojiScore " + minEmojiScore + ", minWordScore " + minWordScore
                        + ", emojiPerPolarity " + emojiPerPolarity + ", wordsPerPolarity "
                        + wordsPerPolarity);
            }
        }
    }
}
