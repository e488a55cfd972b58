package ai.braid.plugin.ssesf.ocr;

import ai.djl.modality.cv.BufferedImageFactory;
import ai.djl.modality.cv.Image;
import java.awt.image.BufferedImage;

/** Wraps test pictures the way dataset readers do. */
final class Pictures {

    // Not ImageFactory.getInstance(): with DJL's OpenCV extension on the class path that one
    // would not wrap BufferedImages.
    private static final BufferedImageFactory IMAGES = new BufferedImageFactory();

    private Pictures() {}

    /**
     * Wraps an image.
     *
     * @param image the pixels
     * @return a DJL image backed by them
     */
    static Image of(BufferedImage image) {
        return IMAGES.fromImage(image);
    }

    /**
     * Draws a white image.
     *
     * @param width the width
     * @param height the height
     * @return a DJL image with every pixel white
     */
    static Image blank(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, 0xffffff);
            }
        }
        return of(image);
    }
}
