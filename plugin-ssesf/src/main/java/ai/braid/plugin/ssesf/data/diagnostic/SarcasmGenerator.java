package ai.braid.plugin.ssesf.data.diagnostic;

import ai.braid.api.data.Split;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * Draws the diagnostic samples of each split from a {@link PolarVocabulary}, deterministically
 * from a seed.
 *
 * <p>In a split of n samples, exactly {@code round(textInImage n)} carry their text in the
 * image. Within that group and within the rest, the four (text polarity, image polarity) cells
 * are filled in turn over a seeded permutation of the indices, so each group holds each cell
 * n/4 times (up to one) and the label, text polarity and image polarity are balanced in every
 * subset; text and image polarity are independent, so neither alone says anything about the
 * label. Each sample then draws, uniformly, an emoji of its image polarity, a word of its text
 * polarity among the emoji's allowed partners, and a template.
 *
 * <p><b>New pairs for evaluation.</b> The emoji and the words are shared by all splits (a model
 * must learn each one's polarity), but the (emoji, word) pairs are not: with i the emoji's and
 * j the word's index in their polarity's lists, the pair is held out iff {@code (i + j) mod}
 * {@value #PAIR_PERIOD} {@code == 0}. Train draws only the other pairs, validation and test
 * only these, so every evaluated pair is unseen and a model must compose what it learnt of the
 * emoji and of the word rather than recall the pair. The rule gives every emoji the same number
 * of held-out partners among the positive and among the negative words (both lists have the
 * same length), so which pairs are held out says nothing about the label: the emoji alone and
 * the word alone stay at chance in every split. (Redrawing pairs seen in train instead would
 * not: an emoji met mostly with opposite words in train would then meet fewer of them in test,
 * and a memorised emoji-only vote fell to 44-49% on test instead of 50%.) With fewer than
 * {@value #PAIR_PERIOD} words per polarity all pairs are allowed everywhere.
 *
 * <p>The draws of a split use {@link Random} (whose sequence the Java specification fixes)
 * seeded from (seed, {@value #VERSION}, split), so they are the same on every JVM. Ids are
 * {@code sar-v<version>-s<seed>-<key>-<split>-<index>}, where key is the CRC-32 of everything
 * else that changes the split's samples (its size, the share, the selected emoji and words,
 * and the content key the reader adds, the canvas size; not the other splits' sizes): a cache
 * keyed by id, like the OCR extractor's, never serves a stale result for the same id.
 */
public final class SarcasmGenerator {

    /** The generator's version; changes whenever the same options give other samples. */
    public static final int VERSION = 1;

    /** One (emoji, word) pair in this many is held out for evaluation. */
    public static final int PAIR_PERIOD = 5;

    private final PolarVocabulary vocabulary;
    private final Settings settings;
    private final String contentKey;
    private final Map<Split, List<SarcasmSample>> splits = new EnumMap<>(Split.class);

    /**
     * Creates a generator.
     *
     * @param vocabulary the emoji and words
     * @param settings the seed, sizes and share
     * @param contentKey the options outside this generator that change a sample's content,
     *     e.g. "imageSize=128"; part of the ids
     */
    public SarcasmGenerator(PolarVocabulary vocabulary, Settings settings, String contentKey) {
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.contentKey = Objects.requireNonNull(contentKey, "contentKey") + ";"
                + contents(vocabulary);
    }

    /** The emoji and words in order: a vocabulary selected with other options changes ids. */
    private static String contents(PolarVocabulary vocabulary) {
        StringBuilder contents = new StringBuilder();
        for (Polarity polarity : Polarity.values()) {
            vocabulary.emoji(polarity).forEach(e -> contents.append(e.hexCode()).append(','));
            vocabulary.words(polarity).forEach(w -> contents.append(w.word()).append(','));
        }
        return contents.toString();
    }

    /**
     * Returns the settings.
     *
     * @return the seed, sizes and share
     */
    public Settings settings() {
        return settings;
    }

    /**
     * Returns the vocabulary the samples are drawn from.
     *
     * @return the vocabulary
     */
    public PolarVocabulary vocabulary() {
        return vocabulary;
    }

    /**
     * Returns all samples of one split, drawing them on the first call.
     *
     * @param split the split
     * @return the samples in index order
     */
    // Synchronized: a pipeline may read two splits from two threads.
    public synchronized List<SarcasmSample> samples(Split split) {
        return splits.computeIfAbsent(split, this::draw);
    }

    /**
     * Tells whether an (emoji, word) pair is held out for evaluation.
     *
     * @param emoji the emoji's index in its polarity's list
     * @param word the word's index in its polarity's list
     * @return true if validation and test draw it, false if train does
     */
    public boolean heldOut(int emoji, int word) {
        return separated() && (emoji + word) % PAIR_PERIOD == 0;
    }

    /** With fewer words than the period some emoji would have no held-out partner. */
    private boolean separated() {
        return vocabulary.words(Polarity.POSITIVE).size() >= PAIR_PERIOD;
    }

    private List<SarcasmSample> draw(Split split) {
        int n = settings.size(split);
        Random random = new Random(mix(mix(settings.seed()) + 31L * VERSION + split.ordinal()));
        int inImage = (int) Math.round(settings.textInImage() * n);
        int[] order = permutation(n, random);
        int[] cell = new int[n];
        boolean[] textInImage = new boolean[n];
        for (int position = 0; position < n; position++) {
            int index = order[position];
            textInImage[index] = position < inImage;
            cell[index] = (position < inImage ? position : position - inImage) % 4;
        }
        boolean evaluation = split != Split.TRAIN;
        String idPrefix = idPrefix(split);
        List<SarcasmSample> samples = new ArrayList<>(n);
        for (int index = 0; index < n; index++) {
            Polarity text = Polarity.values()[cell[index] & 1];
            Polarity image = Polarity.values()[cell[index] >> 1];
            List<PolarEmoji> emoji = vocabulary.emoji(image);
            List<PolarWord> words = vocabulary.words(text);
            int e = random.nextInt(emoji.size());
            int w = partner(e, words.size(), evaluation, random);
            int template = random.nextInt(TextTemplates.TEMPLATES.size());
            String id = String.format(Locale.ROOT, "%s-%06d", idPrefix, index);
            samples.add(new SarcasmSample(id, split, index, emoji.get(e), words.get(w), template,
                    textInImage[index]));
        }
        return List.copyOf(samples);
    }

    /** The ids' start: everything that changes the split's samples, hashed. */
    private String idPrefix(Split split) {
        CRC32 crc = new CRC32();
        crc.update((settings.key(split) + ";" + contentKey).getBytes(StandardCharsets.UTF_8));
        return String.format(Locale.ROOT, "sar-v%d-s%d-%08x-%s", VERSION, settings.seed(),
                crc.getValue(), split.label());
    }

    /** Draws uniformly among the words the split may pair with emoji e. */
    private int partner(int emoji, int words, boolean evaluation, Random random) {
        int allowed = 0;
        for (int word = 0; word < words; word++) {
            allowed += heldOut(emoji, word) == evaluation || !separated() ? 1 : 0;
        }
        int pick = random.nextInt(allowed);
        for (int word = 0; word < words; word++) {
            if ((heldOut(emoji, word) == evaluation || !separated()) && pick-- == 0) {
                return word;
            }
        }
        throw new IllegalStateException("no partner drawn");
    }

    private static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /** SplitMix64's finaliser: spreads nearby seeds over the whole range before Random. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * The options of the draws.
     *
     * @param seed the seed of every draw
     * @param trainSize the number of train samples, at least 0
     * @param validationSize the number of validation samples, at least 0
     * @param testSize the number of test samples, at least 0
     * @param textInImage the share of samples whose text is drawn into the image, in [0, 1]
     */
    public record Settings(long seed, int trainSize, int validationSize, int testSize,
            double textInImage) {

        /**
         * Checks the values.
         *
         * @throws IllegalArgumentException if a size is negative or the share outside [0, 1]
         */
        public Settings {
            if (trainSize < 0 || validationSize < 0 || testSize < 0) {
                throw new IllegalArgumentException("split sizes must be >= 0, got " + trainSize
                        + ", " + validationSize + ", " + testSize);
            }
            if (!(textInImage >= 0 && textInImage <= 1)) {
                throw new IllegalArgumentException("textInImage must be in [0, 1], got "
                        + textInImage);
            }
        }

        /**
         * Returns the size of one split.
         *
         * @param split the split
         * @return its number of samples
         */
        public int size(Split split) {
            return switch (split) {
                case TRAIN -> trainSize;
                case VALIDATION -> validationSize;
                case TEST -> testSize;
            };
        }

        /** Everything but the seed that changes one split's samples, for its ids. */
        String key(Split split) {
            return String.format(Locale.ROOT, "size=%d;textInImage=%s", size(split),
                    Double.toString(textInImage));
        }
    }
}
