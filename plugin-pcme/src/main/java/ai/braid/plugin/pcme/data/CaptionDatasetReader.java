package ai.braid.plugin.pcme.data;

import ai.braid.api.data.Modality;
import ai.braid.api.data.ModalitySpec;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.api.data.TargetSpec;
import ai.braid.api.spi.DatasetReader;
import ai.djl.modality.cv.Image;
import java.util.List;
import java.util.Objects;

/**
 * A dataset of images with several captions each, read as one sample per (image, caption)
 * pair: the shape of COCO Captions, CUB captions and the emoji dataset.
 *
 * <p>Every sample carries the modalities {@value #IMAGE_NAME} (an {@link Image} wrapping a
 * {@code TYPE_INT_RGB} {@link java.awt.image.BufferedImage}) and {@value #TEXT_NAME} (a
 * {@link String}, the caption), and the targets
 *
 * <ul>
 *   <li>{@value #IMAGE_TARGET}: an {@link Integer}, the image's index in the {@link
 *       #corpus()}; all captions of an image share it, so it is the ground truth of
 *       retrieval;</li>
 *   <li>{@value #CATEGORY_TARGET}: an {@link Integer}, the image's class, for R-Precision and
 *       mAP@R (absent when the dataset has no single class per image, see {@link
 *       #targets()});</li>
 *   <li>{@value #TAGS_TARGET}: an {@code int[]} of sorted label ids, the plausible-match label
 *       vector that COCO's object categories are in PMRP (absent when the dataset has none).</li>
 * </ul>
 *
 * <p>Sample ids are {@code "<image key>/<caption index>"}. Splits are by image: all captions
 * of an image are in its split. Retrieval metrics should not iterate over the samples, which
 * repeat each image once per caption, but over {@link #gallery(Split)}, which lists each image
 * and each caption of a split once, in the samples' order.
 */
public interface CaptionDatasetReader extends DatasetReader {

    /** The name of the image modality. */
    String IMAGE_NAME = "image";
    /** The name of the text modality. */
    String TEXT_NAME = "text";
    /** The image modality: {@link Image}. */
    Modality IMAGE = Modality.of(IMAGE_NAME);
    /** The text modality: {@link String}. */
    Modality TEXT = Modality.of(TEXT_NAME);
    /** The target naming a sample's image: an {@link Integer} index into the corpus. */
    String IMAGE_TARGET = "image";
    /** The target naming a sample's class: an {@link Integer} index into the class names. */
    String CATEGORY_TARGET = "category";
    /** The target holding a sample's plausible-match labels: a sorted {@code int[]}. */
    String TAGS_TARGET = "tags";

    /**
     * Returns the whole dataset, parsing its text files on the first call (not its images,
     * which are decoded when a sample or {@link CaptionCorpus#picture} asks for them).
     *
     * @return the corpus, the same instance on every call
     * @throws ai.braid.api.UserInputException if a file is missing or malformed
     */
    CaptionCorpus corpus();

    /**
     * Returns the retrieval gallery of one split.
     *
     * @param split the split
     * @return its images and captions, each once
     * @throws ai.braid.api.UserInputException if a file is missing or malformed
     */
    default Gallery gallery(Split split) {
        return corpus().gallery(split);
    }

    /**
     * Returns {@value #IMAGE_NAME} ({@link Image}) and {@value #TEXT_NAME} ({@link String});
     * reads nothing.
     *
     * @return the two modalities, image first
     */
    @Override
    default List<ModalitySpec> modalities() {
        return List.of(new ModalitySpec(IMAGE, Image.class), new ModalitySpec(TEXT, String.class));
    }

    /**
     * Returns the targets; the class and tag names come from the data, so this parses the
     * dataset's text files (once).
     *
     * @return {@value #IMAGE_TARGET}, then {@value #CATEGORY_TARGET} and {@value #TAGS_TARGET}
     *     where the dataset has them
     */
    @Override
    default List<TargetSpec> targets() {
        return corpus().targets();
    }

    /**
     * Reads one split as (image, caption) samples.
     *
     * @param split the split
     * @return its samples in the order of {@link #gallery(Split)}'s captions, images decoded
     *     on demand
     */
    @Override
    default SampleSet read(Split split) {
        return corpus().samples(Objects.requireNonNull(split, "split"));
    }
}
