package ai.braid.plugin.betavae.figure;

import ai.braid.api.io.AtomicFiles;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Writes a grid of small images as one PNG: {@code rows x columns} cells, each image upscaled by
 * an integer factor with nearest neighbour, so pixels stay sharp.
 *
 * <p>Layout, in pixels, with {@code cellW} and {@code cellH} the drawn size of one image
 * ({@link CellFormat#cellWidth()}, {@link CellFormat#cellHeight()}):
 *
 * <pre>
 * image width  = labelWidth + columns * cellW + (columns + 1) * GAP
 * image height = titleHeight + headerHeight + rows * cellH + (rows + 1) * GAP
 * cell (r, c) top-left = (labelWidth + GAP + c * (cellW + GAP),
 *                         titleHeight + headerHeight + GAP + r * (cellH + GAP))
 * </pre>
 *
 * where {@code labelWidth} is 0 without row labels, {@code titleHeight} is {@link #TITLE_HEIGHT}
 * with a title and 0 without, and {@code headerHeight} is {@link #HEADER_HEIGHT} with column
 * labels and 0 without. Gaps and the text areas are white, text is black; text longer than its
 * area is cut off.
 *
 * <p>Pixel values are intensities in [0, 1] (0 black, 1 white); values outside are clamped and
 * NaN is drawn black, so a diverged model still gets its picture. An image is given as a flat
 * array laid out as its {@link CellFormat} says.
 *
 * <pre>{@code
 * ImageGrid grid = ImageGrid.builder().rows(10).columns(7)
 *         .cells(CellFormat.of(64, 64).withScale(2)).optRowLabels(labels)
 *         .optTitle("latent traversals").build();
 * grid.write(cells, dir.resolve("traversal.png"));
 * }</pre>
 *
 * <p>Drawing happens on an off-screen image and sets no system property; on a machine without a
 * display Java runs AWT headless by itself.
 */
public final class ImageGrid {

    /** Pixels between neighbouring cells and around the grid. */
    public static final int GAP = 2;
    /** Height of the title band above the grid, when there is a title. */
    public static final int TITLE_HEIGHT = 22;
    /** Height of the column-label band above the grid, when there are column labels. */
    public static final int HEADER_HEIGHT = 16;
    /** Space left and right of a row label in the default label width. */
    public static final int LABEL_PADDING = 4;

    /** Largest side of the written image, so a wrong scale fails early instead of in AWT. */
    private static final int MAX_SIDE = 30_000;
    private static final int WHITE = 0xFFFFFF;
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 13);

    private final int rows;
    private final int columns;
    private final CellFormat format;
    private final List<String> rowLabels;
    private final List<String> columnLabels;
    private final String title;
    private final int labelWidth;

    private ImageGrid(Builder builder, int labelWidth) {
        this.rows = builder.rows;
        this.columns = builder.columns;
        this.format = builder.format;
        this.rowLabels = builder.rowLabels;
        this.columnLabels = builder.columnLabels;
        this.title = builder.title;
        this.labelWidth = labelWidth;
    }

    /**
     * Starts a configuration: no labels, no title.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the width of the written image.
     *
     * @return pixels, as in the layout of the class description
     */
    public int width() {
        return labelWidth + columns * format.cellWidth() + (columns + 1) * GAP;
    }

    /**
     * Returns the height of the written image.
     *
     * @return pixels, as in the layout of the class description
     */
    public int height() {
        return top() + rows * format.cellHeight() + (rows + 1) * GAP;
    }

    /**
     * Returns the width of the row-label column.
     *
     * @return pixels; 0 without row labels
     */
    public int labelWidth() {
        return labelWidth;
    }

    /**
     * Draws the grid and writes it as a PNG, replacing the file atomically (a temporary file in
     * the same directory, then a rename); missing directories are created.
     *
     * @param cells {@code [rows][columns][format.values()]} intensities in [0, 1]; a
     *     null cell is left blank
     * @param file the PNG file
     * @throws IllegalArgumentException if the array sizes do not match the configuration
     * @throws IOException if the file cannot be written
     */
    public void write(float[][][] cells, Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        AtomicFiles.writePng(file, draw(cells));
    }

    /**
     * Draws the grid.
     *
     * @param cells {@code [rows][columns][format.values()]} intensities in [0, 1]; a
     *     null cell is left blank
     * @return an RGB image of {@link #width()} x {@link #height()} pixels
     * @throws IllegalArgumentException if the array sizes do not match the configuration
     */
    public BufferedImage draw(float[][][] cells) {
        check(cells);
        BufferedImage image = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
        int[] rgb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        Arrays.fill(rgb, WHITE);
        int cellWidth = format.cellWidth();
        int cellHeight = format.cellHeight();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                float[] cell = cells[r][c];
                if (cell != null) {
                    int x0 = labelWidth + GAP + c * (cellWidth + GAP);
                    int y0 = top() + GAP + r * (cellHeight + GAP);
                    paintCell(cell, rgb, image.getWidth(), x0, y0);
                }
            }
        }
        drawText(image);
        return image;
    }

    private int top() {
        return (title == null ? 0 : TITLE_HEIGHT) + (columnLabels == null ? 0 : HEADER_HEIGHT);
    }

    private void check(float[][][] cells) {
        Objects.requireNonNull(cells, "cells");
        if (cells.length != rows) {
            throw new IllegalArgumentException(
                    "cells must have " + rows + " rows, got " + cells.length);
        }
        for (int r = 0; r < rows; r++) {
            if (cells[r] == null || cells[r].length != columns) {
                throw new IllegalArgumentException("row " + r + " of cells must have " + columns
                        + " cells, got " + (cells[r] == null ? "null" : cells[r].length));
            }
            for (int c = 0; c < columns; c++) {
                float[] cell = cells[r][c];
                if (cell != null && cell.length != format.values()) {
                    throw new IllegalArgumentException("cell (" + r + ", " + c + ") must have "
                            + format.describeValues() + ", got " + cell.length);
                }
            }
        }
    }

    private void paintCell(float[] cell, int[] rgb, int stride, int x0, int y0) {
        int imageHeight = format.height();
        int imageWidth = format.width();
        int scale = format.scale();
        int plane = imageHeight * imageWidth;
        for (int y = 0; y < imageHeight; y++) {
            for (int x = 0; x < imageWidth; x++) {
                int i = y * imageWidth + x;
                int color;
                if (format.channels() == 1) {
                    int v = level(cell[i]);
                    color = v << 16 | v << 8 | v;
                } else {
                    color = level(cell[i]) << 16 | level(cell[plane + i]) << 8
                            | level(cell[2 * plane + i]);
                }
                for (int dy = 0; dy < scale; dy++) {
                    int from = (y0 + y * scale + dy) * stride + x0 + x * scale;
                    Arrays.fill(rgb, from, from + scale, color);
                }
            }
        }
    }

    private static int level(float value) {
        if (!(value > 0)) {
            return 0; // also NaN
        }
        return value >= 1 ? 255 : Math.round(value * 255);
    }

    private void drawText(BufferedImage image) {
        if (rowLabels == null && columnLabels == null && title == null) {
            return;
        }
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
                    RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            if (title != null) {
                g.setFont(TITLE_FONT);
                g.setClip(0, 0, image.getWidth(), TITLE_HEIGHT);
                g.drawString(title, LABEL_PADDING, baseline(g.getFontMetrics(), 0, TITLE_HEIGHT));
            }
            g.setFont(LABEL_FONT);
            FontMetrics metrics = g.getFontMetrics();
            int cellWidth = format.cellWidth();
            int cellHeight = format.cellHeight();
            if (columnLabels != null) {
                int y = title == null ? 0 : TITLE_HEIGHT;
                int baseline = baseline(metrics, y, HEADER_HEIGHT);
                for (int c = 0; c < columns; c++) {
                    int x0 = labelWidth + GAP + c * (cellWidth + GAP);
                    String text = columnLabels.get(c);
                    g.setClip(x0, y, cellWidth, HEADER_HEIGHT);
                    g.drawString(text, x0 + (cellWidth - metrics.stringWidth(text)) / 2,
                            baseline);
                }
            }
            if (rowLabels != null) {
                for (int r = 0; r < rows; r++) {
                    int y0 = top() + GAP + r * (cellHeight + GAP);
                    g.setClip(0, y0, labelWidth, cellHeight);
                    g.drawString(rowLabels.get(r), LABEL_PADDING,
                            baseline(metrics, y0, cellHeight));
                }
            }
        } finally {
            g.dispose();
        }
    }

    static int positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
        return value;
    }

    /** The baseline that centres a line of text vertically in a band. */
    private static int baseline(FontMetrics metrics, int top, int bandHeight) {
        return top + (bandHeight + metrics.getAscent() - metrics.getDescent()) / 2;
    }

    /** Configures an {@link ImageGrid}; rows, columns and the cell format are required. */
    public static final class Builder {

        private int rows;
        private int columns;
        private CellFormat format;
        private List<String> rowLabels;
        private List<String> columnLabels;
        private String title;
        private int rowLabelWidth = -1;

        private Builder() {}

        /**
         * Sets the number of rows.
         *
         * @param rows at least 1
         * @return this builder
         * @throws IllegalArgumentException if rows is below 1
         */
        public Builder rows(int rows) {
            this.rows = positive("rows", rows);
            return this;
        }

        /**
         * Sets the number of columns.
         *
         * @param columns at least 1
         * @return this builder
         * @throws IllegalArgumentException if columns is below 1
         */
        public Builder columns(int columns) {
            this.columns = positive("columns", columns);
            return this;
        }

        /**
         * Sets the images of the cells.
         *
         * @param format their size, channels and upscaling
         * @return this builder
         */
        public Builder cells(CellFormat format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /**
         * Sets the labels drawn left of the rows, e.g. "z3  KL 2.41".
         *
         * @param labels one per row, top first
         * @return this builder
         */
        public Builder optRowLabels(List<String> labels) {
            this.rowLabels = List.copyOf(Objects.requireNonNull(labels, "labels"));
            return this;
        }

        /**
         * Sets the width of the row-label column, so that several figures line up or the
         * layout is known in advance.
         *
         * @param width pixels, at least 1; by default the widest label plus
         *     {@link #LABEL_PADDING} on each side
         * @return this builder
         * @throws IllegalArgumentException if width is below 1
         */
        public Builder optRowLabelWidth(int width) {
            this.rowLabelWidth = positive("row label width", width);
            return this;
        }

        /**
         * Sets the labels drawn centred above the columns, e.g. the latent values of a
         * traversal.
         *
         * @param labels one per column, left first
         * @return this builder
         */
        public Builder optColumnLabels(List<String> labels) {
            this.columnLabels = List.copyOf(Objects.requireNonNull(labels, "labels"));
            return this;
        }

        /**
         * Sets the title drawn above the grid.
         *
         * @param title one line of text
         * @return this builder
         */
        public Builder optTitle(String title) {
            this.title = Objects.requireNonNull(title, "title");
            return this;
        }

        /**
         * Builds the grid writer.
         *
         * @return the grid writer
         * @throws IllegalStateException if rows, columns or the cell format were not set
         * @throws IllegalArgumentException if the labels do not match the rows or columns, or
         *     the image would be too large
         */
        public ImageGrid build() {
            if (rows == 0 || columns == 0 || format == null) {
                throw new IllegalStateException("rows, columns and cells must be set, got rows="
                        + rows + ", columns=" + columns + ", cells=" + format);
            }
            if (rowLabels != null && rowLabels.size() != rows) {
                throw new IllegalArgumentException("expected " + rows + " row labels, got "
                        + rowLabels.size());
            }
            if (columnLabels != null && columnLabels.size() != columns) {
                throw new IllegalArgumentException("expected " + columns
                        + " column labels, got " + columnLabels.size());
            }
            int labelWidth = labelWidth();
            long width = labelWidth + (long) columns * format.cellWidth()
                    + (long) (columns + 1) * GAP;
            long height = (title == null ? 0 : TITLE_HEIGHT)
                    + (columnLabels == null ? 0 : HEADER_HEIGHT)
                    + (long) rows * format.cellHeight() + (long) (rows + 1) * GAP;
            if (width > MAX_SIDE || height > MAX_SIDE) {
                throw new IllegalArgumentException("the grid would be " + width + "x" + height
                        + " pixels, more than " + MAX_SIDE + " a side");
            }
            return new ImageGrid(this, labelWidth);
        }

        private int labelWidth() {
            if (rowLabels == null) {
                return 0;
            }
            if (rowLabelWidth > 0) {
                return rowLabelWidth;
            }
            BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = scratch.createGraphics();
            try {
                FontMetrics metrics = g.getFontMetrics(LABEL_FONT);
                int widest = 0;
                for (String label : rowLabels) {
                    widest = Math.max(widest, metrics.stringWidth(label));
                }
                return widest + 2 * LABEL_PADDING;
            } finally {
                g.dispose();
            }
        }

    }
}
