package ai.braid.plugin.betavae.figure;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes images next to their reconstructions as one PNG.
 *
 * <p>Up to {@code imagesPerRow} images (10 by default) give two rows: the originals, labelled
 * {@value #ORIGINAL}, above their reconstructions, labelled {@value #RECONSTRUCTION}. More
 * images continue in further pairs of rows, so every reconstruction sits directly below its
 * original; the last pair's unused cells stay blank.
 *
 * <pre>{@code
 * ReconstructionFigure.builder().imageSize(28, 28).scale(4).build()
 *         .write(originals, reconstructions, dir.resolve("reconstructions.png"));
 * }</pre>
 */
public final class ReconstructionFigure {

    /** The label of the rows of originals. */
    public static final String ORIGINAL = "original";
    /** The label of the rows of reconstructions. */
    public static final String RECONSTRUCTION = "reconstruction";

    private final int imageHeight;
    private final int imageWidth;
    private final int channels;
    private final int scale;
    private final int imagesPerRow;
    private final String title;

    private ReconstructionFigure(Builder builder) {
        this.imageHeight = builder.imageHeight;
        this.imageWidth = builder.imageWidth;
        this.channels = builder.channels;
        this.scale = builder.scale;
        this.imagesPerRow = builder.imagesPerRow;
        this.title = builder.title;
    }

    /**
     * Starts a configuration: one channel, scale 1, 10 images per row, no title.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes the figure, replacing the file atomically.
     *
     * @param originals {@code [n][channels * height * width]} input intensities in [0, 1]
     * @param reconstructions {@code [n][channels * height * width]} the decoded intensities of
     *     the same images, in the same order
     * @param file the PNG file
     * @throws IllegalArgumentException if there are no images, the two counts differ or an image
     *     does not have the configured size
     * @throws IOException if the file cannot be written
     */
    public void write(float[][] originals, float[][] reconstructions, Path file)
            throws IOException {
        Objects.requireNonNull(originals, "originals");
        Objects.requireNonNull(reconstructions, "reconstructions");
        Objects.requireNonNull(file, "file");
        int n = originals.length;
        if (n == 0 || reconstructions.length != n) {
            throw new IllegalArgumentException("expected as many reconstructions as originals,"
                    + " at least one, got " + n + " originals and " + reconstructions.length
                    + " reconstructions");
        }
        int columns = Math.min(n, imagesPerRow);
        int pairs = (n + columns - 1) / columns;
        float[][][] cells = new float[2 * pairs][columns][];
        List<String> labels = new ArrayList<>();
        for (int pair = 0; pair < pairs; pair++) {
            for (int c = 0; c < columns && pair * columns + c < n; c++) {
                cells[2 * pair][c] = requireImage(originals, pair * columns + c, "original");
                cells[2 * pair + 1][c] =
                        requireImage(reconstructions, pair * columns + c, "reconstruction");
            }
            labels.add(ORIGINAL);
            labels.add(RECONSTRUCTION);
        }
        ImageGrid.Builder grid = ImageGrid.builder().rows(cells.length).columns(columns)
                .imageSize(imageHeight, imageWidth).channels(channels).scale(scale)
                .optRowLabels(labels);
        if (title != null) {
            grid.optTitle(title);
        }
        grid.build().write(cells, file);
    }

    /** Checked here so the message names the image, not its cell; null is never blank here. */
    private float[] requireImage(float[][] images, int i, String what) {
        int size = channels * imageHeight * imageWidth;
        if (images[i] == null || images[i].length != size) {
            throw new IllegalArgumentException(what + " " + i + " must have " + size
                    + " values (" + channels + " x " + imageHeight + " x " + imageWidth
                    + "), got " + (images[i] == null ? "null" : images[i].length));
        }
        return images[i];
    }

    /** Configures a {@link ReconstructionFigure}; the image size is required. */
    public static final class Builder {

        private int imageHeight;
        private int imageWidth;
        private int channels = 1;
        private int scale = 1;
        private int imagesPerRow = 10;
        private String title;

        private Builder() {}

        /**
         * Sets the size of every image before scaling.
         *
         * @param height pixels, at least 1
         * @param width pixels, at least 1
         * @return this builder
         * @throws IllegalArgumentException if a side is below 1
         */
        public Builder imageSize(int height, int width) {
            this.imageHeight = ImageGrid.positive("image height", height);
            this.imageWidth = ImageGrid.positive("image width", width);
            return this;
        }

        /**
         * Sets the number of channels of every image.
         *
         * @param channels 1 or 3; 1 by default
         * @return this builder
         * @throws IllegalArgumentException if channels is neither 1 nor 3
         */
        public Builder channels(int channels) {
            this.channels = ImageGrid.checkChannels(channels);
            return this;
        }

        /**
         * Sets the integer upscaling factor, e.g. 2 for 64x64 images or 4 for 28x28 ones.
         *
         * @param scale 1 to 64; 1 by default
         * @return this builder
         * @throws IllegalArgumentException if scale is out of range
         */
        public Builder scale(int scale) {
            this.scale = ImageGrid.checkScale(scale);
            return this;
        }

        /**
         * Sets how many images a row holds before the next pair of rows starts.
         *
         * @param imagesPerRow at least 1; 10 by default
         * @return this builder
         * @throws IllegalArgumentException if imagesPerRow is below 1
         */
        public Builder optImagesPerRow(int imagesPerRow) {
            this.imagesPerRow = ImageGrid.positive("images per row", imagesPerRow);
            return this;
        }

        /**
         * Sets the title drawn above the grid.
         *
         * @param title one line of text, e.g. "reconstructions, epoch 20"
         * @return this builder
         */
        public Builder optTitle(String title) {
            this.title = Objects.requireNonNull(title, "title");
            return this;
        }

        /**
         * Builds the figure writer.
         *
         * @return the figure writer
         * @throws IllegalStateException if the image size was not set
         */
        public ReconstructionFigure build() {
            if (imageHeight == 0) {
                throw new IllegalStateException("imageSize must be set");
            }
            return new ReconstructionFigure(this);
        }
    }
}
