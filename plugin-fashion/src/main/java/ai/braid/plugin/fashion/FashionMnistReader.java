package ai.braid.plugin.fashion;

import ai.braid.api.UserInputException;
import ai.braid.api.data.Modality;
import ai.braid.api.data.ModalitySpec;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.api.data.TargetSpec;
import ai.braid.api.spi.DatasetReader;
import ai.djl.modality.cv.Image;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads Fashion-MNIST as a two-modality dataset: the garment's image and a short WordNet text.
 *
 * <p><b>Data.</b> The four gzipped IDX files of Debian's dataset-fashion-mnist (Zalando's
 * Fashion-MNIST, MIT licence): 60,000 training and 10,000 test images of 28x28 grey pixels,
 * 1,000 per class in the test file, 6,000 in the training file. Each sample carries
 *
 * <ul>
 *   <li>{@value #IMAGE_NAME}: an {@link Image} wrapping a {@code TYPE_BYTE_GRAY}
 *       {@link java.awt.image.BufferedImage}, 0 = background, 255 = full ink, as in the file.
 *       {@code image.toNDArray(manager, Image.Flag.GRAYSCALE)} gives the exact bytes as a
 *       (28, 28, 1) uint8 array, {@code Flag.COLOR} (28, 28, 3). Do not read pixels with
 *       {@code BufferedImage.getRGB}: Java treats byte grey as linear and converts it to sRGB
 *       (128 reads as 188);</li>
 *   <li>{@value #TEXT_NAME}: a {@link String}, one WordNet definition (below);</li>
 *   <li>target {@value #TARGET}: the class index as a {@link Long}, an index into
 *       {@link #CLASSES}.</li>
 * </ul>
 *
 * <p>Sample ids name the file and the index in it: "train-00042", "test-00007".
 *
 * <p><b>Splits.</b> {@link Split#TEST} is the test file. {@link Split#VALIDATION} is the last
 * {@code validation} images of the training file (default 5,000; the file's classes are
 * shuffled, so it holds about 500 of each) and {@link Split#TRAIN} the rest, both in file order.
 * {@code trainLimit} caps the train split, {@code evalLimit} each of validation and test (0 =
 * no cap), for quick runs: the kept samples are the first ones of each class in file order with
 * class counts differing by at most one (see {@link StratifiedSubset}). Everything is
 * deterministic, and a sample's text depends only on {@code seed}, {@code specificShare} and
 * the sample's place in its file, not on the split options.
 *
 * <p><b>Texts: a constructed task over real data.</b> Fashion-MNIST has no text, so the text
 * is made from WordNet so that neither modality suffices alone. Every class has a specific noun
 * sense (t-shirt#1, trouser#1, pullover#1, dress#1, coat#1, sandal#1, shirt#1, sneaker#1,
 * handbag#1, boot#1) and shares a general one with its group, the group's common hypernym:
 * clothing#1 ("a covering designed to be worn on a person's body") for the six clothes,
 * footwear#2 ("covering for a person's feet") for sandal, sneaker and ankle boot, container#1
 * ("any object that can be used to hold things") for the bag (see {@link GarmentClass}). A sample's text is the specific definition with probability {@code
 * specificShare} (default 0.5), otherwise the general one, decided by a hash of {@code seed},
 * the file and the index in it ({@link GlossChoice}). Definitions are WordNet's glosses without
 * usage examples and parenthetical remarks ({@link WordNetGlosses}).
 *
 * <p><b>What text alone can reach.</b> A specific text names its class; a general text leaves
 * the group, where the best guess is right once in the group's size, and the classes are
 * balanced. With p = {@code specificShare}, the best text-only accuracy is therefore
 *
 * <pre>
 * p + (1 - p) * (6 * 1/6 + 3 * 1/3 + 1 * 1/1) / 10 = 0.3 + 0.7 p
 * </pre>
 *
 * <p>that is 0.65 at the default 0.5 (the bag is always recognised, a general clothing text is
 * right one time in six). Images alone reach about 0.9 with small CNNs, their errors being
 * mostly shirt vs T-shirt, pullover and coat, which a specific text resolves: a model that
 * fuses both should beat either.
 */
public final class FashionMnistReader implements DatasetReader {

    /** The name of the image modality. */
    public static final String IMAGE_NAME = "image";
    /** The name of the text modality. */
    public static final String TEXT_NAME = "text";
    /** The image modality: {@link Image}, 28x28 grey. */
    public static final Modality IMAGE = Modality.of(IMAGE_NAME);
    /** The text modality: {@link String}. */
    public static final Modality TEXT = Modality.of(TEXT_NAME);
    /** The name of the class-label target. */
    public static final String TARGET = "label";
    /** The class names in label order, as Fashion-MNIST documents them. */
    public static final List<String> CLASSES = GarmentClass.displayNames();

    /** The training images, relative to the data directory. */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    /** The training labels, relative to the data directory. */
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    /** The test images, relative to the data directory. */
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    /** The test labels, relative to the data directory. */
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";
    /** Where Debian's dataset-fashion-mnist installs the files. */
    public static final String DEFAULT_DIRECTORY = "/usr/share/datasets/fashion-mnist";
    /** Where Debian's wordnet-base installs WordNet. */
    public static final String DEFAULT_WORDNET = "/usr/share/wordnet";

    static final String INSTALL = "apt-get install dataset-fashion-mnist";
    private static final int SIDE = 28;

    private final Path directory;
    private final Path wordNet;
    private final int validation;
    private final int trainLimit;
    private final int evalLimit;
    private final GlossChoice choice;
    private Content content;

    private FashionMnistReader(Builder builder) {
        this.directory = builder.directory;
        this.wordNet = builder.wordNet;
        this.validation = builder.validation;
        this.trainLimit = builder.trainLimit;
        this.evalLimit = builder.evalLimit;
        this.choice = new GlossChoice(builder.seed, builder.specificShare);
    }

    /**
     * Starts a reader with the defaults: Debian's paths, 5,000 validation images, no limits,
     * seed 17, specific share 0.5.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Tells what is missing from a Fashion-MNIST directory.
     *
     * @param directory the directory to check
     * @return empty if it holds all four files, otherwise the first missing one
     */
    static Optional<Path> missingFile(Path directory) {
        for (String name : List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)) {
            if (!Files.isRegularFile(directory.resolve(name))) {
                return Optional.of(directory.resolve(name));
            }
        }
        return Optional.empty();
    }

    /**
     * Returns {@value #IMAGE_NAME} ({@link Image}) and {@value #TEXT_NAME} ({@link String}).
     *
     * @return the two modalities, image first
     */
    @Override
    public List<ModalitySpec> modalities() {
        return List.of(new ModalitySpec(IMAGE, Image.class), new ModalitySpec(TEXT, String.class));
    }

    /**
     * Returns the target {@value #TARGET} with the ten {@link #CLASSES}; reads nothing.
     *
     * @return one target spec
     */
    @Override
    public List<TargetSpec> targets() {
        return List.of(new TargetSpec(TARGET, CLASSES));
    }

    /**
     * Reads one split; the first call reads all four files and WordNet (about a second), later
     * calls reuse them.
     *
     * @param split the split
     * @return its samples, built on demand
     * @throws UserInputException if a file is missing or malformed, WordNet lacks a sense, or
     *     {@code validation} leaves no training images
     */
    @Override
    public SampleSet read(Split split) {
        Objects.requireNonNull(split, "split");
        Content data = content();
        LabelledImages train = data.train();
        int trainEnd = train.size() - validation;
        return switch (split) {
            case TRAIN -> sampleSet(data, train, 0, trainEnd, trainLimit);
            case VALIDATION -> sampleSet(data, train, trainEnd, train.size(), evalLimit);
            case TEST -> sampleSet(data, data.test(), 0, data.test().size(), evalLimit);
        };
    }

    private SampleSet sampleSet(Content data, LabelledImages file, int from, int to, int limit) {
        int[] indices = StratifiedSubset.select(file.labels(), CLASSES.size(), from, to, limit);
        return new FashionSampleSet(file, indices, data.texts(), choice);
    }

    // Synchronized: a pipeline may read two splits from two threads.
    private synchronized Content content() {
        if (content == null) {
            missingFile(directory).ifPresent(file -> {
                throw new UserInputException(missing(directory, file));
            });
            LabelledImages train = read("train", 0, TRAIN_IMAGES, TRAIN_LABELS);
            if (validation >= train.size()) {
                throw new UserInputException("validation is " + validation + " but "
                        + directory.resolve(TRAIN_IMAGES) + " holds " + train.size()
                        + " images; expected fewer, so that training images remain");
            }
            LabelledImages test = read("test", 1, TEST_IMAGES, TEST_LABELS);
            content = new Content(train, test, GarmentTexts.lookUp(new WordNetGlosses(wordNet)));
        }
        return content;
    }

    private LabelledImages read(String name, int file, String imageFile, String labelFile) {
        IdxImages images = IdxFile.readImages(directory.resolve(imageFile), SIDE, SIDE);
        byte[] labels = IdxFile.readLabels(directory.resolve(labelFile), CLASSES.size());
        if (images.count() != labels.length) {
            throw new UserInputException(directory.resolve(imageFile) + " holds "
                    + images.count() + " images but " + directory.resolve(labelFile) + " holds "
                    + labels.length + " labels; expected one label per image");
        }
        return new LabelledImages(name, file, images, labels);
    }

    /**
     * Says that the data is missing and how to get it.
     *
     * @param directory the configured directory
     * @param file the first missing file in it
     * @return the message
     */
    static String missing(Path directory, Path file) {
        String what = Files.isDirectory(directory)
                ? "there is no " + file
                : "there is no directory " + directory;
        return "Fashion-MNIST is not installed: " + what + "; install it with `" + INSTALL
                + "` or set the option `path` to a directory holding " + TRAIN_IMAGES + ", "
                + TRAIN_LABELS + ", " + TEST_IMAGES + " and " + TEST_LABELS;
    }

    @Override
    public String toString() {
        return "FashionMnistReader[" + directory + ", validation=" + validation + "]";
    }

    private record Content(LabelledImages train, LabelledImages test, GarmentTexts texts) {}

    /** Configures a {@link FashionMnistReader}; every option has a default. */
    public static final class Builder {

        private Path directory = Path.of(DEFAULT_DIRECTORY);
        private Path wordNet = Path.of(DEFAULT_WORDNET);
        private int validation = 5000;
        private int trainLimit;
        private int evalLimit;
        private long seed = 17;
        private double specificShare = 0.5;

        private Builder() {}

        /**
         * Sets the directory of the four gzipped IDX files.
         *
         * @param directory default {@value #DEFAULT_DIRECTORY}
         * @return this builder
         */
        public Builder optDirectory(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Sets the WordNet 3 dictionary directory (index.noun, data.noun).
         *
         * @param wordNet default {@value #DEFAULT_WORDNET}
         * @return this builder
         */
        public Builder optWordNet(Path wordNet) {
            this.wordNet = Objects.requireNonNull(wordNet, "wordNet");
            return this;
        }

        /**
         * Sets how many images at the end of the training file form the validation split.
         *
         * @param validation default 5000; 0 leaves the validation split empty
         * @return this builder
         */
        public Builder optValidation(int validation) {
            this.validation = nonNegative("validation", validation);
            return this;
        }

        /**
         * Caps the train split (class-balanced, first samples in file order).
         *
         * @param trainLimit the largest size; 0 (the default) keeps all
         * @return this builder
         */
        public Builder optTrainLimit(int trainLimit) {
            this.trainLimit = nonNegative("trainLimit", trainLimit);
            return this;
        }

        /**
         * Caps the validation and the test split, each (class-balanced, first samples in file
         * order).
         *
         * @param evalLimit the largest size; 0 (the default) keeps all
         * @return this builder
         */
        public Builder optEvalLimit(int evalLimit) {
            this.evalLimit = nonNegative("evalLimit", evalLimit);
            return this;
        }

        /**
         * Sets the seed of the specific-or-general choice of each sample's text.
         *
         * @param seed default 17
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the probability that a sample's text is its class's own definition rather than
         * its group's.
         *
         * @param specificShare in [0, 1], default 0.5
         * @return this builder
         */
        public Builder optSpecificShare(double specificShare) {
            if (!(specificShare >= 0 && specificShare <= 1)) {
                throw new IllegalArgumentException("specificShare is " + specificShare
                        + "; expected a number in [0, 1]");
            }
            this.specificShare = specificShare;
            return this;
        }

        /**
         * Creates the reader; nothing is read until {@link FashionMnistReader#read}.
         *
         * @return the reader
         */
        public FashionMnistReader build() {
            return new FashionMnistReader(this);
        }

        private static int nonNegative(String name, int value) {
            if (value < 0) {
                throw new IllegalArgumentException(name + " is " + value + "; expected >= 0");
            }
            return value;
        }
    }
}
