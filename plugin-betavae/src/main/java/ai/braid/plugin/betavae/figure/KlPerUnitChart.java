package ai.braid.plugin.betavae.figure;

import ai.braid.api.io.AtomicFiles;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.CategoryStyler;

/**
 * Writes a bar chart of the mean KL divergence of every latent unit as a PNG.
 *
 * <p>One bar per unit, labelled {@code z0, z1, ...}, its height the unit's KL from the prior in
 * nats, averaged over the data; the value is printed on the bar. Units with KL near 0 are the
 * ones the decoder ignores, so the chart shows at a glance how many units are active.
 *
 * <pre>{@code
 * KlPerUnitChart.builder().build().write(klPerUnit, dir.resolve("kl_per_unit.png"));
 * }</pre>
 */
public final class KlPerUnitChart {

    /** The default title. */
    public static final String DEFAULT_TITLE = "mean KL per latent unit";

    private final int width;
    private final int height;
    private final String title;

    private KlPerUnitChart(Builder builder) {
        this.width = builder.width;
        this.height = builder.height;
        this.title = builder.title;
    }

    /**
     * Starts a configuration: 800x500 pixels, the title {@value #DEFAULT_TITLE}.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Draws the chart and writes it as a PNG, replacing the file atomically.
     *
     * @param klPerUnit {@code (units)} the mean KL of every latent unit, in nats
     * @param file the PNG file
     * @throws IllegalArgumentException if there is no unit or a value is not finite
     * @throws IOException if the file cannot be written
     */
    public void write(double[] klPerUnit, Path file) throws IOException {
        Objects.requireNonNull(klPerUnit, "klPerUnit");
        Objects.requireNonNull(file, "file");
        if (klPerUnit.length == 0) {
            throw new IllegalArgumentException("expected the KL of at least one unit, got none");
        }
        List<String> units = new ArrayList<>();
        List<Double> kl = new ArrayList<>();
        for (int i = 0; i < klPerUnit.length; i++) {
            if (!Double.isFinite(klPerUnit[i])) {
                throw new IllegalArgumentException(
                        "the KL of unit z" + i + " must be finite, got " + klPerUnit[i]);
            }
            units.add("z" + i);
            kl.add(klPerUnit[i]);
        }
        CategoryChart chart = new CategoryChartBuilder().width(width).height(height)
                .title(title).xAxisTitle("latent unit").yAxisTitle("KL (nats)").build();
        CategoryStyler styler = chart.getStyler();
        styler.setLegendVisible(false);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setLabelsVisible(true);
        // Dark text at the bar top reads on every bar, near-zero ones included.
        styler.setLabelsPosition(1.0);
        styler.setLabelsFontColorAutomaticEnabled(false);
        styler.setLabelsFontColor(Color.BLACK);
        styler.setYAxisDecimalPattern("0.00");
        chart.addSeries("KL", units, kl);
        AtomicFiles.write(file,
                out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    /** Configures a {@link KlPerUnitChart}. */
    public static final class Builder {

        private int width = 800;
        private int height = 500;
        private String title = DEFAULT_TITLE;

        private Builder() {}

        /**
         * Sets the size of the image.
         *
         * @param width pixels, 100 to 10000; 800 by default
         * @param height pixels, 100 to 10000; 500 by default
         * @return this builder
         * @throws IllegalArgumentException if a side is out of range
         */
        public Builder optSize(int width, int height) {
            if (width < 100 || width > 10_000 || height < 100 || height > 10_000) {
                throw new IllegalArgumentException(
                        "chart size must be 100 to 10000 pixels a side, got " + width + "x"
                                + height);
            }
            this.width = width;
            this.height = height;
            return this;
        }

        /**
         * Sets the title.
         *
         * @param title one line of text, e.g. "mean KL per latent unit, beta = 4"
         * @return this builder
         */
        public Builder optTitle(String title) {
            this.title = Objects.requireNonNull(title, "title");
            return this;
        }

        /**
         * Builds the chart writer.
         *
         * @return the chart writer
         */
        public KlPerUnitChart build() {
            return new KlPerUnitChart(this);
        }
    }
}
