package ai.braid.api.objective;

import ai.braid.api.nn.Scalars;
import ai.djl.ndarray.NDArray;

/** The supervised contrastive loss of Khosla et al. (2020), shared by its two objectives. */
final class ContrastiveMath {

    /**
     * Subtracted from each anchor's similarity to itself so that it drops out of the
     * denominator; large against any cosine / tau, small enough for half precision.
     */
    private static final float SELF_EXCLUSION = 1e4f;

    private ContrastiveMath() {}

    /**
     * Computes {@code -(1/|A|) sum_{i in A} (1/|P(i)|) sum_{p in P(i)} log(exp(z_i.z_p/tau) /
     * sum_{a != i} exp(z_i.z_a/tau))}, where P(i) are the other samples with anchor i's label and
     * A the anchors with at least one positive. Anchors without positive contribute 0; when no
     * anchor has one the loss is 0 and still on the graph.
     *
     * @param features (N, D) features, L2-normalised here
     * @param labels (N) labels of any integer type
     * @param temperature tau
     * @return the loss, shape ()
     */
    static NDArray supervisedContrastive(NDArray features, NDArray labels, float temperature) {
        int n = Math.toIntExact(features.getShape().get(0));
        NDArray z = NamedArrays.l2Normalize(features);
        NDArray self = NamedArrays.eye(z, n);
        NDArray logits = Scalars.div(z.matMul(z.transpose()), temperature)
                .sub(self.mul(SELF_EXCLUSION));
        NDArray shifted = logits.sub(logits.max(new int[] {1}, true).stopGradient());
        NDArray logProb = shifted.sub(shifted.exp().sum(new int[] {1}, true).log());
        NDArray column = NamedArrays.indices(labels).reshape(n, 1);
        NDArray positives = column.eq(column.transpose()).toType(z.getDataType(), false)
                .sub(self);
        NDArray positiveCount = positives.sum(new int[] {1});
        NDArray meanLogProb = logProb.mul(positives).sum(new int[] {1})
                .div(positiveCount.maximum(1f));
        NDArray hasPositive = positiveCount.gt(0f).toType(z.getDataType(), false);
        return meanLogProb.mul(hasPositive).sum().neg().div(hasPositive.sum().maximum(1f));
    }
}
