package ai.braid.plugin.pcme.objective;

import ai.djl.ndarray.NDArray;

/** The log-sum-exp reduction, which DJL's API lacks. */
final class LogSumExp {

    private LogSumExp() {}

    /**
     * Computes {@code log sum_k exp(x_k)} along one axis, shifted by the maximum so that no
     * exponential overflows. The maximum is detached: the result's gradient is the softmax
     * either way, and a constant shift keeps the graph small.
     *
     * @param x any array with finite values along the axis
     * @param axis the axis to reduce
     * @return x's shape without that axis
     */
    static NDArray along(NDArray x, int axis) {
        NDArray max = x.max(new int[] {axis}, true).stopGradient();
        return x.sub(max).exp().sum(new int[] {axis}).log().add(max.squeeze(axis));
    }
}
