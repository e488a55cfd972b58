package ai.braid.plugin.pcme.similarity;

import ai.braid.api.nn.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Float32 copies of one side's Gaussians on a scratch manager, with sigma and the variance
 * derived once on first use.
 */
final class Moments {

    private final NDArray mu;
    private final NDArray logSigma;
    private NDArray sigma;
    private NDArray variance;
    private NDArray inverseVariance;

    private Moments(NDArray mu, NDArray logSigma) {
        this.mu = mu;
        this.logSigma = logSigma;
    }

    /**
     * Copies a set onto a scratch manager, so that every array computed from it lands there
     * and the caller's arrays keep their owner.
     *
     * @param set the Gaussians
     * @param scratch the manager the copies and everything derived from them belong to
     * @return the copies; without log sigma if the set has none
     */
    static Moments copyOf(GaussianSet set, NDManager scratch) {
        NDArray mu = set.mu().toType(DataType.FLOAT32, true);
        mu.attach(scratch);
        NDArray logSigma = null;
        if (set.logSigma() != null) {
            logSigma = set.logSigma().toType(DataType.FLOAT32, true);
            logSigma.attach(scratch);
        }
        return new Moments(mu, logSigma);
    }

    /** (N, D) means. */
    NDArray mu() {
        return mu;
    }

    /** (N, D) log standard deviations; callers check that the set has them. */
    NDArray logSigma() {
        return logSigma;
    }

    /** (N, D) standard deviations. */
    NDArray sigma() {
        if (sigma == null) {
            sigma = logSigma.exp();
        }
        return sigma;
    }

    /** (N, D) variances sigma^2. */
    NDArray variance() {
        if (variance == null) {
            variance = Scalars.mul(logSigma, 2f).exp();
        }
        return variance;
    }

    /** (N, D) 1 / sigma^2, as exp(-2 log sigma) rather than a division that may overflow. */
    NDArray inverseVariance() {
        if (inverseVariance == null) {
            inverseVariance = Scalars.mul(logSigma, -2f).exp();
        }
        return inverseVariance;
    }

    /** N. */
    long size() {
        return mu.getShape().get(0);
    }

    /** D. */
    long dimension() {
        return mu.getShape().get(1);
    }
}
