package ai.braid.plugin.pcme.data;

import ai.braid.api.UserInputException;
import ai.braid.api.data.DataDirectories;
import ai.braid.data.emoji.Emoji;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the emoji dataset: a real many-to-many image-text set of 1,911 images and 6,165
 * captions at the defaults (4,936 train, 604 validation, 625 test).
 *
 * <p><b>Data.</b> The 64x64 PNGs of the npm package emoji-datasource-google 16.0.0 (Google's
 * Noto emoji, Apache-2.0) joined with the English labels and tags of emojibase-data 17.0.0
 * (MIT) by {@link EmojiCatalog}; scripts/setup.sh unpacks both into {@code data/emoji/}.
 * Skin-tone variants are left out. Samples are (image, caption) pairs with the modalities and
 * targets of {@link CaptionDatasetReader}:
 *
 * <ul>
 *   <li>{@value CaptionDatasetReader#IMAGE_NAME}: the PNG composited onto white, a 64x64
 *       {@code TYPE_INT_RGB} image (the PNGs are transparent around the emoji); each image is
 *       decoded once and kept (1,911 x 16 KiB);</li>
 *   <li>{@value CaptionDatasetReader#TEXT_NAME}: one of the emoji's captions, written by
 *       {@link CaptionComposer}: caption 0 is the label ("man rowing boat"), the others pair
 *       its tags ("canoe, lake"), at most {@code captionsPerImage} in all;</li>
 *   <li>{@value CaptionDatasetReader#IMAGE_TARGET}: the emoji's index in emoji.json;</li>
 *   <li>{@value CaptionDatasetReader#CATEGORY_TARGET}: the index of its subcategory
 *       ("face-smiling", "animal-bird"...) among the 99 sorted subcategories;</li>
 *   <li>{@value CaptionDatasetReader#TAGS_TARGET}: the ids of its tags that at least {@code
 *       minTagImages} emoji carry ({@link PlausibleTags}), the plausible-match relation: many
 *       emoji share "face", "animal" or "heart", as COCO images share object categories.</li>
 * </ul>
 *
 * <p>Sample ids are {@code "<hex code>/<caption index>"}, e.g. "1f600/0". <b>Splits</b> are
 * fixed by the hex code alone ({@link SplitAssignment}): 1,523 train, 189 validation and 199
 * test images, each with all its captions.
 */
public final class EmojiReader implements CaptionDatasetReader {

    /** The default most captions per image. */
    public static final int DEFAULT_CAPTIONS_PER_IMAGE = 4;
    /** The default least number of images a tag needs to be a plausible-match label. */
    public static final int DEFAULT_MIN_TAG_IMAGES = 5;

    private static final Logger LOG = LoggerFactory.getLogger(EmojiReader.class);

    private final Path directory;
    private final int captionsPerImage;
    private final int minTagImages;
    private EmojiCatalog catalog;
    private CaptionCorpus corpus;

    private EmojiReader(Builder builder) {
        this.directory = builder.directory;
        this.captionsPerImage = builder.captionsPerImage;
        this.minTagImages = builder.minTagImages;
    }

    /**
     * Starts a reader with the defaults: {@code <braid.home>/data/emoji}, 4 captions per image,
     * tags of at least 5 images.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the directory the reader reads.
     *
     * @return the directory scripts/setup.sh fills
     */
    public Path directory() {
        return directory;
    }

    /**
     * Returns the joined catalog, reading the JSON files on the first call.
     *
     * @return the catalog; entry i is image i of {@link #corpus()}
     * @throws UserInputException if the data is not installed or malformed
     */
    public synchronized EmojiCatalog catalog() {
        if (catalog == null) {
            catalog = EmojiCatalog.load(directory);
        }
        return catalog;
    }

    /**
     * Returns the dataset, reading the JSON files on the first call; images are decoded when
     * first asked for.
     *
     * @return the corpus
     * @throws UserInputException if the data is not installed or malformed
     */
    // Synchronized: a pipeline may read two splits from two threads.
    @Override
    public synchronized CaptionCorpus corpus() {
        if (corpus == null) {
            corpus = build(catalog());
        }
        return corpus;
    }

    private CaptionCorpus build(EmojiCatalog emoji) {
        List<Emoji> entries = emoji.entries();
        PlausibleTags plausible = PlausibleTags.of(
                entries.stream().map(Emoji::tags).toList(), minTagImages);
        CaptionComposer composer = new CaptionComposer(captionsPerImage);
        List<CaptionedImage> images = new ArrayList<>(entries.size());
        int captions = 0;
        for (Emoji entry : entries) {
            CaptionedImage image = new CaptionedImage(entry.index(), entry.hexCode(),
                    entry.image(), SplitAssignment.of(entry.hexCode()),
                    emoji.subcategoryIndex(entry), plausible.ids(entry.tags()),
                    composer.captions(entry.hexCode(), entry.label(), entry.tags()));
            captions += image.captions().size();
            images.add(image);
        }
        LOG.info("emoji: {} images, {} captions, {} subcategories, {} plausible-match tags"
                + " from {}", images.size(), captions, emoji.subcategories().size(),
                plausible.names().size(), directory);
        return new CaptionCorpus("emoji", images, emoji.subcategories(), plausible.names(),
                true);
    }

    @Override
    public String toString() {
        return "EmojiReader[" + directory + ", captionsPerImage=" + captionsPerImage
                + ", minTagImages=" + minTagImages + "]";
    }

    /** Configures an {@link EmojiReader}; every option has a default. */
    public static final class Builder {

        private Path directory = Path.of(DataDirectories.defaultDirectory("emoji"));
        private int captionsPerImage = DEFAULT_CAPTIONS_PER_IMAGE;
        private int minTagImages = DEFAULT_MIN_TAG_IMAGES;

        private Builder() {}

        /**
         * Sets the data directory.
         *
         * @param directory the folder holding {@value EmojiCatalog#IMAGE_PACKAGE}/ and
         *     {@value EmojiCatalog#TEXT_PACKAGE}/; a relative one is resolved against the
         *     system property braid.home when it is set
         * @return this builder
         */
        public Builder optDirectory(Path directory) {
            this.directory = DataDirectories.resolve(
                    Objects.requireNonNull(directory, "directory"));
            return this;
        }

        /**
         * Sets the most captions per image.
         *
         * @param captionsPerImage default 4; 1 gives the label only
         * @return this builder
         */
        public Builder optCaptionsPerImage(int captionsPerImage) {
            this.captionsPerImage = atLeastOne("captionsPerImage", captionsPerImage);
            return this;
        }

        /**
         * Sets how many images must carry a tag for it to be a plausible-match label.
         *
         * @param minTagImages default 5
         * @return this builder
         */
        public Builder optMinTagImages(int minTagImages) {
            this.minTagImages = atLeastOne("minTagImages", minTagImages);
            return this;
        }

        /**
         * Creates the reader; nothing is read until {@link EmojiReader#corpus}.
         *
         * @return the reader
         */
        public EmojiReader build() {
            return new EmojiReader(this);
        }

        private static int atLeastOne(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " is " + value + "; expected >= 1");
            }
            return value;
        }
    }
}
