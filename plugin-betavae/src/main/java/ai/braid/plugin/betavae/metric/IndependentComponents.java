package ai.braid.plugin.betavae.metric;

import smile.math.DifferentiableFunction;
import smile.math.MathEx;
import smile.math.matrix.Matrix;
import smile.projection.ICA;

/**
 * FastICA through Smile 2.6.0's {@link ICA}, with a projection for new samples.
 *
 * <p>Smile returns its components W only in the space of its private {@code whiten}: rows
 * centred by their means, then {@code D^-1/2 E.tm(X)} where {@code X X^T = E D E^T} comes from
 * {@code aat().eigen(false, true, true)}. Two defects of 2.6.0 are worked around here:
 * <ul>
 *   <li>E inherits the lower-symmetric flag of {@code X X^T}, so {@code E.tm(X)} multiplies by
 *       E's lower triangle mirrored, not by {@code E^T}, and the data are not white unless E is
 *       symmetric. {@link #fit} therefore hands Smile signals that are already decorrelated,
 *       scaled to variances 1, 2, ..., k in ascending order (LAPACK's order): then
 *       {@code X X^T = n diag(1..k)}, E is diagonal (signs only), symmetric, and Smile's
 *       whitening is a true whitening.</li>
 *   <li>Its whitening gives {@code Y Y^T = I}, so each of the n samples has size about
 *       {@code 1/sqrt(n)}, where the default contrast {@code tanh} is linear: the fixed-point
 *       update moves w by O(1/n^2) and stops at once, at its random start. The contrast given
 *       here evaluates log cosh at unit-variance scale, {@code g(u) = s tanh(s u)} and
 *       (before the damping below) {@code g2(u) = 1 - tanh^2(s u)} with {@code s = sqrt(n)},
 *       which turns Smile's update
 *       {@code (X g(w^T X) - sum g2(w^T X) w) / n} into Hyvärinen's fixed point
 *       {@code E[y tanh(w^T y)] - E[1 - tanh^2(w^T y)] w} on unit-variance white y. Smile's
 *       deflation, normalisation and convergence test are unchanged.</li>
 * </ul>
 *
 * <p>The contrast also damps the Newton step, as in Hyvärinen's stabilised FastICA (1999):
 * {@code w - mu (E[y g] - beta w) / (E[g'] - beta)} with {@code beta = E[w^T y g(w^T y)]} is
 * a multiple of {@code E[y g] - c w} with {@code c = (E[g'] - (1 - mu) beta) / mu}, so g2 returns
 * {@code (g'(t) - (1 - mu) t g(t)) / mu} and Smile's sum of g2 becomes n c. Fixed points are
 * those of the plain update.
 *
 * <p>Whatever Smile's whitening does, {@link #project} repeats it exactly: it applies the matrix
 * {@code E.tm(I)} obtained from the same Smile calls on the same array. Codes are scaled by
 * {@code sqrt(n)}, so over the fitted samples they have unit variance and zero correlation.
 */
final class IndependentComponents {

    /** Smile's default convergence tolerance. */
    static final double TOLERANCE = 1e-4;
    /** Ten times Smile's default; a component that still does not converge is logged by Smile. */
    static final int MAX_ITERATIONS = 1000;
    /**
     * The step mu of stabilised FastICA. With Newton's full step (1), Smile's deflation cycled
     * without converging for one or two of ten components in 5 of 6 dSprites fits; with 0.5 all
     * converged.
     */
    static final double STEP = 0.5;

    private final double[] mean;
    /** (k, k) decorrelates and scales centred signals to variances 1..k, the input to Smile. */
    private final double[][] prewhitening;
    /** The prewhitened samples' row means, which Smile subtracts again (zero up to rounding). */
    private final double[] smileMean;
    /** (k, k) {@code D^-1/2 E.tm(I)}: Smile's whitening as a matrix. */
    private final double[][] smileWhitening;
    /** W (p, k): Smile's components, rows orthonormal in the whitened space. */
    private final double[][] unmixing;
    private final double scale;

    private IndependentComponents(double[] mean, double[][] prewhitening, double[] smileMean,
            double[][] smileWhitening, double[][] unmixing, double scale) {
        this.mean = mean;
        this.prewhitening = prewhitening;
        this.smileMean = smileMean;
        this.smileWhitening = smileWhitening;
        this.unmixing = unmixing;
        this.scale = scale;
    }

    /**
     * Fits independent components.
     *
     * @param signals (k, n) k mixed signals over n samples, the layout Smile's ICA takes; their
     *     covariance must be non-singular
     * @param components p, 1 to k
     * @param seed seed of Smile's random starting directions (set on this thread's Smile
     *     random generator)
     * @return the fitted components
     */
    static IndependentComponents fit(double[][] signals, int components, long seed) {
        int k = signals.length;
        int n = signals[0].length;
        double[] mean = MathEx.rowMeans(signals);
        double[][] prewhitening = prewhitening(signals, mean);
        double[][] input = new double[k][n];
        double[] centred = new double[k];
        for (int j = 0; j < n; j++) {
            for (int r = 0; r < k; r++) {
                centred[r] = signals[r][j] - mean[r];
            }
            for (int i = 0; i < k; i++) {
                input[i][j] = MathEx.dot(prewhitening[i], centred);
            }
        }

        // Smile's whiten(), call for call, to recover the space its components live in.
        double[] smileMean = MathEx.rowMeans(input);
        Matrix x = new Matrix(input);
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < k; i++) {
                x.sub(i, j, smileMean[i]);
            }
        }
        Matrix.EVD eigen = x.aat().eigen(false, true, true);
        double[][] smileWhitening = eigen.Vr.tm(Matrix.eye(k)).toArray();
        for (int i = 0; i < k; i++) {
            double inverseRoot = 1 / Math.sqrt(eigen.wr[i]);
            for (int r = 0; r < k; r++) {
                smileWhitening[i][r] *= inverseRoot;
            }
        }

        MathEx.setSeed(seed);
        double scale = Math.sqrt(n);
        ICA ica = ICA.fit(input, components, new UnitVarianceLogCosh(scale), TOLERANCE,
                MAX_ITERATIONS);
        return new IndependentComponents(mean, prewhitening, smileMean, smileWhitening,
                ica.components, scale);
    }

    /**
     * Rows i = 0..k-1: {@code sqrt(i + 1) v^T / sqrt(lambda)} for the covariance eigenpairs
     * (lambda, v) from the largest down, so that the centred signals come out uncorrelated with
     * variances 1..k.
     */
    private static double[][] prewhitening(double[][] signals, double[] mean) {
        int k = signals.length;
        int n = signals[0].length;
        double[][] covariance = new double[k][k];
        for (int j = 0; j < n; j++) {
            for (int a = 0; a < k; a++) {
                double centredA = signals[a][j] - mean[a];
                for (int b = 0; b <= a; b++) {
                    covariance[a][b] += centredA * (signals[b][j] - mean[b]) / n;
                }
            }
        }
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                covariance[a][b] = covariance[b][a];
            }
        }
        Matrix symmetric = new Matrix(covariance);
        symmetric.uplo(smile.math.blas.UPLO.LOWER);
        Matrix.EVD eigen = symmetric.eigen(false, true, true).sort();
        // toArray reads the stored values; only products honour the flag the vectors inherit.
        double[][] vectors = eigen.Vr.toArray();
        double largest = eigen.wr[0];
        double[][] prewhitening = new double[k][k];
        for (int i = 0; i < k; i++) {
            double value = eigen.wr[i];
            if (!(value > 1e-12 * largest)) {
                throw new IllegalArgumentException("The signals' covariance is singular: "
                        + "eigenvalue " + value + " of " + largest);
            }
            double factor = Math.sqrt((i + 1) / value);
            for (int r = 0; r < k; r++) {
                prewhitening[i][r] = factor * vectors[r][i];
            }
        }
        return prewhitening;
    }

    /** (p, k) Smile's components, rows orthonormal in the whitened space. */
    double[][] unmixing() {
        double[][] copy = new double[unmixing.length][];
        for (int c = 0; c < unmixing.length; c++) {
            copy[c] = unmixing[c].clone();
        }
        return copy;
    }

    /** The number of components p. */
    int components() {
        return unmixing.length;
    }

    /**
     * Whitens one sample as Smile whitened the fitted samples, at unit variance.
     *
     * @param x (k) one sample of the signals
     * @return (k) the sample in the space of Smile's components, times {@code sqrt(n)}; over the
     *     fitted samples these have identity covariance
     */
    double[] whiten(double[] x) {
        int k = mean.length;
        double[] centred = new double[k];
        for (int r = 0; r < k; r++) {
            centred[r] = x[r] - mean[r];
        }
        double[] input = new double[k];
        for (int i = 0; i < k; i++) {
            input[i] = MathEx.dot(prewhitening[i], centred) - smileMean[i];
        }
        double[] whitened = new double[k];
        for (int i = 0; i < k; i++) {
            whitened[i] = scale * MathEx.dot(smileWhitening[i], input);
        }
        return whitened;
    }

    /**
     * Projects one sample onto the independent components.
     *
     * @param x (k) one sample of the signals
     * @return (p) its independent components, unit variance over the fitted samples
     */
    double[] project(double[] x) {
        double[] whitened = whiten(x);
        double[] code = new double[unmixing.length];
        for (int c = 0; c < unmixing.length; c++) {
            code[c] = MathEx.dot(unmixing[c], whitened);
        }
        return code;
    }

    /** log cosh at {@code t = s u}, with g and g2 scaled and damped as explained above. */
    private static final class UnitVarianceLogCosh implements DifferentiableFunction {

        private final double scale;

        UnitVarianceLogCosh(double scale) {
            this.scale = scale;
        }

        @Override
        public double f(double u) {
            return Math.log(Math.cosh(scale * u));
        }

        @Override
        public double g(double u) {
            return scale * Math.tanh(scale * u);
        }

        @Override
        public double g2(double u) {
            double t = scale * u;
            double tanh = Math.tanh(t);
            return (1 - tanh * tanh - (1 - STEP) * t * tanh) / STEP;
        }
    }
}
