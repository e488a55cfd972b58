package ai.braid.plugin.pcme.data;

import ai.braid.api.data.Split;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The retrieval gallery of one split: every image of the split once, and every caption of
 * those images once.
 *
 * <p>Image-to-text retrieval queries with each image and ranks all captions, text-to-image
 * retrieval the other way round; a caption matches an image exactly when its {@link
 * GalleryCaption#position()} is the image's place in {@link #images()}. Captions come in the
 * order of the split's {@link ai.braid.api.data.SampleSet}: sample i of {@code read(split)} is
 * the pair (image of caption i, caption i).
 */
public final class Gallery {

    private final Split split;
    private final List<CaptionedImage> images;
    private final List<GalleryCaption> captions;
    private final Map<Integer, Integer> positions;

    /**
     * Creates the gallery of some images.
     *
     * @param split the split they belong to
     * @param images the images, in corpus order
     * @throws IllegalArgumentException if an image belongs to another split
     */
    public Gallery(Split split, List<CaptionedImage> images) {
        this.split = Objects.requireNonNull(split, "split");
        this.images = List.copyOf(images);
        List<GalleryCaption> all = new ArrayList<>();
        Map<Integer, Integer> byIndex = new HashMap<>();
        for (int position = 0; position < this.images.size(); position++) {
            CaptionedImage image = this.images.get(position);
            if (image.split() != split) {
                throw new IllegalArgumentException("image '" + image.key() + "' belongs to "
                        + image.split().label() + ", not " + split.label());
            }
            byIndex.put(image.index(), position);
            List<String> texts = image.captions();
            for (int k = 0; k < texts.size(); k++) {
                all.add(new GalleryCaption(image.sampleId(k), image.index(), position, k,
                        texts.get(k)));
            }
        }
        this.captions = List.copyOf(all);
        this.positions = Map.copyOf(byIndex);
    }

    /**
     * Returns the split.
     *
     * @return the split all images belong to
     */
    public Split split() {
        return split;
    }

    /**
     * Returns the split's images, each once.
     *
     * @return the images in corpus order
     */
    public List<CaptionedImage> images() {
        return images;
    }

    /**
     * Returns all captions of the split's images, each once.
     *
     * @return the captions, image by image, in the order of the split's samples
     */
    public List<GalleryCaption> captions() {
        return captions;
    }

    /**
     * Finds an image's place in {@link #images()}.
     *
     * @param image the image's index in the corpus
     * @return its position
     * @throws IllegalArgumentException if the image is not in this split
     */
    public int position(int image) {
        Integer position = positions.get(image);
        if (position == null) {
            throw new IllegalArgumentException(
                    "image " + image + " is not in the " + split.label() + " split");
        }
        return position;
    }

    /**
     * Returns, for each caption, the place of its image in {@link #images()}: the ground truth
     * of retrieval.
     *
     * @return (captions) positions
     */
    public int[] captionPositions() {
        return captions.stream().mapToInt(GalleryCaption::position).toArray();
    }

    @Override
    public String toString() {
        return "Gallery[" + split.label() + ", " + images.size() + " images, "
                + captions.size() + " captions]";
    }
}
