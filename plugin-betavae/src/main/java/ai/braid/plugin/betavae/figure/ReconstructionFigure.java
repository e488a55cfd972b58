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
 * ReconstructionFigure.builder().cells(CellFormat.of(28, 28).withScale(4)).build()
 *         .write(originals, reconstructions, dir.resolve("reconstructions.png"));
 * }</pre>
 */
public final class ReconstructionFigure {

    /** The label of the rows of originals. */
    public static final String ORIGINAL = "original";
    /** The label of the rows of reconstructions. */
    public static final String RECONSTRUCTION = "reconstruction";

    private final CellFormat format;
    private final int imagesPerRow;
    private final String title;

    private ReconstructionFigure(Builder builder) {
        this.format = builder.format;
        this.imagesPerRow = builder.imagesPerRow;
        this.title = builder.title;
    }

    /**
     * Starts a configuration: 10 images per row, no title.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes the figure, replacing the file atomically.
     *
     * @param originals {@code [n][format.values()]} input intensities in [0, 1]
     * @param reconstructions {@code [n][format.values()]} the decoded intensities of
     *     the same images, in the same order
     * @param file the PNG file
     * @throws IllegalArgumentException if there are no images, the two counts differ or an image
     *     does not have the configured format
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
                .cells(format).optRowLabels(labels);
        if (title != null) {
            grid.optTitle(title);
        }
        grid.build().write(cells, file);
    }

    /** Checked here so the message names the image, not its cell; null is never blank here. */
    private float[] requireImage(float[][] images, int i, String what) {
        if (images[i] == null || images[i].length != format.values()) {
            throw new IllegalArgumentException(what + " " + i + " must have "
                    + format.describeValues() + ", got "
                    + (images[i] == null ? "null" : images[i].length));
        }
        return images[i];
    }

    /** Configures a {@link ReconstructionFigure}; the cell format is required. */
    public static final class Builder {

        private CellFormat format;
        private int imagesPerRow = 10;
        private String title;

        private Builder() {}

        /**
         * Sets the images of the figure.
         *
         * @param format their size, channels and upscaling, e.g. {@code CellFormat.of(64,
         *     64).withScale(2)}
         * @return this builder
         */
        public Builder cells(CellFormat format) {
            this.format = Objects.requireNonNull(format, "format");
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
         * @throws IllegalStateException if the cell format was not set
         */
        public ReconstructionFigure build() {
            if (format == null) {
                throw new IllegalStateException("cells must be set");
            }
            return new ReconstructionFigure(this);
        }
    }
}
