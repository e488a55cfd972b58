package ai.braid.plugin.ssesf.data.mmsd;

import ai.braid.api.UserInputException;
import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.spi.DatasetReader;
import ai.braid.api.spi.DatasetReaderFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The dataset reader {@value #NAME}: MMSD (Cai et al. 2019), tweets with an image, labelled
 * sarcastic or not, from the released text files and image folder.
 *
 * <pre>
 * data: { reader: mmsd, path: data/mmsd }
 * </pre>
 *
 * <p>Options: {@code path} (default {@code <braid.home>/data/mmsd}), the folder the other
 * options are relative to; {@code images} (default {@value
 * SarcasmReader#DEFAULT_IMAGE_FOLDER}), the folder of the {@code <id>.jpg} images; {@code
 * trainFile}, {@code validationFile}, {@code testFile} (default text/train.txt,
 * text/valid2.txt, text/test2.txt; empty for no such split); {@code keywordFilter} (default
 * "tokens", the rule of the authors' code; "substrings" or "none", see {@link KeywordFilter})
 * and {@code keywords} (default the eleven of the paper). With the defaults the splits hold
 * 19,816 / 2,410 / 2,409 posts, the sizes every MMSD paper reports. {@link MmsdReader} and
 * {@link SarcasmReader} describe the samples; the target {@value SarcasmReader#LABEL} suits
 * {@code task: classification}.
 */
public final class MmsdReaderFactory implements DatasetReaderFactory {

    /** The name pipeline files use. */
    public static final String NAME = "mmsd";
    /** The option choosing the keyword rule. */
    public static final String KEYWORD_FILTER = "keywordFilter";
    /** The option listing the keywords. */
    public static final String KEYWORDS = "keywords";

    private final OptionSchema options;

    /** Creates the factory; the runtime constructs it once per process. */
    public MmsdReaderFactory() {
        // Built here, not statically: the default directory follows braid.home.
        OptionSchema.Builder builder = SarcasmReaderOptions.add(OptionSchema.builder(),
                "MMSD", MmsdReader.DEFAULT_TRAIN_FILE, MmsdReader.DEFAULT_VALIDATION_FILE,
                MmsdReader.DEFAULT_TEST_FILE, "text file (one Python list ['id', 'text',"
                        + " label...] per line)");
        this.options = builder
                .addChoice(KEYWORD_FILTER, KeywordFilter.Rule.TOKENS.label(),
                        Arrays.stream(KeywordFilter.Rule.values()).map(KeywordFilter.Rule::label)
                                .toList(),
                        "how posts that name their label are dropped: tokens (a whitespace"
                                + " token equals a keyword, the authors' rule: 19,816 / 2,410 /"
                                + " 2,409 posts), substrings (the lower-cased text contains"
                                + " one), none")
                .addStringList(KEYWORDS, KeywordFilter.MMSD_KEYWORDS, "the keywords of"
                        + " keywordFilter")
                .build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "MMSD multimodal sarcasm detection (Cai et al. 2019): tweet image (RGB) and"
                + " text, label sarcastic or not; posts naming their label dropped by keyword";
    }

    @Override
    public OptionSchema options() {
        return options;
    }

    /**
     * Creates a reader after checking that the directory, the split files and the image
     * folder exist; they are read later.
     *
     * @param config the validated options
     * @return an {@link MmsdReader}
     * @throws UserInputException if something is missing (the message names the option and
     *     says where to get the data), no split is configured, or a keyword is blank
     */
    @Override
    public DatasetReader create(ComponentConfig config) {
        Objects.requireNonNull(config, "config");
        MmsdReader.Builder builder = MmsdReader.builder();
        SarcasmReaderOptions.configure(config, builder);
        List<String> keywords = config.getStringList(KEYWORDS);
        KeywordFilter.Rule rule = KeywordFilter.Rule.of(config.getString(KEYWORD_FILTER));
        try {
            builder.optKeywordFilter(rule == KeywordFilter.Rule.NONE
                    ? KeywordFilter.none()
                    : KeywordFilter.of(rule, keywords));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(config.where(KEYWORDS) + ": " + e.getMessage(), e);
        }
        MmsdReader reader = builder.build();
        SarcasmReaderOptions.check(config, reader);
        return reader;
    }
}
