package ai.braid.plugin.pcme.data;

import java.util.Objects;
import java.util.Optional;

/**
 * The files of one COCO split, relative to the COCO directory.
 *
 * @param captions the captions JSON, e.g. "annotations/captions_train2014.json"
 * @param images the folder of the images its {@code file_name}s name, e.g. "train2014"
 * @param instances the instances JSON of the same images, e.g.
 *     "annotations/instances_train2014.json", whose object categories become the
 *     plausible-match labels; empty if not used
 */
public record CocoSplitFiles(String captions, String images, Optional<String> instances) {

    /**
     * Checks for nulls and blanks.
     *
     * @throws IllegalArgumentException if a file name is blank
     */
    public CocoSplitFiles {
        for (String name : new String[] {captions, images, instances.orElse("x")}) {
            if (Objects.requireNonNull(name, "file").isBlank()) {
                throw new IllegalArgumentException("COCO split files must not be blank: "
                        + captions + ", " + images + ", " + instances);
            }
        }
    }

    /**
     * Names the files of a split without instances.
     *
     * @param captions the captions JSON
     * @param images the image folder
     * @return the split's files
     */
    public static CocoSplitFiles of(String captions, String images) {
        return new CocoSplitFiles(captions, images, Optional.empty());
    }

    /**
     * Adds the instances JSON.
     *
     * @param file the instances JSON; blank for none
     * @return a copy with the instances file set (or cleared)
     */
    public CocoSplitFiles withInstances(String file) {
        return new CocoSplitFiles(captions, images,
                file.isBlank() ? Optional.empty() : Optional.of(file));
    }
}
