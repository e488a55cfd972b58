package ai.braid.plugin.pcme.index;

/** The closed-form sampled distance in plain Java doubles, the oracle of the index tests. */
final class CsdReference {

    private CsdReference() {}

    /** -(||mu_q - mu_g||^2 + sum sigma_q^2 + sum sigma_g^2) for one pair. */
    static double score(float[] muQ, float[] logSigmaQ, float[] muG, float[] logSigmaG) {
        double sum = 0;
        for (int d = 0; d < muQ.length; d++) {
            double diff = muQ[d] - muG[d];
            sum += diff * diff + Math.exp(2.0 * logSigmaQ[d]) + Math.exp(2.0 * logSigmaG[d]);
        }
        return -sum;
    }
}
