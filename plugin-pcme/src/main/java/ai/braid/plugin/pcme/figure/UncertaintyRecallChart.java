package ai.braid.plugin.pcme.figure;

import ai.braid.api.io.AtomicFiles;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws Recall@1 against uncertainty, as in PCME's analysis: each direction's queries sorted by
 * uncertainty and cut into bins of equal size; one point per bin at its mean uncertainty. If
 * sigma tracks ambiguity, the line falls from left to right.
 */
public final class UncertaintyRecallChart {

    private final int bins;

    /**
     * Creates the chart drawer.
     *
     * @param bins bins per direction, at least 2
     */
    public UncertaintyRecallChart(int bins) {
        if (bins < 2) {
            throw new IllegalArgumentException("expected at least 2 bins, got " + bins);
        }
        this.bins = bins;
    }

    /**
     * One direction's queries: their uncertainty and whether each missed at rank 1.
     *
     * @param label the series name, e.g. {@code "i2t"}
     * @param uncertainty Q values
     * @param missed Q flags
     */
    public record Series(String label, double[] uncertainty, boolean[] missed) {

        /** Checks that the arrays pair up. */
        public Series {
            Objects.requireNonNull(label, "label");
            if (uncertainty.length != missed.length) {
                throw new IllegalArgumentException(uncertainty.length + " uncertainties but "
                        + missed.length + " outcomes");
            }
        }
    }

    /**
     * Writes the chart as a PNG.
     *
     * @param series one or more directions
     * @param file the PNG file
     * @throws UncheckedIOException if the file cannot be written
     */
    public void draw(List<Series> series, Path file) {
        XYChart chart = new XYChartBuilder().width(800).height(500)
                .title("Recall@1 by uncertainty (test split)")
                .xAxisTitle("uncertainty: geometric mean of sigma (bin mean)")
                .yAxisTitle("Recall@1").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        for (Series one : series) {
            double[][] points = binned(one);
            if (points[0].length > 0) {
                chart.addSeries(one.label(), points[0], points[1]).setMarker(SeriesMarkers.CIRCLE);
            }
        }
        try {
            AtomicFiles.write(file,
                    out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Returns {x: mean uncertainty per bin, y: recall per bin}. */
    private double[][] binned(Series series) {
        int count = series.uncertainty().length;
        Integer[] order = new Integer[count];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> series.uncertainty()[i]));
        int used = Math.min(bins, count);
        List<double[]> points = new ArrayList<>();
        for (int b = 0; b < used; b++) {
            int from = b * count / used;
            int to = (b + 1) * count / used;
            double sum = 0;
            int hits = 0;
            for (int i = from; i < to; i++) {
                sum += series.uncertainty()[order[i]];
                hits += series.missed()[order[i]] ? 0 : 1;
            }
            points.add(new double[] {sum / (to - from), (double) hits / (to - from)});
        }
        double[][] xy = new double[2][points.size()];
        for (int i = 0; i < points.size(); i++) {
            xy[0][i] = points.get(i)[0];
            xy[1][i] = points.get(i)[1];
        }
        return xy;
    }
}
