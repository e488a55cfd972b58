package ai.braid.plugin.pcme.data;

import java.util.Objects;

/**
 * One caption of a retrieval gallery, with the image it describes.
 *
 * @param id the id of its (image, caption) sample, {@code imageKey + "/" + caption}
 * @param image the index of its image in the corpus (the {@value
 *     CaptionDatasetReader#IMAGE_TARGET} target)
 * @param position the place of its image in {@link Gallery#images()}
 * @param caption the caption's index among its image's captions
 * @param text the caption
 */
public record GalleryCaption(String id, int image, int position, int caption, String text) {

    /** Checks for nulls. */
    public GalleryCaption {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
    }
}
