package ai.braid.plugin.betavae.metric;

import smile.math.MathEx;
import smile.math.blas.UPLO;
import smile.math.matrix.Matrix;

/**
 * The leading principal components of a sample, computed with Smile's LAPACK-backed matrices.
 *
 * <p>Smile's {@code PCA.fit} is not used: for fewer samples than dimensions it accumulates the
 * 4096 x 4096 covariance in a Java loop and decomposes all of it (52 s for 300 dSprites images
 * here). This computes the same eigenvectors of the covariance {@code Xc^T Xc / n} of the
 * centred sample Xc (n, m), from whichever of {@code Xc^T Xc} (m, m) and the Gram matrix
 * {@code Xc Xc^T} (n, n) is smaller; for the Gram matrix, eigenvector u with eigenvalue s gives
 * the loading {@code Xc^T u / sqrt(s)}. Signs are LAPACK's.
 */
final class PrincipalComponents {

    private final double[] mean;
    private final double[][] loadings;
    private final double[] variances;
    /** loadings . mean, so that a binary image projects as a sum of loadings columns. */
    private final double[] offsets;

    private PrincipalComponents(double[] mean, double[][] loadings, double[] variances) {
        this.mean = mean;
        this.loadings = loadings;
        this.variances = variances;
        offsets = new double[loadings.length];
        for (int c = 0; c < loadings.length; c++) {
            offsets[c] = MathEx.dot(loadings[c], mean);
        }
    }

    /**
     * Fits the first {@code components} principal components.
     *
     * @param rows (n, m) samples, n > components
     * @param components k, at most min(n - 1, m)
     * @return the fitted components
     * @throws IllegalArgumentException if the sample spans fewer than k dimensions
     */
    static PrincipalComponents fit(double[][] rows, int components) {
        int n = rows.length;
        int m = rows[0].length;
        double[] mean = MathEx.colMeans(rows);
        Matrix centred = new Matrix(n, m);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                centred.set(i, j, rows[i][j] - mean[j]);
            }
        }
        boolean gram = n <= m;
        Matrix scatter = gram ? centred.aat() : centred.ata();
        scatter.uplo(UPLO.LOWER);
        Matrix.EVD eigen = scatter.eigen(false, true, true).sort();
        double[][] loadings = new double[components][];
        double[] variances = new double[components];
        double largest = Math.max(eigen.wr[0], Double.MIN_NORMAL);
        for (int c = 0; c < components; c++) {
            double value = eigen.wr[c];
            if (value <= 1e-10 * largest) {
                throw new IllegalArgumentException("The sample spans only " + c
                        + " dimensions, fewer than the " + components + " components asked for");
            }
            double[] vector = eigen.Vr.col(c);
            if (gram) {
                double[] loading = new double[m];
                double norm = Math.sqrt(value);
                for (int i = 0; i < n; i++) {
                    double weight = vector[i] / norm;
                    double[] row = rows[i];
                    for (int j = 0; j < m; j++) {
                        loading[j] += weight * (row[j] - mean[j]);
                    }
                }
                loadings[c] = loading;
            } else {
                loadings[c] = vector;
            }
            variances[c] = value / n;
        }
        return new PrincipalComponents(mean, loadings, variances);
    }

    /** The number of components k. */
    int components() {
        return loadings.length;
    }

    /** (k) the sample's variance along each component, largest first. */
    double[] variances() {
        return variances.clone();
    }

    /** (k, m) unit-length components, one per row. */
    double[][] loadings() {
        double[][] copy = new double[loadings.length][];
        for (int c = 0; c < loadings.length; c++) {
            copy[c] = loadings[c].clone();
        }
        return copy;
    }

    /**
     * Projects one sample onto the components.
     *
     * @param x (m) a sample
     * @return (k) its coordinates {@code loadings (x - mean)}
     */
    double[] project(double[] x) {
        double[] code = new double[loadings.length];
        for (int c = 0; c < loadings.length; c++) {
            double[] loading = loadings[c];
            double sum = 0;
            for (int j = 0; j < x.length; j++) {
                sum += loading[j] * (x[j] - mean[j]);
            }
            code[c] = sum;
        }
        return code;
    }

    /**
     * Projects a binary image: the same as {@link #project} on its pixels as 0/1 doubles, but
     * touching only the lit pixels (a dSprites image lights a few hundred of 4096).
     *
     * @param pixels (m) pixels, 0 or 1
     * @return (k) its coordinates
     */
    double[] projectBinary(byte[] pixels) {
        int[] lit = new int[pixels.length];
        int count = 0;
        for (int j = 0; j < pixels.length; j++) {
            if (pixels[j] != 0) {
                lit[count++] = j;
            }
        }
        double[] code = new double[loadings.length];
        for (int c = 0; c < loadings.length; c++) {
            double[] loading = loadings[c];
            double sum = 0;
            for (int i = 0; i < count; i++) {
                sum += loading[lit[i]];
            }
            code[c] = sum - offsets[c];
        }
        return code;
    }
}
