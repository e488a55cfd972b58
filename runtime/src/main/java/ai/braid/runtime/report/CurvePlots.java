package ai.braid.runtime.report;

import ai.braid.api.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws the curves of a run as PNG files in {@code DIR/plots/}.
 *
 * <ul>
 *   <li>{@code loss.png}: the training loss per step, smoothed with a centred moving average,
 *       and the validation loss at the step each validation ran. With several loss terms
 *       ({@code "loss/<term>"} values beside {@code "loss"}) every term gets its own series.
 *   <li>{@code <metric>.png} for every other value: one series per split over epochs (values of
 *       one split and epoch averaged). A value only the training split has, such as
 *       {@code "lr"}, is drawn per step instead.
 * </ul>
 *
 * <p>File names are the value names made safe: {@code recall@1_i2t} becomes
 * {@code recall_at_1_i2t.png}. NaN and infinite values are left out; a curve with no finite
 * value is not drawn, and a plot without curves is not written. Each file is replaced
 * atomically, so the plots can be redrawn after every epoch while someone looks at them.
 *
 * <p>The legend sits below the plot, in one line where the labels fit the width and one label
 * a line where they do not. The value axis shows as many decimals as its range needs, also
 * when a run of one epoch leaves a point or two per plot.
 *
 * <pre>{@code
 * CurvePlots.builder().optSize(800, 500).build().write(MetricsLog.readAll(log), out);
 * }</pre>
 */
public final class CurvePlots {

    /** The plots' directory inside the output directory. */
    public static final String DIR_NAME = "plots";

    /** The loss plot's file name. */
    public static final String LOSS_FILE = "loss.png";

    private static final String LOSS = "loss";
    private static final String LOSS_TERM_PREFIX = "loss/";
    private static final Color RAW_LOSS_COLOR = new Color(31, 119, 180, 70);
    private static final Color SMOOTH_LOSS_COLOR = new Color(31, 119, 180);

    static {
        // Charts are drawn off screen; without this a server without a display fails in AWT.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private final int width;
    private final int height;
    private final int smoothingWindow;

    private CurvePlots(Builder builder) {
        this.width = builder.width;
        this.height = builder.height;
        this.smoothingWindow = builder.smoothingWindow;
    }

    /**
     * Starts a configuration: 800x500 pixels, automatic smoothing.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns where the plots of an output directory live.
     *
     * @param outDir the run's output directory
     * @return {@code outDir/plots}
     */
    public static Path dir(Path outDir) {
        return Objects.requireNonNull(outDir, "outDir").resolve(DIR_NAME);
    }

    /**
     * Makes a value name safe as a file name: {@code @} becomes {@code _at_}, every run of
     * characters other than letters, digits, {@code .}, {@code -} and {@code _} becomes one
     * {@code _}, and leading or trailing {@code _} and {@code .} are dropped.
     *
     * @param name a value name, e.g. "recall@1_i2t"
     * @return the file name without extension, e.g. "recall_at_1_i2t"; "metric" if nothing is
     *     left
     */
    public static String fileStem(String name) {
        String stem = Objects.requireNonNull(name, "name")
                .replace("@", "_at_")
                .replaceAll("[^A-Za-z0-9._-]+", "_")
                .replaceAll("_{2,}", "_")
                .replaceAll("^[_.]+|[_.]+$", "");
        return stem.isEmpty() ? "metric" : stem;
    }

    /**
     * Draws every plot the records allow into {@code outDir/plots/}, creating it if needed and
     * replacing plots of the same name.
     *
     * @param records the run's metric records, in the order they were written
     * @param outDir the run's output directory
     * @return the written files, the loss plot first
     * @throws IOException if a file cannot be written
     */
    public List<Path> write(List<MetricRecord> records, Path outDir) throws IOException {
        Objects.requireNonNull(records, "records");
        Path dir = dir(outDir);
        List<Path> written = new ArrayList<>();
        Set<String> usedStems = new HashSet<>();
        usedStems.add(LOSS);
        XYChart loss = lossChart(records);
        if (loss != null) {
            written.add(save(loss, dir.resolve(LOSS_FILE)));
        }
        for (String metric : metricNames(records)) {
            XYChart chart = metricChart(records, metric);
            if (chart == null) {
                continue;
            }
            String stem = fileStem(metric);
            String unique = stem;
            for (int n = 2; !usedStems.add(unique); n++) {
                unique = stem + "_" + n;
            }
            written.add(save(chart, dir.resolve(unique + ".png")));
        }
        return written;
    }

    private XYChart lossChart(List<MetricRecord> records) {
        Set<String> terms = new LinkedHashSet<>();
        for (MetricRecord record : records) {
            for (String name : record.values().keySet()) {
                if (isLoss(name)) {
                    terms.add(name);
                }
            }
        }
        XYChart chart = chart("Loss", "step", "loss");
        boolean single = terms.size() == 1;
        int largestWindow = 1;
        for (String term : terms) {
            Curve train = Curve.perStep(records, MetricRecord.TRAIN, term);
            if (train.isEmpty()) {
                continue;
            }
            int window = smoothingWindow > 0 ? smoothingWindow
                    : Math.max(1, Math.min(100, train.size() / 20));
            largestWindow = Math.max(largestWindow, window);
            double[] smoothed = movingAverage(train.y(), window);
            if (single && window > 1) {
                // One curve: the raw values stay visible, faint, behind the average.
                XYSeries raw = chart.addSeries("train (raw)", train.x(), train.y());
                raw.setMarker(SeriesMarkers.NONE);
                raw.setLineColor(RAW_LOSS_COLOR);
                raw.setLineWidth(1f);
                XYSeries smooth = chart.addSeries("train", train.x(), smoothed);
                smooth.setMarker(SeriesMarkers.NONE);
                smooth.setLineColor(SMOOTH_LOSS_COLOR);
            } else {
                chart.addSeries("train " + label(term), train.x(), smoothed)
                        .setMarker(SeriesMarkers.NONE);
            }
        }
        for (String term : terms) {
            Curve validation = Curve.perStep(records, MetricRecord.VALIDATION, term);
            if (!validation.isEmpty()) {
                XYSeries series = chart.addSeries(
                        single ? MetricRecord.VALIDATION : "validation " + label(term),
                        validation.x(), validation.y());
                series.setMarker(SeriesMarkers.CIRCLE);
                series.setLineStyle(SeriesLines.DASH_DASH);
            }
        }
        if (largestWindow > 1) {
            chart.setTitle("Loss (training: moving average of " + largestWindow + " points)");
        }
        return finish(chart);
    }

    private XYChart metricChart(List<MetricRecord> records, String metric) {
        Set<String> splits = new LinkedHashSet<>();
        for (MetricRecord record : records) {
            if (record.values().containsKey(metric)) {
                splits.add(record.split());
            }
        }
        if (splits.equals(Set.of(MetricRecord.TRAIN))) {
            XYChart chart = chart(metric, "step", metric);
            Curve train = Curve.perStep(records, MetricRecord.TRAIN, metric);
            if (!train.isEmpty()) {
                chart.addSeries(MetricRecord.TRAIN, train.x(), train.y())
                        .setMarker(SeriesMarkers.NONE);
            }
            return finish(chart);
        }
        XYChart chart = chart(metric + " per epoch", "epoch", metric);
        chart.getStyler().setXAxisDecimalPattern("0");
        for (String split : splits) {
            Curve curve = Curve.perEpoch(records, split, metric);
            if (!curve.isEmpty()) {
                XYSeries series = chart.addSeries(split, curve.x(), curve.y());
                series.setMarker(SeriesMarkers.CIRCLE);
                series.setLineStyle(new BasicStroke(2f));
            }
        }
        return finish(chart);
    }

    private XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(width).height(height)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        Styler styler = chart.getStyler();
        // Below the plot, so the legend never hides the latest points in a corner.
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(7);
        return chart;
    }

    /** Returns null for a chart without series, which is not worth a file. */
    private XYChart finish(XYChart chart) {
        Map<String, XYSeries> series = chart.getSeriesMap();
        if (series.isEmpty()) {
            return null;
        }
        XYStyler styler = chart.getStyler();
        boolean legend = series.size() > 1;
        styler.setLegendVisible(legend);
        if (legend && !fitsInOneLine(series.keySet(), styler, width)) {
            styler.setLegendLayout(Styler.LegendLayout.Vertical);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (XYSeries curve : series.values()) {
            min = Math.min(min, curve.getYMin());
            max = Math.max(max, curve.getYMax());
        }
        // Without a pattern XChart labels an axis with few points by the values' full digits.
        styler.setYAxisDecimalPattern(decimalPattern(min, max));
        return chart;
    }

    /** Whether a horizontal legend of these labels fits a chart this wide. */
    static boolean fitsInOneLine(Set<String> labels, Styler styler, int width) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            FontMetrics metrics = g.getFontMetrics(styler.getLegendFont());
            int padding = styler.getLegendPadding();
            int needed = padding;
            for (String label : labels) {
                needed += styler.getLegendSeriesLineLength() + metrics.stringWidth(label)
                        + 2 * padding;
            }
            return needed + 2 * padding <= width;
        } finally {
            g.dispose();
        }
    }

    /**
     * The value axis's number format: enough decimals to tell ticks a fifth of the range apart
     * (four significant digits for a single value), without trailing zeros; scientific below
     * 1e-4.
     */
    static String decimalPattern(double min, double max) {
        double span = max - min;
        double magnitude = Math.max(Math.abs(min), Math.abs(max));
        if (!Double.isFinite(span) || magnitude == 0) {
            return "#,##0.###";
        }
        if (magnitude < 1e-4) {
            return "0.###E0";
        }
        double decimals = span > 0 ? Math.ceil(-Math.log10(span / 5)) + 1
                : 3 - Math.floor(Math.log10(magnitude));
        int digits = (int) Math.max(0, Math.min(8, decimals));
        return digits == 0 ? "#,##0" : "#,##0." + "#".repeat(digits);
    }

    private static Path save(XYChart chart, Path file) throws IOException {
        AtomicFiles.write(file,
                out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        return file;
    }

    private static List<String> metricNames(List<MetricRecord> records) {
        Set<String> names = new LinkedHashSet<>();
        for (MetricRecord record : records) {
            for (String name : record.values().keySet()) {
                if (!isLoss(name)) {
                    names.add(name);
                }
            }
        }
        return new ArrayList<>(names);
    }

    private static boolean isLoss(String name) {
        return name.equals(LOSS) || name.startsWith(LOSS_TERM_PREFIX);
    }

    private static String label(String lossName) {
        return lossName.startsWith(LOSS_TERM_PREFIX)
                ? lossName.substring(LOSS_TERM_PREFIX.length()) : lossName;
    }

    /**
     * Averages each point with up to {@code window / 2} neighbours on either side; the window
     * shrinks at the ends rather than padding, so the curve starts and ends on real values.
     */
    static double[] movingAverage(double[] y, int window) {
        int half = window / 2;
        double[] prefix = new double[y.length + 1];
        for (int i = 0; i < y.length; i++) {
            prefix[i + 1] = prefix[i] + y[i];
        }
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            int from = Math.max(0, i - half);
            int to = Math.min(y.length, i + half + 1);
            out[i] = (prefix[to] - prefix[from]) / (to - from);
        }
        return out;
    }

    /** The finite points of one value of one split. */
    private record Curve(double[] x, double[] y) {

        static Curve perStep(List<MetricRecord> records, String split, String name) {
            List<double[]> points = new ArrayList<>();
            for (MetricRecord record : records) {
                double value = record.value(name);
                if (record.split().equals(split) && Double.isFinite(value)) {
                    points.add(new double[] {record.step(), value});
                }
            }
            points.sort((a, b) -> Double.compare(a[0], b[0]));
            return of(points);
        }

        static Curve perEpoch(List<MetricRecord> records, String split, String name) {
            Map<Integer, double[]> sums = new TreeMap<>();
            for (MetricRecord record : records) {
                double value = record.value(name);
                if (record.split().equals(split) && Double.isFinite(value)) {
                    double[] sum = sums.computeIfAbsent(record.epoch(), e -> new double[2]);
                    sum[0] += value;
                    sum[1]++;
                }
            }
            List<double[]> points = new ArrayList<>();
            sums.forEach((epoch, sum) -> points.add(new double[] {epoch, sum[0] / sum[1]}));
            return of(points);
        }

        private static Curve of(List<double[]> points) {
            double[] x = new double[points.size()];
            double[] y = new double[points.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = points.get(i)[0];
                y[i] = points.get(i)[1];
            }
            return new Curve(x, y);
        }

        boolean isEmpty() {
            return x.length == 0;
        }

        int size() {
            return x.length;
        }
    }

    /** Configures {@link CurvePlots}. */
    public static final class Builder {

        private int width = 800;
        private int height = 500;
        private int smoothingWindow;

        private Builder() {}

        /**
         * Sets the size of every image.
         *
         * @param width pixels, 100 to 10000; 800 by default
         * @param height pixels, 100 to 10000; 500 by default
         * @return this builder
         * @throws IllegalArgumentException if a side is out of range
         */
        public Builder optSize(int width, int height) {
            if (width < 100 || width > 10_000 || height < 100 || height > 10_000) {
                throw new IllegalArgumentException(
                        "plot size must be 100 to 10000 pixels a side, got " + width + "x"
                                + height);
            }
            this.width = width;
            this.height = height;
            return this;
        }

        /**
         * Sets how many training-loss points the moving average spans.
         *
         * @param window points, 1 for none; 0 (the default) picks one twentieth of the points,
         *     at most 100
         * @return this builder
         * @throws IllegalArgumentException if the window is negative
         */
        public Builder optSmoothingWindow(int window) {
            if (window < 0) {
                throw new IllegalArgumentException(
                        "smoothing window must be >= 0 (0 = automatic), got " + window);
            }
            this.smoothingWindow = window;
            return this;
        }

        /**
         * Builds the plotter.
         *
         * @return the plotter
         */
        public CurvePlots build() {
            return new CurvePlots(this);
        }
    }
}
