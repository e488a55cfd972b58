package ai.braid.plugin.pcme.objective;

import ai.braid.api.nn.PairwiseDistances;
import ai.braid.api.nn.Scalars;
import ai.djl.ndarray.NDArray;

/**
 * The uniformity loss of Wang and Isola (2020) with t = 2, which PCME adds on CUB to spread the
 * samples over the embedding space:
 *
 * <pre>
 * L_unif = log mean_{i &lt; j} exp(-2 ||x_i - x_j||^2)
 * </pre>
 *
 * <p>over all N points. The reference code draws 128 of the points at random when N^2 exceeds
 * 16384 (a workaround for a CUDA limit of {@code torch.pdist}); here every pair counts, which is
 * exact and, at N = 2 B J, an N x N matrix.
 */
final class Uniformity {

    /** The t of the Gaussian potential exp(-t ||x - y||^2). */
    private static final float T = 2f;

    private Uniformity() {}

    /**
     * Computes the loss.
     *
     * @param x (N, D) points, N &ge; 2
     * @return shape (), at most 0; more negative means more uniform
     */
    static NDArray of(NDArray x) {
        long n = x.getShape().get(0);
        NDArray index = x.getManager().arange((int) n);
        NDArray upper = index.reshape(n, 1).lt(index.reshape(1, n));
        NDArray potential = Scalars.mul(PairwiseDistances.squared(x, x), -T).booleanMask(upper);
        double pairs = n * (n - 1) / 2.0;
        return LogSumExp.along(potential, 0).sub(Constants.of(potential, (float) Math.log(pairs)));
    }
}
