package ai.braid.api.projection;

import ai.djl.modality.nlp.DefaultVocabulary;
import ai.djl.modality.nlp.Vocabulary;
import ai.djl.modality.nlp.bert.BertFullTokenizer;
import ai.djl.modality.nlp.preprocess.TextProcessor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A WordPiece vocabulary: token strings and their ids, built from training texts.
 *
 * <p>Ids are positions in {@link #tokens()}: first the special tokens {@code [PAD]} = 0, {@code
 * [UNK]} = 1, {@code [CLS]} = 2, {@code [SEP]} = 3, {@code [MASK]} = 4, then whole words, then
 * {@code ##} suffix pieces, then every character as a word-initial piece and as a {@code ##}
 * continuation piece. Because every character seen in training is a piece, any word made of
 * seen characters tokenizes without {@code [UNK]}. Building is deterministic: the same texts
 * give the same ids.
 *
 * <p>Instances are immutable. {@link #tokens()} and {@link #of(List)} save and restore one.
 */
public final class WordPieceVocabulary {

    /** Padding; id 0. */
    public static final String PAD = "[PAD]";
    /** A word made of characters never seen in training; id 1. */
    public static final String UNK = "[UNK]";
    /** The sequence summary token, first in every sequence; id 2. */
    public static final String CLS = "[CLS]";
    /** The end of a sequence; id 3. */
    public static final String SEP = "[SEP]";
    /** The token masked-language-model objectives put in place of hidden tokens; id 4. */
    public static final String MASK = "[MASK]";
    /** The special tokens in id order. */
    public static final List<String> SPECIAL_TOKENS = List.of(PAD, UNK, CLS, SEP, MASK);

    private static final String CONTINUATION = "##";

    private final List<String> tokens;
    private final Map<String, Integer> ids;

    private WordPieceVocabulary(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
        this.ids = new HashMap<>();
        for (int i = 0; i < this.tokens.size(); i++) {
            if (ids.putIfAbsent(this.tokens.get(i), i) != null) {
                throw new IllegalArgumentException(
                        "token '" + this.tokens.get(i) + "' appears twice in the vocabulary");
            }
        }
    }

    /**
     * Restores a vocabulary from its tokens in id order.
     *
     * @param tokens the tokens, starting with {@link #SPECIAL_TOKENS}
     * @return the vocabulary
     * @throws IllegalArgumentException if the special tokens do not come first or a token
     *     repeats
     */
    public static WordPieceVocabulary of(List<String> tokens) {
        if (tokens.size() < SPECIAL_TOKENS.size()
                || !tokens.subList(0, SPECIAL_TOKENS.size()).equals(SPECIAL_TOKENS)) {
            throw new IllegalArgumentException(
                    "a WordPiece vocabulary starts with " + SPECIAL_TOKENS);
        }
        return new WordPieceVocabulary(tokens);
    }

    /**
     * Starts a builder that fits a vocabulary to texts.
     *
     * @return a builder with minimum frequency 1, lower-casing on and no suffix pieces
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Splits a text into words and punctuation as BERT's basic tokenizer does, before WordPiece:
     * cleans control characters, splits on white space and punctuation, strips accents and,
     * optionally, lower-cases.
     *
     * @param text the text
     * @param lowerCase whether to lower-case
     * @return the words, none empty
     */
    public static List<String> words(String text, boolean lowerCase) {
        List<String> words = List.of(text);
        for (TextProcessor processor : BertFullTokenizer.getPreprocessors(lowerCase)) {
            words = processor.preprocess(words);
        }
        List<String> nonEmpty = new ArrayList<>(words.size());
        for (String word : words) {
            if (!word.isEmpty()) {
                nonEmpty.add(word);
            }
        }
        return nonEmpty;
    }

    /**
     * Returns the number of tokens V; ids are 0 to V - 1.
     *
     * @return V
     */
    public int size() {
        return tokens.size();
    }

    /**
     * Returns every token in id order.
     *
     * @return an unmodifiable list
     */
    public List<String> tokens() {
        return tokens;
    }

    /**
     * Tells whether a token is in the vocabulary.
     *
     * @param token a word, a {@code ##} piece or a special token
     * @return true if it has an id of its own
     */
    public boolean contains(String token) {
        return ids.containsKey(token);
    }

    /**
     * Returns a token's id.
     *
     * @param token the token
     * @return its id, or the id of {@link #UNK} if the vocabulary lacks it
     */
    public long id(String token) {
        Integer id = ids.get(token);
        return id == null ? unkId() : id;
    }

    /**
     * Returns the token with an id.
     *
     * @param id in [0, V)
     * @return the token
     * @throws IndexOutOfBoundsException if the id is outside the vocabulary
     */
    public String token(long id) {
        return tokens.get(Math.toIntExact(id));
    }

    /**
     * Returns the id of {@link #PAD}.
     *
     * @return 0
     */
    public long padId() {
        return 0;
    }

    /**
     * Returns the id of {@link #UNK}.
     *
     * @return 1
     */
    public long unkId() {
        return 1;
    }

    /**
     * Returns the id of {@link #CLS}.
     *
     * @return 2
     */
    public long clsId() {
        return 2;
    }

    /**
     * Returns the id of {@link #SEP}.
     *
     * @return 3
     */
    public long sepId() {
        return 3;
    }

    /**
     * Returns the id of {@link #MASK}.
     *
     * @return 4
     */
    public long maskId() {
        return 4;
    }

    /**
     * Returns the vocabulary as DJL's {@link Vocabulary} with the same ids, for DJL's tokenizers.
     *
     * @return a new DJL vocabulary
     */
    public Vocabulary toDjl() {
        return new DefaultVocabulary(tokens);
    }

    /** Fits a {@link WordPieceVocabulary} to training texts. */
    public static final class Builder {

        private int minFrequency = 1;
        private boolean lowerCase = true;
        private int suffixes;

        private Builder() {}

        /**
         * Sets how often a whole word must occur to get a token of its own (default 1).
         *
         * @param minFrequency at least 1
         * @return this builder
         */
        public Builder optMinFrequency(int minFrequency) {
            this.minFrequency = minFrequency;
            return this;
        }

        /**
         * Sets whether texts are lower-cased before words are counted (default true); the
         * tokenizer must use the same setting.
         *
         * @param lowerCase true to lower-case
         * @return this builder
         */
        public Builder optLowerCase(boolean lowerCase) {
            this.lowerCase = lowerCase;
            return this;
        }

        /**
         * Sets how many frequent word endings of 2 to 4 characters become {@code ##} pieces
         * (default 0); an ending must occur at least the minimum frequency times.
         *
         * @param suffixes at least 0
         * @return this builder
         */
        public Builder optSuffixes(int suffixes) {
            this.suffixes = suffixes;
            return this;
        }

        /**
         * Builds the vocabulary from texts.
         *
         * @param texts the training texts; only these contribute tokens
         * @return the vocabulary
         * @throws IllegalArgumentException if minFrequency is below 1 or suffixes below 0
         */
        public WordPieceVocabulary fit(List<String> texts) {
            Objects.requireNonNull(texts, "texts");
            if (minFrequency < 1 || suffixes < 0) {
                throw new IllegalArgumentException("minFrequency must be at least 1 and suffixes"
                        + " at least 0, got " + minFrequency + " and " + suffixes);
            }
            Map<String, Integer> wordCounts = new HashMap<>();
            for (String text : texts) {
                for (String word : words(text, lowerCase)) {
                    wordCounts.merge(word, 1, Integer::sum);
                }
            }
            Set<String> tokens = new LinkedHashSet<>(SPECIAL_TOKENS);
            for (Map.Entry<String, Integer> word : byFrequency(wordCounts)) {
                if (word.getValue() >= minFrequency) {
                    tokens.add(word.getKey());
                }
            }
            List<Map.Entry<String, Integer>> endings = byFrequency(suffixCounts(wordCounts));
            int added = 0;
            for (Map.Entry<String, Integer> ending : endings) {
                if (added == suffixes || ending.getValue() < minFrequency) {
                    break;
                }
                if (tokens.add(CONTINUATION + ending.getKey())) {
                    added++;
                }
            }
            Set<String> characters = new TreeSet<>();
            for (String word : wordCounts.keySet()) {
                word.codePoints().forEach(c -> characters.add(new String(Character.toChars(c))));
            }
            tokens.addAll(characters);
            for (String character : characters) {
                tokens.add(CONTINUATION + character);
            }
            return new WordPieceVocabulary(new ArrayList<>(tokens));
        }

        /** Counts word endings of 2 to 4 code points, each weighted by its word's count. */
        private static Map<String, Integer> suffixCounts(Map<String, Integer> wordCounts) {
            Map<String, Integer> counts = new HashMap<>();
            for (Map.Entry<String, Integer> word : wordCounts.entrySet()) {
                int[] codePoints = word.getKey().codePoints().toArray();
                for (int length = 2; length <= 4 && length < codePoints.length; length++) {
                    String ending = new String(
                            codePoints, codePoints.length - length, length);
                    counts.merge(ending, word.getValue(), Integer::sum);
                }
            }
            return counts;
        }

        /** Most frequent first; ties in string order, so that ids never depend on hashing. */
        private static List<Map.Entry<String, Integer>> byFrequency(Map<String, Integer> counts) {
            List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
            entries.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                    .thenComparing(Map.Entry.comparingByKey()));
            return entries;
        }
    }
}
