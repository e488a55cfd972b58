package ai.braid.plugin.pcme.objective;

import ai.braid.api.nn.Scalars;
import ai.djl.ndarray.NDArray;

/**
 * Squared Euclidean distances between two sets of row vectors, through the expansion {@code
 * ||x||^2 + ||y||^2 - 2 x.y}: one (N, D) x (D, M) product instead of an (N, M, D) difference
 * tensor.
 */
final class SquaredDistances {

    private SquaredDistances() {}

    /**
     * Computes every squared distance.
     *
     * @param x (N, D) vectors
     * @param y (M, D) vectors
     * @return (N, M) squared distances, clamped at 0 against rounding below it
     */
    static NDArray between(NDArray x, NDArray y) {
        NDArray xx = x.square().sum(new int[] {1}, true);
        NDArray yy = y.square().sum(new int[] {1}, true).transpose();
        NDArray cross = Scalars.mul(x.matMul(y.transpose()), 2f);
        return Scalars.maximum(xx.add(yy).sub(cross), 0f);
    }
}
