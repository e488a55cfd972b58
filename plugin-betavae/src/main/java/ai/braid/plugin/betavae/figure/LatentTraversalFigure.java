package ai.braid.plugin.betavae.figure;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Writes a latent traversal as one PNG: one row per latent unit, one column per latent value.
 *
 * <p>A traversal encodes a seed image, then for every latent unit {@code i} replaces
 * {@code z_i} of the posterior mean by values from {@code -limit} to {@code +limit} (the other
 * units kept) and decodes each. A unit that learnt a factor changes one property of the image
 * along its row; an inactive unit (KL near 0, ignored by the decoder) leaves the row constant.
 * The caller decodes at {@link #values(double, int)}; this class only lays the images out.
 *
 * <p>Rows are labelled {@code "z<i>  KL <mean KL of unit i>"} and, by default, sorted by KL
 * descending so the active units come first; columns are labelled with their values. The title
 * reads e.g. {@code "latent traversals (seed image 3), value -3..3"}.
 *
 * <pre>{@code
 * LatentTraversalFigure figure = LatentTraversalFigure.builder()
 *         .cells(CellFormat.of(64, 64).withScale(2)).build();
 * double[] values = LatentTraversalFigure.values(3, 10); // decode at these
 * figure.write(decoded, klPerUnit, 3, seedIndex, dir.resolve("traversal.png"));
 * }</pre>
 */
public final class LatentTraversalFigure {

    private final CellFormat format;
    private final boolean sortByKl;

    private LatentTraversalFigure(Builder builder) {
        this.format = builder.format;
        this.sortByKl = builder.sortByKl;
    }

    /**
     * Starts a configuration: rows sorted by KL.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the latent values of the columns: {@code steps} values evenly spaced from
     * {@code -limit} to {@code +limit}, both included.
     *
     * @param limit the largest absolute value, positive, e.g. 3 (standard deviations of the
     *     prior)
     * @param steps the number of columns, at least 2
     * @return {@code (steps)} values, ascending
     * @throws IllegalArgumentException if limit is not positive and finite or steps is below 2
     */
    public static double[] values(double limit, int steps) {
        checkLimit(limit);
        if (steps < 2) {
            throw new IllegalArgumentException("a traversal needs at least 2 steps, got "
                    + steps);
        }
        double[] values = new double[steps];
        for (int j = 0; j < steps; j++) {
            values[j] = -limit + 2 * limit * j / (steps - 1);
        }
        return values;
    }

    /**
     * Writes the traversal, replacing the file atomically.
     *
     * @param decoded {@code [units][steps][format.values()]} decoded intensities in
     *     [0, 1]; {@code decoded[i][j]} is unit {@code i} set to {@code values(limit, steps)[j]}
     * @param klPerUnit {@code (units)} the mean KL of every unit, in nats
     * @param limit the largest absolute latent value of the traversal
     * @param seedImage the index of the image whose encoding was traversed, for the title
     * @param file the PNG file
     * @throws IllegalArgumentException if the array sizes do not match each other or the
     *     configured cell format
     * @throws IOException if the file cannot be written
     */
    public void write(float[][][] decoded, double[] klPerUnit, double limit, int seedImage,
            Path file) throws IOException {
        Objects.requireNonNull(decoded, "decoded");
        Objects.requireNonNull(klPerUnit, "klPerUnit");
        Objects.requireNonNull(file, "file");
        checkLimit(limit);
        if (decoded.length == 0 || decoded.length != klPerUnit.length) {
            throw new IllegalArgumentException("expected one row of images per latent unit, got "
                    + decoded.length + " rows for " + klPerUnit.length + " KL values");
        }
        int steps = decoded[0] == null ? 0 : decoded[0].length;
        for (int unit = 0; unit < decoded.length; unit++) {
            if (decoded[unit] == null || decoded[unit].length != steps) {
                throw new IllegalArgumentException("every unit needs the same number of steps: "
                        + "unit 0 has " + steps + ", unit " + unit + " has "
                        + (decoded[unit] == null ? "null" : decoded[unit].length));
            }
        }
        double[] values = values(limit, steps);
        List<String> columnLabels = new ArrayList<>();
        for (double value : values) {
            columnLabels.add(compact(value));
        }
        int[] order = order(klPerUnit, sortByKl);
        float[][][] rows = new float[order.length][][];
        List<String> rowLabels = new ArrayList<>();
        for (int r = 0; r < order.length; r++) {
            int unit = order[r];
            rows[r] = decoded[unit];
            rowLabels.add(String.format(Locale.ROOT, "z%d  KL %.2f", unit, klPerUnit[unit]));
        }
        String title = String.format(Locale.ROOT, "latent traversals (seed image %d), value %s..%s",
                seedImage, compact(-limit), compact(limit));
        ImageGrid.builder().rows(rows.length).columns(steps).cells(format).optRowLabels(rowLabels)
                .optColumnLabels(columnLabels).optTitle(title).build()
                .write(rows, file);
    }

    /**
     * The units in row order: by KL descending with ties in unit order and NaN last, or in unit
     * order when not sorting.
     */
    static int[] order(double[] klPerUnit, boolean sortByKl) {
        IntStream units = IntStream.range(0, klPerUnit.length);
        if (!sortByKl) {
            return units.toArray();
        }
        // Double.compare puts NaN above every number, so descending order would list it first.
        Comparator<Integer> byKl = Comparator.comparing(
                (Integer i) -> Double.isNaN(klPerUnit[i]) ? Double.NEGATIVE_INFINITY
                        : klPerUnit[i]).reversed();
        return units.boxed().sorted(byKl).mapToInt(Integer::intValue).toArray();
    }

    /** "3", "-1.5", "0.67": short enough for a column header. */
    static String compact(double value) {
        String text = String.format(Locale.ROOT, "%.2f", value)
                .replaceAll("0+$", "").replaceAll("\\.$", "");
        return text.equals("-0") ? "0" : text;
    }

    private static void checkLimit(double limit) {
        if (!(limit > 0) || Double.isInfinite(limit)) {
            throw new IllegalArgumentException("the traversal limit must be positive and finite,"
                    + " got " + limit);
        }
    }

    /** Configures a {@link LatentTraversalFigure}; the cell format is required. */
    public static final class Builder {

        private CellFormat format;
        private boolean sortByKl = true;

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
         * Sets whether rows are sorted by KL, largest first.
         *
         * @param sortByKl true (the default) to put the active units first, false for unit order
         * @return this builder
         */
        public Builder optSortByKl(boolean sortByKl) {
            this.sortByKl = sortByKl;
            return this;
        }

        /**
         * Builds the figure writer.
         *
         * @return the figure writer
         * @throws IllegalStateException if the cell format was not set
         */
        public LatentTraversalFigure build() {
            if (format == null) {
                throw new IllegalStateException("cells must be set");
            }
            return new LatentTraversalFigure(this);
        }
    }
}
