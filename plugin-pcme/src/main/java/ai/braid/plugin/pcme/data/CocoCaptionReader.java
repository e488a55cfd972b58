package ai.braid.plugin.pcme.data;

import ai.braid.api.UserInputException;
import ai.braid.api.data.DataDirectories;
import ai.braid.api.data.Split;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads COCO Captions from the official JSON files: per split a captions file (the format of
 * captions_train2014.json), the folder of its images and, optionally, the instances file of
 * the same images (instances_train2014.json) for the plausible-match labels.
 *
 * <p>Samples are (image, caption) pairs with the modalities and targets of {@link
 * CaptionDatasetReader}: the image (decoded on every request, not kept), one caption (stripped;
 * blank ones are skipped), the image's index and, when instances files are given, the indices
 * of the object categories present in the image (a multi-hot vector as a sorted {@code int[]};
 * category i is the i-th by ascending COCO category id), the label vectors of PMRP. COCO
 * images show several objects, so there is no single-class {@value
 * CaptionDatasetReader#CATEGORY_TARGET} target. Sample ids are {@code "<image id>/<caption
 * index>"}; images are in split order (train, validation, test), then in the order of their
 * captions file, captions in annotation order.
 *
 * <p>Images without a caption are left out; a caption of an image the file does not list, an
 * image file that does not exist, and an image id in two splits are errors naming them.
 */
public final class CocoCaptionReader implements CaptionDatasetReader {

    /** The default captions file of the train split. */
    public static final String DEFAULT_TRAIN_CAPTIONS = "annotations/captions_train2014.json";
    /** The default image folder of the train split. */
    public static final String DEFAULT_TRAIN_IMAGES = "train2014";
    /** The default captions file of the test split (COCO's test set has no captions). */
    public static final String DEFAULT_TEST_CAPTIONS = "annotations/captions_val2014.json";
    /** The default image folder of the test split. */
    public static final String DEFAULT_TEST_IMAGES = "val2014";

    private static final Logger LOG = LoggerFactory.getLogger(CocoCaptionReader.class);

    private final Path directory;
    private final Map<Split, CocoSplitFiles> splits;
    private CaptionCorpus corpus;

    private CocoCaptionReader(Builder builder) {
        this.directory = builder.directory;
        this.splits = Collections.unmodifiableMap(new EnumMap<>(builder.splits));
        boolean some = splits.values().stream().anyMatch(s -> s.instances().isPresent());
        boolean all = splits.values().stream().allMatch(s -> s.instances().isPresent());
        if (some && !all) {
            throw new IllegalArgumentException("either every COCO split or none needs an"
                    + " instances file, got " + splits);
        }
    }

    /**
     * Starts a reader with the defaults: {@code <braid.home>/data/coco}, train from
     * captions_train2014.json and train2014/, test from captions_val2014.json and val2014/, no
     * validation split, no instances.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Tells what is missing from a COCO directory for some splits.
     *
     * @param directory the directory
     * @param files the splits' files
     * @return empty if every file and folder exists, otherwise the first missing one
     */
    static Optional<Path> missingFile(Path directory, Iterable<CocoSplitFiles> files) {
        for (CocoSplitFiles split : files) {
            List<String> jsonFiles = new ArrayList<>(List.of(split.captions()));
            split.instances().ifPresent(jsonFiles::add);
            for (String name : jsonFiles) {
                if (!Files.isRegularFile(directory.resolve(name))) {
                    return Optional.of(directory.resolve(name));
                }
            }
            if (!Files.isDirectory(directory.resolve(split.images()))) {
                return Optional.of(directory.resolve(split.images()));
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the dataset, reading the JSON files on the first call.
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
        missingFile(directory, splits.values()).ifPresent(missing -> {
            throw new UserInputException("the COCO captions are incomplete: there is no "
                    + missing);
        });
        Map<Split, CocoInstancesFile> instances = new EnumMap<>(Split.class);
        Map<Long, String> categories = new TreeMap<>();
        splits.forEach((split, files) -> files.instances().ifPresent(name -> {
            CocoInstancesFile file = CocoInstancesFile.read(directory.resolve(name));
            instances.put(split, file);
            file.categories().forEach((id, category) -> {
                String other = categories.putIfAbsent(id, category);
                if (other != null && !other.equals(category)) {
                    throw new UserInputException(directory.resolve(name) + " names category "
                            + id + " '" + category + "', another instances file '" + other
                            + "'");
                }
            });
        }));
        Map<Long, Integer> categoryIndex = new HashMap<>();
        categories.keySet().forEach(id -> categoryIndex.put(id, categoryIndex.size()));
        List<CaptionedImage> images = new ArrayList<>();
        Map<Long, Split> seen = new HashMap<>();
        for (Map.Entry<Split, CocoSplitFiles> entry : splits.entrySet()) {
            Split split = entry.getKey();
            Path captionsFile = directory.resolve(entry.getValue().captions());
            Path folder = directory.resolve(entry.getValue().images());
            CocoInstancesFile objects = instances.get(split);
            CocoCaptionsFile.read(captionsFile).images().forEach((id, captioned) -> {
                Split earlier = seen.putIfAbsent(id, split);
                if (earlier != null) {
                    throw new UserInputException(captionsFile + ": image " + id + " is also in"
                            + " the " + earlier.label() + " split; splits must not share"
                            + " images");
                }
                Path file = folder.resolve(captioned.fileName());
                if (!Files.isRegularFile(file)) {
                    throw new UserInputException(captionsFile + ": image " + id + " has"
                            + " captions but no image file: there is no " + file);
                }
                int[] tags = objects == null ? new int[0] : objects.categoriesOf(id).stream()
                        .mapToInt(categoryIndex::get).sorted().toArray();
                images.add(new CaptionedImage(images.size(), Long.toString(id), file, split,
                        -1, tags, captioned.captions()));
            });
        }
        LOG.info("coco-captions: {} images, {} object categories from {}", images.size(),
                categories.size(), directory);
        return new CaptionCorpus("coco-captions", images, List.of(),
                List.copyOf(categories.values()), false);
    }

    @Override
    public String toString() {
        return "CocoCaptionReader[" + directory + ", " + splits + "]";
    }

    /** Configures a {@link CocoCaptionReader}; every option has a default. */
    public static final class Builder {

        private Path directory = Path.of(DataDirectories.defaultDirectory("coco"));
        private final Map<Split, CocoSplitFiles> splits = new EnumMap<>(Split.class);

        private Builder() {
            splits.put(Split.TRAIN, CocoSplitFiles.of(DEFAULT_TRAIN_CAPTIONS,
                    DEFAULT_TRAIN_IMAGES));
            splits.put(Split.TEST, CocoSplitFiles.of(DEFAULT_TEST_CAPTIONS,
                    DEFAULT_TEST_IMAGES));
        }

        /**
         * Sets the COCO directory.
         *
         * @param directory the folder the split files are relative to; a relative one is
         *     resolved against the system property braid.home when it is set
         * @return this builder
         */
        public Builder optDirectory(Path directory) {
            this.directory = DataDirectories.resolve(
                    Objects.requireNonNull(directory, "directory"));
            return this;
        }

        /**
         * Sets the files of one split.
         *
         * @param split the split
         * @param files its captions file, image folder and optional instances file
         * @return this builder
         */
        public Builder optSplit(Split split, CocoSplitFiles files) {
            splits.put(Objects.requireNonNull(split, "split"),
                    Objects.requireNonNull(files, "files"));
            return this;
        }

        /**
         * Leaves a split empty.
         *
         * @param split the split
         * @return this builder
         */
        public Builder optNoSplit(Split split) {
            splits.remove(Objects.requireNonNull(split, "split"));
            return this;
        }

        /**
         * Creates the reader; nothing is read until {@link CocoCaptionReader#corpus}.
         *
         * @return the reader
         * @throws IllegalArgumentException if no split is configured, or instances files are
         *     given for some splits but not all
         */
        public CocoCaptionReader build() {
            if (splits.isEmpty()) {
                throw new IllegalArgumentException("a COCO reader needs at least one split");
            }
            return new CocoCaptionReader(this);
        }
    }
}
