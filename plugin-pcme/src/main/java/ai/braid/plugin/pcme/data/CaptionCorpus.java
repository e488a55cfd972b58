package ai.braid.plugin.pcme.data;

import ai.braid.api.UserInputException;
import ai.braid.api.data.ImageFiles;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.api.data.TargetSpec;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * All images of a captioned dataset with their captions, classes and plausible-match labels,
 * and the decoded pixels on request.
 *
 * <p>What the three caption readers share once their files are parsed: the splits' {@link
 * Gallery galleries} (each image and each caption once, for retrieval metrics) and the splits'
 * (image, caption) {@link SampleSet samples} (for training), both in the same order. Images
 * are decoded by {@link RgbImages}: {@code TYPE_INT_RGB}, transparent pixels composited onto
 * white.
 */
public final class CaptionCorpus {

    private final String name;
    private final List<CaptionedImage> images;
    private final List<String> categories;
    private final List<String> tagNames;
    private final Map<Split, Gallery> galleries = new EnumMap<>(Split.class);
    private final AtomicReferenceArray<BufferedImage> decoded;

    /**
     * Creates a corpus.
     *
     * @param name the dataset's name, for messages, e.g. "emoji"
     * @param images the images; image i must have {@link CaptionedImage#index()} i
     * @param categories the class names, indexed by {@link CaptionedImage#category()}; empty
     *     if the dataset has no single class per image (then every category is -1)
     * @param tagNames the names of the plausible-match labels, indexed by the ids in {@link
     *     CaptionedImage#tags()}; empty if the dataset has none
     * @param cacheImages true to keep each decoded image (small datasets), false to decode it
     *     on every request
     * @throws IllegalArgumentException if an index, key, category or tag is inconsistent
     */
    public CaptionCorpus(String name, List<CaptionedImage> images, List<String> categories,
            List<String> tagNames, boolean cacheImages) {
        this.name = Objects.requireNonNull(name, "name");
        this.images = List.copyOf(images);
        this.categories = List.copyOf(categories);
        this.tagNames = List.copyOf(tagNames);
        this.decoded = cacheImages ? new AtomicReferenceArray<>(this.images.size()) : null;
        check();
        Map<Split, List<CaptionedImage>> bySplit = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            bySplit.put(split, new ArrayList<>());
        }
        this.images.forEach(image -> bySplit.get(image.split()).add(image));
        bySplit.forEach((split, members) -> galleries.put(split, new Gallery(split, members)));
    }

    private void check() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < images.size(); i++) {
            CaptionedImage image = images.get(i);
            if (image.index() != i) {
                throw new IllegalArgumentException("image '" + image.key() + "' at " + i
                        + " has index " + image.index());
            }
            if (!keys.add(image.key())) {
                throw new IllegalArgumentException("two images have the key " + image.key());
            }
            int category = image.category();
            boolean valid = categories.isEmpty()
                    ? category == -1
                    : category >= 0 && category < categories.size();
            if (!valid) {
                throw new IllegalArgumentException("image '" + image.key() + "' has category "
                        + category + "; expected an index below " + categories.size()
                        + " (-1 without categories)");
            }
            for (int tag : image.tags()) {
                if (tag < 0 || tag >= tagNames.size()) {
                    throw new IllegalArgumentException("image '" + image.key() + "' has tag "
                            + tag + "; expected an index below " + tagNames.size());
                }
            }
        }
    }

    /**
     * Returns the dataset's name.
     *
     * @return e.g. "emoji"
     */
    public String name() {
        return name;
    }

    /**
     * Returns every image of every split.
     *
     * @return the images, image i at index i
     */
    public List<CaptionedImage> images() {
        return images;
    }

    /**
     * Returns one image.
     *
     * @param index its index
     * @return the image
     */
    public CaptionedImage image(int index) {
        return images.get(index);
    }

    /**
     * Returns the class names, the classes of R-Precision and mAP@R.
     *
     * @return the names, indexed by {@link CaptionedImage#category()}; empty if the dataset
     *     has no single class per image
     */
    public List<String> categories() {
        return categories;
    }

    /**
     * Returns the names of the plausible-match labels (emoji tags, CUB classes, COCO object
     * categories).
     *
     * @return the names, indexed by the ids in {@link CaptionedImage#tags()}; empty if none
     */
    public List<String> tagNames() {
        return tagNames;
    }

    /**
     * Returns the gallery of one split.
     *
     * @param split the split
     * @return its images and captions, each once; empty if the split has no image
     */
    public Gallery gallery(Split split) {
        return galleries.get(Objects.requireNonNull(split, "split"));
    }

    /**
     * Returns one split as (image, caption) samples, in the order of its gallery's captions.
     *
     * @param split the split
     * @return the samples, built on demand
     */
    public SampleSet samples(Split split) {
        return new CaptionSampleSet(this, gallery(split));
    }

    /**
     * Returns the targets every sample carries: {@value CaptionDatasetReader#IMAGE_TARGET},
     * then {@value CaptionDatasetReader#CATEGORY_TARGET} with the class names if there are
     * classes, then {@value CaptionDatasetReader#TAGS_TARGET} with the tag names if there are
     * tags.
     *
     * @return the target specs
     */
    public List<TargetSpec> targets() {
        List<TargetSpec> specs = new ArrayList<>();
        specs.add(new TargetSpec(CaptionDatasetReader.IMAGE_TARGET, List.of()));
        if (!categories.isEmpty()) {
            specs.add(new TargetSpec(CaptionDatasetReader.CATEGORY_TARGET, categories));
        }
        if (!tagNames.isEmpty()) {
            specs.add(new TargetSpec(CaptionDatasetReader.TAGS_TARGET, tagNames));
        }
        return List.copyOf(specs);
    }

    /**
     * Decodes one image (or returns it from the cache). The result may be shared between
     * calls: read it, never draw on it.
     *
     * @param index the image's index
     * @return a {@code TYPE_INT_RGB} image, transparent pixels composited onto white
     * @throws ai.braid.api.UserInputException if the file is missing or not a readable image;
     *     the message names it
     */
    public BufferedImage picture(int index) {
        CaptionedImage image = images.get(index);
        if (decoded == null) {
            return readRgb(image.file());
        }
        BufferedImage cached = decoded.get(index);
        if (cached == null) {
            // Two threads may both decode an image once; both results are equal.
            cached = readRgb(image.file());
            decoded.compareAndSet(index, null, cached);
        }
        return cached;
    }

    private static BufferedImage readRgb(Path file) {
        try {
            return ImageFiles.readRgb(file);
        } catch (NoSuchFileException e) {
            throw new UserInputException("image file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new UserInputException("cannot decode image file " + file + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "CaptionCorpus[" + name + ", " + images.size() + " images, "
                + categories.size() + " categories, " + tagNames.size() + " tags]";
    }
}
