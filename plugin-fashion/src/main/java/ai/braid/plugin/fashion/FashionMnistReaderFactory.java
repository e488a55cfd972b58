package ai.braid.plugin.fashion;

import ai.braid.api.UserInputException;
import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.spi.DatasetReader;
import ai.braid.api.spi.DatasetReaderFactory;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The dataset reader {@value #NAME}: Fashion-MNIST images with a WordNet text per sample.
 *
 * <pre>
 * data: { reader: fashion-mnist, validation: 5000, specificShare: 0.5, seed: 17 }
 * </pre>
 *
 * <p>A constructed image-text task over real data: the modalities are {@code image} (28x28
 * grey {@link ai.djl.modality.cv.Image}) and {@code text} (the WordNet definition of the
 * garment's own noun with probability {@code specificShare}, otherwise that of its group:
 * clothing, footwear or container), the target {@code label} has the ten Fashion-MNIST classes.
 * Text alone is at most {@code 0.3 + 0.7 * specificShare} accurate (0.65 by default), so a good
 * model must fuse both; {@link FashionMnistReader} has the details and the derivation.
 *
 * <p>Options: {@code path} (default {@value FashionMnistReader#DEFAULT_DIRECTORY}), the
 * directory of the four gzipped IDX files; {@code wordnet} (default {@value
 * FashionMnistReader#DEFAULT_WORDNET}); {@code validation} (default 5000), the number of images
 * at the end of the training file that form the validation split; {@code trainLimit} and {@code
 * evalLimit} (default 0 = all), class-balanced caps on the train split and on each of validation
 * and test for quick runs; {@code seed} (default 17) and {@code specificShare} (default 0.5),
 * which choose each sample's text.
 */
public final class FashionMnistReaderFactory implements DatasetReaderFactory {

    /** The name pipeline files use. */
    public static final String NAME = "fashion-mnist";
    /** The option naming the data directory. */
    public static final String PATH = "path";
    /** The option naming the WordNet directory. */
    public static final String WORDNET = "wordnet";
    /** The option giving the size of the validation split. */
    public static final String VALIDATION = "validation";
    /** The option capping the train split. */
    public static final String TRAIN_LIMIT = "trainLimit";
    /** The option capping the validation and test splits. */
    public static final String EVAL_LIMIT = "evalLimit";
    /** The option seeding the choice of texts. */
    public static final String SEED = "seed";
    /** The option giving the share of specific texts. */
    public static final String SPECIFIC_SHARE = "specificShare";

    private static final OptionSchema OPTIONS = OptionSchema.builder()
            .addPath(PATH, FashionMnistReader.DEFAULT_DIRECTORY, "directory of the gzipped IDX"
                    + " files " + FashionMnistReader.TRAIN_IMAGES + " etc. (Debian package"
                    + " dataset-fashion-mnist)")
            .addPath(WORDNET, FashionMnistReader.DEFAULT_WORDNET, "WordNet 3 dictionary"
                    + " directory with index.noun and data.noun (Debian package wordnet-base)")
            .addInteger(VALIDATION, 5000, 0, 59_999, "images at the end of the training file"
                    + " that form the validation split; the rest is the train split")
            .addInteger(TRAIN_LIMIT, 0, 0, Integer.MAX_VALUE, "largest train split, the first"
                    + " images of each class in file order, class counts within one; 0 = all")
            .addInteger(EVAL_LIMIT, 0, 0, Integer.MAX_VALUE, "largest validation and test"
                    + " split each, chosen like trainLimit; 0 = all")
            .addInteger(SEED, 17, 0, Integer.MAX_VALUE, "seed of the choice between a"
                    + " sample's specific and general text")
            .addNumber(SPECIFIC_SHARE, 0.5, 0, 1, "probability that a sample's text defines"
                    + " its own class rather than its group (clothing, footwear, container)")
            .build();

    /** Creates the factory; the runtime constructs it once per process. */
    public FashionMnistReaderFactory() {
        // Nothing to set up: factories must be cheap, they are built for 'braid plugins' too.
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Fashion-MNIST (image: 28x28 grey Image) with a WordNet text per sample that"
                + " defines the garment itself with probability specificShare, else only its"
                + " group (clothing/footwear/container), so text alone reaches at most"
                + " 0.3 + 0.7 * specificShare accuracy and the task needs fusion; 10 classes";
    }

    @Override
    public OptionSchema options() {
        return OPTIONS;
    }

    /**
     * Creates a reader after checking that the data and WordNet are installed; both are read
     * later.
     *
     * @param config the validated options
     * @return the reader
     * @throws UserInputException if a data file or WordNet is missing; the message says how to
     *     install it and names the option that points at it
     */
    @Override
    public DatasetReader create(ComponentConfig config) {
        Objects.requireNonNull(config, "config");
        Path directory = config.getPath(PATH);
        FashionMnistReader.missingFile(directory).ifPresent(file -> {
            throw new UserInputException(config.where(PATH) + ": "
                    + FashionMnistReader.missing(directory, file));
        });
        Path wordNet = config.getPath(WORDNET);
        WordNetGlosses.missingFile(wordNet).ifPresent(file -> {
            throw new UserInputException(config.where(WORDNET) + ": WordNet is not installed:"
                    + " there is no " + file + "; install it with `" + WordNetGlosses.INSTALL
                    + "` or set the option `" + WORDNET + "` to a WordNet 3 dictionary"
                    + " directory");
        });
        return FashionMnistReader.builder()
                .optDirectory(directory)
                .optWordNet(wordNet)
                .optValidation(config.getInt(VALIDATION))
                .optTrainLimit(config.getInt(TRAIN_LIMIT))
                .optEvalLimit(config.getInt(EVAL_LIMIT))
                .optSeed(config.getLong(SEED))
                .optSpecificShare(config.getDouble(SPECIFIC_SHARE))
                .build();
    }
}
