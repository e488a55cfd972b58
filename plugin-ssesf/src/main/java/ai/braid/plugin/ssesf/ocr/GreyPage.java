package ai.braid.plugin.ssesf.ocr;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * An image as Tesseract receives it: 8-bit grey, one byte per pixel, rows top to bottom.
 *
 * <p>{@link #of} flattens transparency onto white and enlarges short images: Tesseract's LSTM
 * reads text lines whose letters are about 20 pixels or more high, while a caption band under a
 * 64-pixel emoji has letters of 8 to 12; bilinear enlargement to a few hundred pixels restores
 * them.
 */
final class GreyPage {

    /** Tesseract refuses images wider or taller than this. */
    static final int MAX_SIDE = 32_767;

    /** The most an image is enlarged, so a thin strip does not become a huge page. */
    static final double MAX_SCALE = 8;

    private final byte[] pixels;
    private final int width;
    private final int height;

    private GreyPage(byte[] pixels, int width, int height) {
        this.pixels = pixels;
        this.width = width;
        this.height = height;
    }

    /**
     * Converts an image.
     *
     * @param image any buffered image; transparent pixels count as white
     * @param minHeight images shorter than this are enlarged to about this height, by at most
     *     {@link #MAX_SCALE} and never beyond {@link #MAX_SIDE}; 0 keeps the size
     * @return the page
     */
    static GreyPage of(BufferedImage image, int minHeight) {
        Objects.requireNonNull(image, "image");
        GreyPage page = grey(image);
        double scale = Math.min(MAX_SCALE, minHeight / (double) page.height);
        scale = Math.min(scale, MAX_SIDE / (double) Math.max(page.width, page.height));
        return scale > 1 && !page.isUniform() ? page.enlarged(scale) : page;
    }

    /**
     * Returns the grey values.
     *
     * @return width * height bytes, row by row, 0 black to 255 (as unsigned) white; not a copy
     */
    byte[] pixels() {
        return pixels;
    }

    /**
     * Returns the width.
     *
     * @return pixels per row
     */
    int width() {
        return width;
    }

    /**
     * Returns the height.
     *
     * @return rows
     */
    int height() {
        return height;
    }

    /**
     * Says whether every pixel has the same value: such a page cannot hold text.
     *
     * @return true if the page is uniform
     */
    boolean isUniform() {
        byte first = pixels[0];
        for (byte value : pixels) {
            if (value != first) {
                return false;
            }
        }
        return true;
    }

    private static GreyPage grey(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        byte[] grey = new byte[width * height];
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int argb = row[x];
                double alpha = (argb >>> 24) / 255.0;
                // Rec. 601 luma of the sRGB values, as Leptonica's own RGB-to-grey conversion.
                double luma = 0.299 * (argb >> 16 & 0xff) + 0.587 * (argb >> 8 & 0xff)
                        + 0.114 * (argb & 0xff);
                grey[y * width + x] = (byte) Math.round(luma * alpha + 255 * (1 - alpha));
            }
        }
        return new GreyPage(grey, width, height);
    }

    /** Bilinear enlargement, sampling at pixel centres. */
    private GreyPage enlarged(double scale) {
        int newWidth = Math.max(1, (int) Math.round(width * scale));
        int newHeight = Math.max(1, (int) Math.round(height * scale));
        double sx = width / (double) newWidth;
        double sy = height / (double) newHeight;
        int[] x0 = new int[newWidth];
        int[] x1 = new int[newWidth];
        double[] fx = new double[newWidth];
        for (int x = 0; x < newWidth; x++) {
            double source = Math.max(0, (x + 0.5) * sx - 0.5);
            x0[x] = Math.min(width - 1, (int) source);
            x1[x] = Math.min(width - 1, x0[x] + 1);
            fx[x] = source - x0[x];
        }
        byte[] out = new byte[newWidth * newHeight];
        for (int y = 0; y < newHeight; y++) {
            double source = Math.max(0, (y + 0.5) * sy - 0.5);
            int y0 = Math.min(height - 1, (int) source);
            int y1 = Math.min(height - 1, y0 + 1);
            double fy = source - y0;
            for (int x = 0; x < newWidth; x++) {
                double top = value(x0[x], y0) * (1 - fx[x]) + value(x1[x], y0) * fx[x];
                double bottom = value(x0[x], y1) * (1 - fx[x]) + value(x1[x], y1) * fx[x];
                out[y * newWidth + x] = (byte) Math.round(top * (1 - fy) + bottom * fy);
            }
        }
        return new GreyPage(out, newWidth, newHeight);
    }

    private int value(int x, int y) {
        return pixels[y * width + x] & 0xff;
    }

    @Override
    public String toString() {
        return "GreyPage[" + width + "x" + height + "]";
    }
}
