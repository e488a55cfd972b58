package ai.braid.plugin.ssesf.pretrain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * Chooses the tokens that masked language modelling hides: in each sample, about a share p of
 * its real tokens between the first and the last real one (the [CLS] and [SEP] of a WordPiece
 * text are never masked), at least one when there is any such token, at most K. The choice is
 * laid out in K fixed slots per sample, so the outputs have one shape whatever the lengths.
 *
 * <p>In training the tokens are drawn with the engine's random generator (reseeded by the
 * runtime before every step). In inference they come from a fixed pseudo-random order per row
 * of the batch, so evaluations of one model on one split mask the same tokens every time.
 */
public final class TokenMasking {

    /** Seed of the fixed order used in inference. */
    private static final long INFERENCE_SEED = 0x6d6c6dL;

    private TokenMasking() {}

    /**
     * Which positions are masked, in K slots per sample.
     *
     * @param positions (B, K) int64 positions within the modality's tokens, sorted by a random
     *     rank, not by position; 0 in an unused slot
     * @param valid (B, K) 1 for a slot that holds a masked token, 0 for an unused one, of the
     *     mask's float type
     */
    public record Slots(NDArray positions, NDArray valid) {}

    /**
     * Chooses the masked tokens.
     *
     * @param mask (B, L) 1 for a real token, 0 for padding, of a float type
     * @param slots K &gt;= 1
     * @param probability the share p in (0, 1] of maskable tokens to mask; the count per sample
     *     is {@code min(K, max(1, round(p * n)))} for n maskable tokens (0 when n = 0), with
     *     halves rounded up
     * @param random true to draw with the engine's generator, false for the fixed order
     * @return the slots
     */
    public static Slots choose(NDArray mask, int slots, float probability, boolean random) {
        NDManager manager = mask.getManager();
        Shape shape = mask.getShape();
        long batch = shape.get(0);
        long length = shape.get(1);
        DataType type = mask.getDataType();
        NDArray real = mask.stopGradient().gt(0f).toType(type, false);
        NDArray index = manager.arange(0, length, 1, type).reshape(1, length);
        float beyond = length + 1f;
        // first real index; length + 1 for a sample without real token
        NDArray first = index.add(real.sub(1f).mul(-beyond)).min(new int[] {1}, true);
        // last real index; -1 for a sample without real token
        NDArray last = index.mul(real).add(real.sub(1f)).max(new int[] {1}, true);
        NDArray maskable = real.mul(index.gt(first).toType(type, false))
                .mul(index.lt(last).toType(type, false));
        NDArray count = maskable.sum(new int[] {1}, true);
        NDArray wanted = count.mul(probability).add(0.5f).floor().maximum(1f)
                .minimum((float) slots)
                .mul(count.gt(0f).toType(type, false));
        NDArray scores = random
                ? manager.randomUniform(0f, 1f, shape, type)
                : fixedScores(manager, batch, length).toType(type, false);
        // maskable tokens score in [0, 1), the others -1, so they rank last
        scores = scores.mul(maskable).add(maskable.sub(1f));
        int taken = (int) Math.min(slots, length);
        NDList top = scores.topK(taken, 1, true, true);
        NDArray rank = manager.arange(0, taken, 1, type).reshape(1, taken);
        NDArray valid = top.get(0).gte(0f).toType(type, false)
                .mul(rank.lt(wanted).toType(type, false));
        NDArray positions = top.get(1).toType(DataType.INT64, false)
                .mul(valid.toType(DataType.INT64, false));
        if (taken < slots) {
            Shape padding = new Shape(batch, slots - taken);
            positions = NDArrays.concat(new NDList(positions,
                    manager.zeros(padding, DataType.INT64)), 1);
            valid = NDArrays.concat(new NDList(valid, manager.zeros(padding, type)), 1);
        }
        return new Slots(positions, valid);
    }

    /**
     * The fixed sinusoidal code of positions, as in the original transformer: for frequency
     * {@code w_k = 10000^(-2k / C)}, entries {@code sin(t w_k)} and {@code cos(t w_k)}.
     *
     * @param manager the manager of the result
     * @param length the number of positions
     * @param width C, even
     * @return (length, C) float32, row t the code of position t
     */
    public static NDArray positionCode(NDManager manager, long length, int width) {
        int half = width / 2;
        float[] code = new float[Math.toIntExact(length * width)];
        for (int t = 0; t < length; t++) {
            for (int k = 0; k < half; k++) {
                double angle = t * Math.pow(10000.0, -2.0 * k / width);
                code[t * width + 2 * k] = (float) Math.sin(angle);
                code[t * width + 2 * k + 1] = (float) Math.cos(angle);
            }
        }
        return manager.create(code, new Shape(length, width));
    }

    /** Scores in [0, 1) from a generator seeded by the row, the same in every call. */
    private static NDArray fixedScores(NDManager manager, long batch, long length) {
        float[] scores = new float[Math.toIntExact(batch * length)];
        for (int b = 0; b < batch; b++) {
            SplittableRandom generator = new SplittableRandom(INFERENCE_SEED + b);
            for (int t = 0; t < length; t++) {
                scores[Math.toIntExact(b * length + t)] = (float) generator.nextDouble();
            }
        }
        return manager.create(scores, new Shape(batch, length));
    }
}
