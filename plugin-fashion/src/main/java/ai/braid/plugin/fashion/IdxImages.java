package ai.braid.plugin.fashion;

import java.util.Objects;

/**
 * The content of an IDX image file: {@code count} grey images of {@code rows x cols} unsigned
 * bytes, stored one after the other in row-major order.
 *
 * <p>The pixel array is shared, not copied: one training file is 47 MB and a reader keeps one
 * instance for its whole life, handing out copies of single images only.
 *
 * @param count the number of images
 * @param rows the height of every image
 * @param cols the width of every image
 * @param pixels {@code count * rows * cols} bytes; byte {@code (i * rows + y) * cols + x} is
 *     pixel (x, y) of image i, 0 = background, 255 = full ink
 */
record IdxImages(int count, int rows, int cols, byte[] pixels) {

    /** Checks that the array holds exactly the declared number of pixels. */
    IdxImages {
        Objects.requireNonNull(pixels, "pixels");
        if ((long) count * rows * cols != pixels.length) {
            throw new IllegalArgumentException(count + " images of " + rows + "x" + cols
                    + " need " + (long) count * rows * cols + " bytes, got " + pixels.length);
        }
    }

    /**
     * Returns the number of pixels of one image.
     *
     * @return {@code rows * cols}
     */
    int imageSize() {
        return rows * cols;
    }
}
