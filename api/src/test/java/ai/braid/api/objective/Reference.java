package ai.braid.api.objective;

/** Plain-double versions of the formulas, written independently of the code under test. */
final class Reference {

    private Reference() {}

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    static double[][] normalizeRows(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            double norm = Math.sqrt(dot(x[i], x[i]));
            out[i] = new double[x[i].length];
            for (int d = 0; d < x[i].length; d++) {
                out[i][d] = x[i][d] / norm;
            }
        }
        return out;
    }

    /** -log softmax(row)[target]. */
    static double negativeLogSoftmax(double[] row, int target) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : row) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : row) {
            sum += Math.exp(v - max);
        }
        return -(row[target] - max - Math.log(sum));
    }

    static float[] flatten(double[][] x) {
        float[] out = new float[x.length * x[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int d = 0; d < x[i].length; d++) {
                out[i * x[i].length + d] = (float) x[i][d];
            }
        }
        return out;
    }
}
