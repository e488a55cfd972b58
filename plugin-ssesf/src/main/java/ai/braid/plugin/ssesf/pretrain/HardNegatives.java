package ai.braid.plugin.ssesf.pretrain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * In-batch hard negatives for image-text matching (ITM), as ALBEF and VLMo draw them: sample i
 * keeps its first modality and gets the second modality of another sample j, chosen with
 * probability {@code softmax_j(cos(a_i, b_j) / tau)} over {@code j != i}, so the pairs that the
 * unimodal vectors find hardest to tell apart are drawn most often.
 *
 * <p>A sample j whose image or text is the very same as i's (a dataset with several captions
 * per image, or one caption shared by many images) would make a matching pair, not a
 * negative: such j are drawn only when no other sample is left ({@link #sameRows} finds them).
 *
 * <p>No gradient flows through the choice. In training the draw uses the engine's random
 * generator (which the runtime reseeds from the run's seed before every step, so runs
 * repeat); in inference the choice is deterministic: the most similar other sample.
 */
public final class HardNegatives {

    /**
     * Subtracted from the logit of a partner that would make a matching pair: far more than
     * any cosine / tau (tau &gt;= 1e-3), so it is drawn only when nothing else is left.
     */
    private static final float MATCH_EXCLUSION = 1e4f;
    /** Subtracted from a sample's logit of itself, so it is never drawn. */
    private static final float SELF_EXCLUSION = 2e4f;
    /** Rows are the same when their squared distance is below this share of their norms. */
    private static final double SAME_ROW_TOLERANCE = 1e-9;

    private HardNegatives() {}

    /**
     * Chooses each sample's partner.
     *
     * @param first (B, D) the first modality's unimodal vectors, B &gt;= 2
     * @param second (B, D) the second modality's unimodal vectors
     * @param matching (B, B) 1 where sample j with sample i's first modality would be a
     *     matching pair (the same image or the same text), 0 elsewhere; null for none
     * @param temperature tau &gt; 0
     * @param sample true to draw from the softmax (training), false for its arg-max
     * @return (B) int64 partner indices j(i), each different from i
     * @throws IllegalArgumentException if B &lt; 2 (there is no other sample) or the shapes differ
     */
    public static NDArray partners(NDArray first, NDArray second, NDArray matching,
            float temperature, boolean sample) {
        Shape shape = first.getShape();
        if (shape.dimension() != 2 || !shape.equals(second.getShape())) {
            throw new IllegalArgumentException("hard negatives need two (B, D) arrays of one"
                    + " shape, got " + shape + " and " + second.getShape());
        }
        long batch = shape.get(0);
        if (batch < 2) {
            throw new IllegalArgumentException("a batch of " + batch + " sample(s) has no"
                    + " other sample to draw a negative from");
        }
        NDManager manager = first.getManager();
        NDArray a = normalized(first.stopGradient());
        NDArray b = normalized(second.stopGradient());
        NDArray self = manager.eye(Math.toIntExact(batch)).toType(a.getDataType(), false);
        NDArray logits = a.matMul(b.transpose()).div(temperature)
                .sub(self.mul(SELF_EXCLUSION));
        if (matching != null) {
            logits = logits.sub(matching.stopGradient().toType(a.getDataType(), false)
                    .mul(self.neg().add(1f)).mul(MATCH_EXCLUSION));
        }
        NDArray chosen;
        if (sample) {
            // Inverse-CDF sampling; the engine has no multinomial draw.
            NDArray cdf = logits.softmax(1).cumSum(1);
            NDArray total = cdf.get(new NDIndex(":, -1:"));
            NDArray u = manager.randomUniform(0f, 1f, new Shape(batch, 1), a.getDataType())
                    .mul(total);
            chosen = cdf.lt(u).toType(DataType.INT64, false).sum(new int[] {1})
                    .minimum(batch - 1);
        } else {
            chosen = logits.argMax(1).toType(DataType.INT64, false);
        }
        // A draw can land on i only through rounding at the end of the CDF; take i's
        // successor then, a deterministic rule that keeps j != i.
        NDArray rows = manager.arange(0, batch, 1, DataType.INT64);
        NDArray next = rows.add(1).mod(batch);
        return NDArrays.where(chosen.eq(rows), next, chosen);
    }

    /**
     * Finds the samples whose rows of one modality are the same: the same tokens at the same
     * positions, and the same padding.
     *
     * @param tokens (B, L, D) one modality's tokens
     * @param mask (B, L) their mask
     * @return (B, B) 1 where samples i and j hold the same rows (1 on the diagonal), of the
     *     tokens' float type
     */
    public static NDArray sameRows(NDArray tokens, NDArray mask) {
        Shape shape = tokens.getShape();
        long batch = shape.get(0);
        // In double precision: the rounding of float sums over L * D products would exceed
        // the tolerance for long sequences.
        NDArray keep = mask.stopGradient().toType(DataType.FLOAT64, false);
        NDArray rows = NDArrays.concat(new NDList(tokens.stopGradient()
                .toType(DataType.FLOAT64, false).mul(keep.expandDims(2)).reshape(batch, -1),
                keep), 1);
        NDArray squared = rows.square().sum(new int[] {1}, true);
        NDArray sums = squared.add(squared.transpose());
        NDArray distance = sums.sub(rows.matMul(rows.transpose()).mul(2.0));
        return distance.lte(sums.mul(SAME_ROW_TOLERANCE)).toType(tokens.getDataType(), false);
    }

    /**
     * Replaces one modality's slice of every sample by its partner's.
     *
     * @param x (B, L, ...) a joint sequence or its (B, L) mask
     * @param partners (B) int64 partner indices
     * @param start the first position of the slice
     * @param end the position after its last
     * @return x with rows {@code [start, end)} of sample i taken from sample {@code
     *     partners[i]}; the gradient reaches both the kept and the borrowed rows
     */
    public static NDArray swapSlice(NDArray x, NDArray partners, long start, long end) {
        String rest = x.getShape().dimension() > 2 ? ", :" : "";
        NDArray borrowed = x.get(partners).get(new NDIndex(":, {}:{}" + rest, start, end));
        NDList parts = new NDList();
        if (start > 0) {
            parts.add(x.get(new NDIndex(":, :{}" + rest, start)));
        }
        parts.add(borrowed);
        if (end < x.getShape().get(1)) {
            parts.add(x.get(new NDIndex(":, {}:" + rest, end)));
        }
        return NDArrays.concat(parts, 1);
    }

    private static NDArray normalized(NDArray x) {
        return x.div(x.square().sum(new int[] {1}, true).sqrt().maximum(1e-12f));
    }
}
