package ai.braid.plugin.pcme.objective;

import ai.braid.plugin.pcme.model.PcmeOutputs;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Tiny fixed embeddings (B = 2, J = 2, D = 2) and the PCME formulas in plain doubles, written
 * the naive way, independently of the code under test.
 */
final class PcmeReference {

    static final double[][][] SAMPLES_A = {
        {{0.6, 0.8}, {0.5, 0.9}},
        {{-0.7, 0.7}, {-0.9, 0.4}}};
    static final double[][][] SAMPLES_B = {
        {{0.7, 0.6}, {0.4, 0.8}},
        {{-0.6, 0.9}, {-0.8, 0.5}}};
    static final double[][] MU_A = {{0.6, 0.8}, {-0.8, 0.6}};
    static final double[][] LOG_SIGMA_A = {{-1.0, -0.5}, {-0.2, -1.5}};
    static final double[][] MU_B = {{0.8, 0.6}, {-0.6, 0.8}};
    static final double[][] LOG_SIGMA_B = {{-0.7, -1.2}, {0.1, -0.9}};
    static final double SCALE = 3.0;
    static final double SHIFT = 1.5;

    private PcmeReference() {}

    /** All outputs with the default names and the fixed numbers above. */
    static NDList outputs(NDManager manager) {
        return outputs(manager, SAMPLES_A, SAMPLES_B, SCALE, SHIFT);
    }

    /** Outputs with the given samples and logit parameters, the fixed Gaussians. */
    static NDList outputs(NDManager manager, double[][][] samplesA, double[][][] samplesB,
            double scale, double shift) {
        return new NDList(
                named(manager.create(flatten(samplesA), shape(samplesA)),
                        PcmeOutputs.SAMPLES_A),
                named(manager.create(flatten(samplesB), shape(samplesB)),
                        PcmeOutputs.SAMPLES_B),
                named(manager.create(flatten(MU_A), new Shape(2, 2)), PcmeOutputs.MU_A),
                named(manager.create(flatten(LOG_SIGMA_A), new Shape(2, 2)),
                        PcmeOutputs.LOG_SIGMA_A),
                named(manager.create(flatten(MU_B), new Shape(2, 2)), PcmeOutputs.MU_B),
                named(manager.create(flatten(LOG_SIGMA_B), new Shape(2, 2)),
                        PcmeOutputs.LOG_SIGMA_B),
                named(manager.create(new float[] {(float) scale}), PcmeOutputs.SCALE),
                named(manager.create(new float[] {(float) shift}), PcmeOutputs.SHIFT));
    }

    static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }

    static float[] flatten(double[][] x) {
        float[] out = new float[x.length * x[0].length];
        int k = 0;
        for (double[] row : x) {
            for (double v : row) {
                out[k++] = (float) v;
            }
        }
        return out;
    }

    static float[] flatten(double[][][] x) {
        float[] out = new float[x.length * x[0].length * x[0][0].length];
        int k = 0;
        for (double[][] block : x) {
            for (double[] row : block) {
                for (double v : row) {
                    out[k++] = (float) v;
                }
            }
        }
        return out;
    }

    static Shape shape(double[][][] x) {
        return new Shape(x.length, x[0].length, x[0][0].length);
    }

    static double squaredDistance(double[] x, double[] y) {
        double sum = 0;
        for (int d = 0; d < x.length; d++) {
            sum += (x[d] - y[d]) * (x[d] - y[d]);
        }
        return sum;
    }

    /**
     * -log of the mean match (or mismatch) probability over the J x J sample pairs, with the
     * reference code's probability exp(s) / (exp(s) + exp(-s)).
     */
    static double nll(double[][] v, double[][] t, double scale, double shift, boolean match) {
        double sum = 0;
        for (double[] x : v) {
            for (double[] y : t) {
                double s = -scale * Math.sqrt(squaredDistance(x, y) + 1e-6) + shift;
                double p = Math.exp(s) / (Math.exp(s) + Math.exp(-s));
                sum += match ? p : 1 - p;
            }
        }
        return -Math.log(sum / (v.length * t.length));
    }

    /** Image-to-text plus text-to-image, each summed over all B x B pairs. */
    static double softContrastiveSum(double[][][] a, double[][][] b, double scale, double shift) {
        double total = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                total += nll(a[i], b[j], scale, shift, i == j); // image i against text j
                total += nll(b[i], a[j], scale, shift, i == j); // text i against image j
            }
        }
        return total;
    }

    /** KL(N(mu, exp(ls)^2) || N(0, I)) summed over rows and dimensions. */
    static double kl(double[][] mu, double[][] logSigma) {
        double sum = 0;
        for (int i = 0; i < mu.length; i++) {
            for (int d = 0; d < mu[i].length; d++) {
                double variance = Math.exp(2 * logSigma[i][d]);
                sum += 0.5 * (mu[i][d] * mu[i][d] + variance - Math.log(variance) - 1);
            }
        }
        return sum;
    }

    /** log of the mean over unordered pairs p &lt; q of exp(-2 ||x_p - x_q||^2). */
    static double uniformity(double[][] points) {
        double sum = 0;
        int pairs = 0;
        for (int p = 0; p < points.length; p++) {
            for (int q = p + 1; q < points.length; q++) {
                sum += Math.exp(-2 * squaredDistance(points[p], points[q]));
                pairs++;
            }
        }
        return Math.log(sum / pairs);
    }

    /** All samples of both modalities, one row each. */
    static double[][] allSamples(double[][][] a, double[][][] b) {
        int n = a.length * a[0].length;
        double[][] out = new double[2 * n][];
        int k = 0;
        for (double[][][] modality : new double[][][][] {a, b}) {
            for (double[][] block : modality) {
                for (double[] row : block) {
                    out[k++] = row;
                }
            }
        }
        return out;
    }

    /** ||mu_v - mu_t||^2 + sum sigma_v^2 + sum sigma_t^2. */
    static double csd(double[] muV, double[] logSigmaV, double[] muT, double[] logSigmaT) {
        double sum = squaredDistance(muV, muT);
        for (int d = 0; d < muV.length; d++) {
            sum += Math.exp(2 * logSigmaV[d]) + Math.exp(2 * logSigmaT[d]);
        }
        return sum;
    }

    /** Binary cross-entropy of a logit against a 0/1 label, the textbook way. */
    static double bce(double logit, double label) {
        double p = 1 / (1 + Math.exp(-logit));
        return -(label * Math.log(p) + (1 - label) * Math.log(1 - p));
    }
}
