package ai.braid.api.nn;

import ai.djl.ndarray.NDArray;

/**
 * Distances between every row of one set of vectors and every row of another, for contrastive
 * losses and retrieval scores.
 */
public final class PairwiseDistances {

    private PairwiseDistances() {}

    /**
     * Squared Euclidean distances through the expansion {@code ||x||^2 + ||y||^2 - 2 x.y}: one
     * (N, D) x (D, M) product instead of an (N, M, D) difference tensor. Safe on the gradient
     * path.
     *
     * @param x (N, D) vectors
     * @param y (M, D) vectors
     * @return (N, M) squared distances, clamped at 0 against rounding below it; owned by x's
     *     manager
     */
    public static NDArray squared(NDArray x, NDArray y) {
        NDArray xx = x.square().sum(new int[] {1}, true);
        NDArray yy = y.square().sum(new int[] {1}, true).transpose();
        NDArray cross = Scalars.mul(x.matMul(y.transpose()), 2f);
        return Scalars.maximum(xx.add(yy).sub(cross), 0f);
    }
}
