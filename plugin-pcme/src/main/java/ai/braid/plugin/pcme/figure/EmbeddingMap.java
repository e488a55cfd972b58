package ai.braid.plugin.pcme.figure;

import ai.braid.api.io.AtomicFiles;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.correlation.Covariance;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BubbleChart;
import org.knowm.xchart.BubbleChartBuilder;

/**
 * Draws embeddings of two modalities in 2-D with their uncertainty: the means projected on
 * their two principal axes (fitted on both modalities together), each a bubble whose size
 * grows with sigma, so ambiguous inputs stand out as large bubbles.
 */
public final class EmbeddingMap {

    private static final double LARGEST_BUBBLE = 30;

    /**
     * One modality's embeddings.
     *
     * @param label the series name, e.g. {@code "image"}
     * @param mu N means, row-major, {@code dimension} wide
     * @param uncertainty N uncertainties, or null for points (drawn at one size)
     */
    public record Points(String label, float[] mu, double[] uncertainty) {

        /** Checks for nulls. */
        public Points {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(mu, "mu");
        }
    }

    /**
     * Writes the map as a PNG.
     *
     * @param series one entry per modality, all of one dimension
     * @param dimension D
     * @param file the PNG file
     * @throws IllegalArgumentException if there are fewer than 3 points in all or D &lt; 2
     * @throws UncheckedIOException if the file cannot be written
     */
    public void draw(List<Points> series, int dimension, Path file) {
        int total = series.stream().mapToInt(p -> p.mu().length / dimension).sum();
        if (total < 3 || dimension < 2) {
            throw new IllegalArgumentException("a 2-D view needs at least 3 points of at least"
                    + " 2 dimensions, got " + total + " of " + dimension);
        }
        double[][] rows = new double[total][dimension];
        int row = 0;
        for (Points points : series) {
            for (int i = 0; i < points.mu().length / dimension; i++, row++) {
                for (int d = 0; d < dimension; d++) {
                    rows[row][d] = points.mu()[i * dimension + d];
                }
            }
        }
        RealMatrix axes = principalAxes(rows);
        double largest = series.stream().filter(p -> p.uncertainty() != null)
                .flatMapToDouble(p -> java.util.Arrays.stream(p.uncertainty()))
                .max().orElse(1);
        BubbleChart chart = new BubbleChartBuilder().width(900).height(700)
                .title("Test embeddings on their first two principal axes; size ~ sigma")
                .xAxisTitle("principal axis 1").yAxisTitle("principal axis 2").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        row = 0;
        for (Points points : series) {
            int count = points.mu().length / dimension;
            double[] x = new double[count];
            double[] y = new double[count];
            double[] size = new double[count];
            for (int i = 0; i < count; i++, row++) {
                x[i] = dot(rows[row], axes.getColumn(0));
                y[i] = dot(rows[row], axes.getColumn(1));
                size[i] = points.uncertainty() == null ? LARGEST_BUBBLE / 3
                        : LARGEST_BUBBLE * points.uncertainty()[i] / largest;
            }
            chart.addSeries(points.label(), x, y, size);
        }
        try {
            AtomicFiles.write(file,
                    out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The covariance's eigenvectors of the two largest eigenvalues, as columns (D, 2). */
    private static RealMatrix principalAxes(double[][] rows) {
        RealMatrix covariance = new Covariance(rows).getCovarianceMatrix();
        EigenDecomposition eigen = new EigenDecomposition(covariance);
        double[] values = eigen.getRealEigenvalues();
        int first = 0;
        int second = -1;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[first]) {
                second = first;
                first = i;
            } else if (second < 0 || values[i] > values[second]) {
                second = i;
            }
        }
        RealMatrix axes = new Array2DRowRealMatrix(rows[0].length, 2);
        axes.setColumnVector(0, eigen.getEigenvector(first));
        axes.setColumnVector(1, eigen.getEigenvector(second));
        return axes;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
