package ai.braid.plugin.ssesf.data.mmsd;

import ai.braid.api.UserInputException;
import ai.braid.api.data.DataDirectories;
import ai.braid.api.data.Modality;
import ai.braid.api.data.ModalitySpec;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.api.data.TargetSpec;
import ai.braid.api.spi.DatasetReader;
import ai.djl.modality.cv.Image;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A multimodal sarcasm dataset of tweets: MMSD ({@link MmsdReader}) or MMSD2.0 ({@link
 * Mmsd2Reader}).
 *
 * <p>Every sample is one post with the modalities {@value #IMAGE_NAME} (an {@link Image}
 * wrapping a {@code TYPE_INT_RGB} {@link java.awt.image.BufferedImage}, decoded from {@code
 * <image folder>/<id>.jpg} each time the sample is built) and {@value #TEXT_NAME} (the tweet
 * text, a {@link String}, exactly as the file holds it), and the target {@value #LABEL}, an
 * {@link Integer} class index into {@link #CLASSES}: 0 "not sarcastic", 1 "sarcastic". The
 * built-in classification task trains on it with {@code target: label}; its binary precision,
 * recall and F1 are those of class 1, the sarcastic one, as in the papers. Sample ids are the
 * tweet ids; samples are in file order.
 *
 * <p>Each split is one file, parsed on the first {@link #read} of the split and kept (the
 * texts of MMSD take a few MB). Images are not read then: a missing or damaged image is
 * reported, naming the post and the file, when its sample is built.
 */
public abstract sealed class SarcasmReader implements DatasetReader
        permits MmsdReader, Mmsd2Reader {

    /** The name of the image modality. */
    public static final String IMAGE_NAME = "image";
    /** The name of the text modality. */
    public static final String TEXT_NAME = "text";
    /** The image modality: {@link Image}. */
    public static final Modality IMAGE = Modality.of(IMAGE_NAME);
    /** The text modality: {@link String}. */
    public static final Modality TEXT = Modality.of(TEXT_NAME);
    /** The target holding the class index, an {@link Integer}. */
    public static final String LABEL = "label";
    /** The class names, index = class id. */
    public static final List<String> CLASSES = List.of("not sarcastic", "sarcastic");
    /** The default image folder, as in both releases. */
    public static final String DEFAULT_IMAGE_FOLDER = "dataset_image";
    /** Where MMSD's text files and the image archives of both datasets are published. */
    public static final String MMSD_DOWNLOAD =
            "https://github.com/headacheboy/data-of-multimodal-sarcasm-detection";
    /** Where MMSD2.0's text files are published. */
    public static final String MMSD2_DOWNLOAD = "https://github.com/JoeYing1019/MMSD2.0";

    private static final Logger LOG = LoggerFactory.getLogger(SarcasmReader.class);

    private final String name;
    private final Path directory;
    private final String imageFolder;
    private final Map<Split, String> files;
    private final Map<Split, SarcasmSampleSet> splits = new EnumMap<>(Split.class);

    /**
     * Creates a reader from its builder's settings.
     *
     * @param name the reader's name in pipeline files, for messages
     * @param builder the settings
     */
    SarcasmReader(String name, Builder<?> builder) {
        this.name = Objects.requireNonNull(name, "name");
        this.directory = builder.directory;
        this.imageFolder = builder.imageFolder;
        this.files = Collections.unmodifiableMap(new EnumMap<>(builder.files));
    }

    /**
     * Returns {@value #IMAGE_NAME} ({@link Image}) and {@value #TEXT_NAME} ({@link String});
     * reads nothing.
     *
     * @return the two modalities, image first
     */
    @Override
    public List<ModalitySpec> modalities() {
        return List.of(new ModalitySpec(IMAGE, Image.class), new ModalitySpec(TEXT, String.class));
    }

    /**
     * Returns the one target; reads nothing.
     *
     * @return {@value #LABEL} with the classes "not sarcastic" and "sarcastic"
     */
    @Override
    public List<TargetSpec> targets() {
        return List.of(new TargetSpec(LABEL, CLASSES));
    }

    /**
     * Reads one split, parsing its file on the first call.
     *
     * @param split the split
     * @return its samples in file order (after keyword filtering for MMSD); empty if no file
     *     is configured for the split
     * @throws UserInputException if the file or the image folder is missing (the message says
     *     where to get the data) or a line or record is malformed (the message names the file
     *     and the line)
     */
    @Override
    public synchronized SampleSet read(Split split) {
        Objects.requireNonNull(split, "split");
        SarcasmSampleSet samples = splits.get(split);
        if (samples == null) {
            samples = load(split);
            splits.put(split, samples);
        }
        return samples;
    }

    /**
     * Tells what is missing from the directory.
     *
     * @return empty if every configured file and the image folder exist, otherwise the first
     *     missing one
     */
    Optional<Path> missing() {
        for (String name : files.values()) {
            Path file = directory.resolve(name);
            if (!Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Files.isDirectory(imageFolder()) ? Optional.empty() : Optional.of(imageFolder());
    }

    /**
     * Returns the directory the files are relative to.
     *
     * @return the dataset directory
     */
    public Path directory() {
        return directory;
    }

    /**
     * Returns the folder of the images.
     *
     * @return the image folder, resolved against the directory
     */
    public Path imageFolder() {
        return directory.resolve(imageFolder);
    }

    /**
     * Returns the file of each configured split.
     *
     * @return the files, relative to the directory
     */
    public Map<Split, String> files() {
        return files;
    }

    /**
     * Parses one split's file.
     *
     * @param file the file
     * @return every post of the file, in file order
     */
    abstract List<SarcasmPost> parse(Path file);

    /**
     * Chooses the posts that become samples.
     *
     * @param posts every post of a split's file
     * @return the samples' posts, in file order
     */
    abstract List<SarcasmPost> keep(List<SarcasmPost> posts);

    /**
     * Says how to get the data, for messages about missing files.
     *
     * @return a sentence naming the download pages
     */
    abstract String howToGet();

    private SarcasmSampleSet load(Split split) {
        String fileName = files.get(split);
        if (fileName == null) {
            return new SarcasmSampleSet(List.of(), imageFolder(), howToGet());
        }
        missing().ifPresent(path -> {
            throw new UserInputException(name + ": there is no " + path + "; " + howToGet());
        });
        Path file = directory.resolve(fileName);
        List<SarcasmPost> posts = parse(file);
        List<SarcasmPost> kept = keep(posts);
        LOG.info("{} {}: {} posts in {}, {} dropped by the keyword filter, {} samples", name,
                split.label(), posts.size(), file, posts.size() - kept.size(), kept.size());
        return new SarcasmSampleSet(kept, imageFolder(), howToGet());
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + directory + ", images " + imageFolder + ", "
                + files + "]";
    }

    /**
     * Configures a reader; every option has a default.
     *
     * @param <B> the concrete builder
     */
    public abstract static sealed class Builder<B extends Builder<B>>
            permits MmsdReader.Builder, Mmsd2Reader.Builder {

        private Path directory = Path.of(DataDirectories.defaultDirectory("mmsd"));
        private String imageFolder = DEFAULT_IMAGE_FOLDER;
        private final Map<Split, String> files = new EnumMap<>(Split.class);

        /**
         * Starts with the default directory and image folder and a file per split.
         *
         * @param train the default train file
         * @param validation the default validation file
         * @param test the default test file
         */
        Builder(String train, String validation, String test) {
            files.put(Split.TRAIN, train);
            files.put(Split.VALIDATION, validation);
            files.put(Split.TEST, test);
        }

        /**
         * Sets the dataset directory.
         *
         * @param directory the folder the split files and the image folder are relative to;
         *     a relative one is resolved against the system property braid.home when it is
         *     set (default {@code <braid.home>/data/mmsd})
         * @return this builder
         */
        public B optDirectory(Path directory) {
            this.directory = DataDirectories.resolve(
                    Objects.requireNonNull(directory, "directory"));
            return self();
        }

        /**
         * Sets the image folder.
         *
         * @param imageFolder the folder of the {@code <id>.jpg} files, relative to the
         *     directory (default {@value SarcasmReader#DEFAULT_IMAGE_FOLDER})
         * @return this builder
         * @throws IllegalArgumentException if it is blank
         */
        public B optImageFolder(String imageFolder) {
            if (Objects.requireNonNull(imageFolder, "imageFolder").isBlank()) {
                throw new IllegalArgumentException("the image folder must not be blank");
            }
            this.imageFolder = imageFolder;
            return self();
        }

        /**
         * Sets the file of one split.
         *
         * @param split the split
         * @param file its text file, relative to the directory
         * @return this builder
         * @throws IllegalArgumentException if the file name is blank
         */
        public B optSplitFile(Split split, String file) {
            Objects.requireNonNull(split, "split");
            if (Objects.requireNonNull(file, "file").isBlank()) {
                throw new IllegalArgumentException("the file of the " + split.label()
                        + " split must not be blank; use optNoSplit to leave it out");
            }
            files.put(split, file);
            return self();
        }

        /**
         * Leaves a split empty.
         *
         * @param split the split
         * @return this builder
         */
        public B optNoSplit(Split split) {
            files.remove(Objects.requireNonNull(split, "split"));
            return self();
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }
    }
}
