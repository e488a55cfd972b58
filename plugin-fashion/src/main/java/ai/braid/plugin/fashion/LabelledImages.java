package ai.braid.plugin.fashion;

import java.util.Objects;

/**
 * One Fashion-MNIST file pair, images with their labels, as read from disk.
 *
 * @param name the file's name in sample ids: "train" or "test"
 * @param file the file's number for {@link GlossChoice}: 0 = training file, 1 = test file
 * @param images the images
 * @param labels one label per image, each in {@code [0, 10)}; shared, not copied
 */
record LabelledImages(String name, int file, IdxImages images, byte[] labels) {

    /** Checks that there is one label per image. */
    LabelledImages {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(labels, "labels");
        if (images.count() != labels.length) {
            throw new IllegalArgumentException(images.count() + " images but " + labels.length
                    + " labels");
        }
    }

    /**
     * Returns the number of samples.
     *
     * @return the number of images (= labels)
     */
    int size() {
        return labels.length;
    }

    /**
     * Returns a sample's class.
     *
     * @param index the index in the file
     * @return the label in {@code [0, 10)}
     */
    int label(int index) {
        return labels[index];
    }
}
