package ai.braid.plugin.betavae.figure;

/**
 * The images of one figure: their size, their channels and how much they are upscaled when
 * drawn. The image grid and the figures built on it take one, so a task states it once.
 *
 * <p>An image is a flat row-major array of {@link #values()} intensities: {@code height *
 * width} for one channel, or {@code 3 * height * width}, channel-major (all red, then all
 * green, then all blue), for three.
 *
 * <pre>{@code
 * CellFormat sprites = CellFormat.of(64, 64).withScale(2);          // grey, drawn 128x128
 * CellFormat fashion = CellFormat.of(28, 28).withScale(4);
 * CellFormat photos = CellFormat.of(32, 32).withChannels(3).withScale(4);
 * }</pre>
 *
 * @param height image rows before scaling, at least 1
 * @param width image columns before scaling, at least 1
 * @param channels 1 (grey) or 3 (RGB)
 * @param scale the integer upscaling factor (nearest neighbour), 1 to 64
 */
public record CellFormat(int height, int width, int channels, int scale) {

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if a side is below 1, channels is neither 1 nor 3 or
     *     scale is outside 1 to 64
     */
    public CellFormat {
        ImageGrid.positive("image height", height);
        ImageGrid.positive("image width", width);
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (scale < 1 || scale > 64) {
            throw new IllegalArgumentException("scale must be 1 to 64, got " + scale);
        }
    }

    /**
     * Returns grey images of a size, drawn at their own size.
     *
     * @param height pixels, at least 1
     * @param width pixels, at least 1
     * @return the format with one channel and scale 1
     * @throws IllegalArgumentException if a side is below 1
     */
    public static CellFormat of(int height, int width) {
        return new CellFormat(height, width, 1, 1);
    }

    /**
     * Returns this format with other channels.
     *
     * @param channels 1 or 3
     * @return the new format
     * @throws IllegalArgumentException if channels is neither 1 nor 3
     */
    public CellFormat withChannels(int channels) {
        return new CellFormat(height, width, channels, scale);
    }

    /**
     * Returns this format with another upscaling factor, e.g. 2 for 64x64 images or 4 for 28x28
     * ones.
     *
     * @param scale 1 to 64
     * @return the new format
     * @throws IllegalArgumentException if scale is out of range
     */
    public CellFormat withScale(int scale) {
        return new CellFormat(height, width, channels, scale);
    }

    /**
     * Returns the number of intensities of one image.
     *
     * @return {@code channels * height * width}
     */
    public int values() {
        return channels * height * width;
    }

    /**
     * Returns the drawn width of one image.
     *
     * @return {@code width * scale} pixels
     */
    public int cellWidth() {
        return width * scale;
    }

    /**
     * Returns the drawn height of one image.
     *
     * @return {@code height * scale} pixels
     */
    public int cellHeight() {
        return height * scale;
    }

    /**
     * Describes an image's values for error messages.
     *
     * @return e.g. {@code "4096 values (1 x 64 x 64)"}
     */
    String describeValues() {
        return values() + " values (" + channels + " x " + height + " x " + width + ")";
    }
}
