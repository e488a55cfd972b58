package ai.braid.plugin.pcme.data;

import ai.braid.api.UserInputException;
import ai.braid.api.data.DataDirectories;
import ai.braid.api.data.Split;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads CUB-200-2011 with the captions of Reed et al. (2016) in the layout of
 * reedscot/cvpr2016:
 *
 * <pre>
 * &lt;path&gt;/trainvalclasses.txt, testclasses.txt  one class folder name per line
 * &lt;path&gt;/text_c10/&lt;class&gt;/&lt;image&gt;.txt  captions, one per line (ten per image)
 * &lt;path&gt;/images/&lt;class&gt;/&lt;image&gt;.jpg    the photograph (CUB_200_2011/images)
 * </pre>
 *
 * <p>where a class is e.g. "001.Black_footed_Albatross" and an image
 * "Black_Footed_Albatross_0001_796111". Samples are (image, caption) pairs with the modalities
 * and targets of {@link CaptionDatasetReader}: the photograph (decoded on every request, not
 * kept: the full set is large), one caption (blank lines are skipped), the image's index, its
 * class (the index of its class folder among the listed classes, sorted by name) and, as
 * plausible-match labels, just {@code {class}}, so that PMRP reduces to matching classes as in
 * the PCME paper. Sample ids are {@code "<class>/<image>/<caption index>"}.
 *
 * <p><b>Splits</b> are by class, from the class lists ({@link CubClassSplits}); images are in
 * class order, then file-name order. A caption file whose image is missing or that holds no
 * caption is an error naming it.
 */
public final class CubCaptionReader implements CaptionDatasetReader {

    /** The folder of the per-class caption folders, relative to the data directory. */
    public static final String TEXT_FOLDER = "text_c10";
    /** The folder of the per-class image folders, relative to the data directory. */
    public static final String IMAGE_FOLDER = "images";
    /** The default list of training classes. */
    public static final String DEFAULT_TRAIN_CLASSES = "trainvalclasses.txt";
    /** The default list of test classes. */
    public static final String DEFAULT_TEST_CLASSES = "testclasses.txt";

    private static final String CAPTION_SUFFIX = ".txt";
    private static final String IMAGE_SUFFIX = ".jpg";
    private static final Logger LOG = LoggerFactory.getLogger(CubCaptionReader.class);

    private final Path directory;
    private final Map<Split, String> classLists;
    private CaptionCorpus corpus;

    private CubCaptionReader(Builder builder) {
        this.directory = builder.directory;
        Map<Split, String> lists = new EnumMap<>(Split.class);
        lists.put(Split.TRAIN, builder.trainClasses);
        builder.validationClasses.ifPresent(file -> lists.put(Split.VALIDATION, file));
        lists.put(Split.TEST, builder.testClasses);
        this.classLists = Collections.unmodifiableMap(lists);
    }

    /**
     * Starts a reader with the defaults: {@code <braid.home>/data/cub}, classes of
     * trainvalclasses.txt for training, of testclasses.txt for testing, no validation split.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Tells what is missing from a CUB directory.
     *
     * @param directory the directory
     * @param lists the class list files, relative to it
     * @return empty if it holds both folders and every list, otherwise the first missing one
     */
    static Optional<Path> missingFile(Path directory, List<String> lists) {
        for (String folder : List.of(TEXT_FOLDER, IMAGE_FOLDER)) {
            if (!Files.isDirectory(directory.resolve(folder))) {
                return Optional.of(directory.resolve(folder));
            }
        }
        return lists.stream().map(directory::resolve).filter(file -> !Files.isRegularFile(file))
                .findFirst();
    }

    /**
     * Returns the dataset, reading the class lists and caption files on the first call.
     *
     * @return the corpus
     * @throws UserInputException if a file is missing or malformed
     */
    @Override
    public synchronized CaptionCorpus corpus() {
        if (corpus == null) {
            corpus = build();
        }
        return corpus;
    }

    private CaptionCorpus build() {
        missingFile(directory, List.copyOf(classLists.values())).ifPresent(missing -> {
            throw new UserInputException("the CUB captions are incomplete: there is no "
                    + missing + "; expected the layout of reedscot/cvpr2016 (" + TEXT_FOLDER
                    + "/, " + IMAGE_FOLDER + "/ and the class lists) under " + directory);
        });
        Path captions = directory.resolve(TEXT_FOLDER);
        Map<String, Split> splits = CubClassSplits.read(directory, captions, classLists)
                .splits();
        List<String> classes = List.copyOf(splits.keySet());
        List<CaptionedImage> images = new ArrayList<>();
        for (int category = 0; category < classes.size(); category++) {
            String name = classes.get(category);
            for (Path file : captionFiles(captions.resolve(name))) {
                String fileName = file.getFileName().toString();
                String stem = fileName.substring(0, fileName.length() - CAPTION_SUFFIX.length());
                Path image = directory.resolve(IMAGE_FOLDER).resolve(name)
                        .resolve(stem + IMAGE_SUFFIX);
                if (!Files.isRegularFile(image)) {
                    throw new UserInputException("caption file " + file + " has no image: there"
                            + " is no " + image);
                }
                images.add(new CaptionedImage(images.size(), name + "/" + stem, image,
                        splits.get(name), category, new int[] {category}, readCaptions(file)));
            }
        }
        LOG.info("cub-captions: {} images of {} classes from {}", images.size(),
                classes.size(), directory);
        return new CaptionCorpus("cub-captions", images, classes, classes, false);
    }

    private static List<Path> captionFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(CAPTION_SUFFIX))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UserInputException("cannot list the caption folder " + folder + ": " + e,
                    e);
        }
    }

    private static List<String> readCaptions(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserInputException("cannot read the caption file " + file + ": " + e, e);
        }
        List<String> captions = lines.stream().map(String::strip).filter(s -> !s.isEmpty())
                .toList();
        if (captions.isEmpty()) {
            throw new UserInputException("caption file " + file + " holds no caption; expected"
                    + " one caption per line");
        }
        return captions;
    }

    @Override
    public String toString() {
        return "CubCaptionReader[" + directory + ", " + classLists + "]";
    }

    /** Configures a {@link CubCaptionReader}; every option has a default. */
    public static final class Builder {

        private Path directory = Path.of(DataDirectories.defaultDirectory("cub"));
        private String trainClasses = DEFAULT_TRAIN_CLASSES;
        private String testClasses = DEFAULT_TEST_CLASSES;
        private Optional<String> validationClasses = Optional.empty();

        private Builder() {}

        /**
         * Sets the CUB directory.
         *
         * @param directory the folder holding {@value #TEXT_FOLDER}/, {@value #IMAGE_FOLDER}/
         *     and the class lists; a relative one is resolved against the system property
         *     braid.home when it is set
         * @return this builder
         */
        public Builder optDirectory(Path directory) {
            this.directory = DataDirectories.resolve(
                    Objects.requireNonNull(directory, "directory"));
            return this;
        }

        /**
         * Sets the list of training classes.
         *
         * @param file relative to the directory, default {@value #DEFAULT_TRAIN_CLASSES}
         * @return this builder
         */
        public Builder optTrainClasses(String file) {
            this.trainClasses = nonBlank("trainClasses", file);
            return this;
        }

        /**
         * Sets the list of test classes.
         *
         * @param file relative to the directory, default {@value #DEFAULT_TEST_CLASSES}
         * @return this builder
         */
        public Builder optTestClasses(String file) {
            this.testClasses = nonBlank("testClasses", file);
            return this;
        }

        /**
         * Sets the list of validation classes, which are then left out of the training
         * classes.
         *
         * @param file relative to the directory, e.g. "valclasses1.txt"; blank (the default)
         *     for no validation split
         * @return this builder
         */
        public Builder optValidationClasses(String file) {
            Objects.requireNonNull(file, "file");
            this.validationClasses = file.isBlank() ? Optional.empty() : Optional.of(file);
            return this;
        }

        /**
         * Creates the reader; nothing is read until {@link CubCaptionReader#corpus}.
         *
         * @return the reader
         */
        public CubCaptionReader build() {
            return new CubCaptionReader(this);
        }

        private static String nonBlank(String name, String value) {
            if (Objects.requireNonNull(value, name).isBlank()) {
                throw new IllegalArgumentException(name + " is blank; expected a file name");
            }
            return value;
        }
    }
}
