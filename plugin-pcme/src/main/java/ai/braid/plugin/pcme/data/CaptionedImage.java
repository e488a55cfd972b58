package ai.braid.plugin.pcme.data;

import ai.braid.api.data.Split;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One image of a captioned dataset with all its captions and labels: an entry of a retrieval
 * gallery.
 *
 * <p>Immutable. The {@link #index()} is the image's place in its {@link CaptionCorpus}, the
 * same in every split, and the value of the target {@value CaptionDatasetReader#IMAGE_TARGET}
 * of each of its (image, caption) samples: captions with the same index describe the same
 * image.
 */
public final class CaptionedImage {

    private final int index;
    private final String key;
    private final Path file;
    private final Split split;
    private final int category;
    private final int[] tags;
    private final List<String> captions;

    /**
     * Creates an entry.
     *
     * @param index the image's place in its corpus, from 0
     * @param key the dataset's own name of the image (an emoji's hex code, a CUB file name, a
     *     COCO image id); sample ids start with it
     * @param file the image file
     * @param split the split every caption of the image belongs to
     * @param category the image's class (an index into {@link CaptionCorpus#categories()}), or
     *     -1 when the dataset has no single class per image
     * @param tags the ids of the image's labels for plausible matches, sorted ascending, each
     *     an index into {@link CaptionCorpus#tagNames()}; may be empty
     * @param captions the captions, at least one, none blank
     * @throws IllegalArgumentException if there is no caption, a caption is blank or the tags
     *     are not sorted and distinct
     */
    public CaptionedImage(int index, String key, Path file, Split split, int category,
            int[] tags, List<String> captions) {
        this.index = index;
        this.key = Objects.requireNonNull(key, "key");
        this.file = Objects.requireNonNull(file, "file");
        this.split = Objects.requireNonNull(split, "split");
        this.category = category;
        this.tags = tags.clone();
        this.captions = List.copyOf(captions);
        if (index < 0 || category < -1) {
            throw new IllegalArgumentException("image '" + key + "': index " + index
                    + " and category " + category + " must be >= 0 (category -1 = none)");
        }
        if (this.captions.isEmpty() || this.captions.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException(
                    "image '" + key + "' needs non-blank captions, got " + this.captions);
        }
        for (int i = 1; i < this.tags.length; i++) {
            if (this.tags[i] <= this.tags[i - 1]) {
                throw new IllegalArgumentException("image '" + key + "': tags "
                        + Arrays.toString(this.tags) + " must be sorted and distinct");
            }
        }
    }

    /**
     * Returns the image's place in its corpus.
     *
     * @return the index, from 0; the {@value CaptionDatasetReader#IMAGE_TARGET} target
     */
    public int index() {
        return index;
    }

    /**
     * Returns the dataset's own name of the image.
     *
     * @return e.g. "1f600", "001.Black_footed_Albatross/Black_Footed_Albatross_0001_796111" or
     *     "391895"
     */
    public String key() {
        return key;
    }

    /**
     * Returns the image file.
     *
     * @return the path it is read from
     */
    public Path file() {
        return file;
    }

    /**
     * Returns the split the image and all its captions belong to.
     *
     * @return the split
     */
    public Split split() {
        return split;
    }

    /**
     * Returns the image's class.
     *
     * @return an index into {@link CaptionCorpus#categories()}, or -1 if the dataset has none
     */
    public int category() {
        return category;
    }

    /**
     * Returns the ids of the image's plausible-match labels.
     *
     * @return a copy, sorted ascending; may be empty
     */
    public int[] tags() {
        return tags.clone();
    }

    /**
     * Returns the captions.
     *
     * @return at least one caption; caption k has the sample id {@code key + "/" + k}
     */
    public List<String> captions() {
        return captions;
    }

    /**
     * Returns the id of one (image, caption) sample.
     *
     * @param caption the caption's index in {@link #captions()}
     * @return {@code key + "/" + caption}
     */
    public String sampleId(int caption) {
        Objects.checkIndex(caption, captions.size());
        return key + "/" + caption;
    }

    @Override
    public String toString() {
        return "CaptionedImage[" + index + " " + key + ", " + split.label() + ", category "
                + category + ", tags " + Arrays.toString(tags) + ", " + captions + "]";
    }
}
