package ai.braid.plugin.pcme.similarity;

import ai.braid.api.UserInputException;
import ai.braid.api.nn.PairwiseDistances;
import ai.braid.api.nn.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * {@code "match-prob"}: PCME's Monte-Carlo mean match probability, the similarity its COCO
 * results are reported with.
 *
 * <p>Each embedding draws J samples {@code z_j = mu + eps_j * sigma}, eps standard normal; every
 * query sample j is paired with every gallery sample k, with logit {@code s_jk = -a *
 * ||z_qj - z_gk|| + b} (the norm as {@code sqrt(sum sq + 1e-6)}, smooth at 0) and match
 * probability {@code sigmoid(2 s_jk) = exp(s)/(exp(s) + exp(-s))}; the score is the mean over
 * the J x J pairs, in (0, 1). Symmetric in expectation.
 *
 * <p>Noise: drawn on the host with a generator seeded by the seed, the side (query or gallery)
 * and the bits of the embedding's own mu and log sigma. A pair's score is therefore a function
 * of the two Gaussians and the parameters alone: the same on every device and whatever chunk
 * of queries or gallery order it is scored in, while the two sides never share noise. The
 * host work is O((Q + G) J D) per call, so score many queries per call.
 *
 * <p>Memory: the samples are (Q, J, D) and (G J, D); pairwise distances come from the matmul
 * expansion one query sample at a time, so the largest intermediate is (Q, G J), never (Q, G,
 * J, J, D).
 */
public final class MatchProbabilitySimilarity extends GaussianSimilarity {

    /** The name this similarity is chosen by. */
    public static final String NAME = "match-prob";

    private static final long QUERY_SALT = 0x51_7cc1_b727_220aL;
    private static final long GALLERY_SALT = 0x2545_f491_4f6c_dd1dL;
    private static final long GOLDEN_GAMMA = 0x9e37_79b9_7f4a_7c15L;
    private static final float NORM_EPSILON = 1e-6f;

    private final MatchProbabilityParameters parameters;

    /**
     * Creates the similarity.
     *
     * @param parameters the match head's a and b, the samples J and the seed
     */
    public MatchProbabilitySimilarity(MatchProbabilityParameters parameters) {
        super(NAME, true);
        this.parameters = Objects.requireNonNull(parameters, "parameters");
    }

    /**
     * Returns the parameters.
     *
     * @return a, b, J and the seed
     */
    public MatchProbabilityParameters parameters() {
        return parameters;
    }

    @Override
    NDArray compute(Moments queries, Moments gallery) {
        int samples = parameters.samples();
        long queryCount = queries.size();
        long galleryCount = gallery.size();
        long dimension = queries.dimension();
        NDArray querySamples = samples(queries, QUERY_SALT);
        NDArray gallerySamples = samples(gallery, GALLERY_SALT)
                .reshape(galleryCount * samples, dimension);
        NDManager scratch = querySamples.getManager();
        NDArray total = scratch.zeros(new Shape(queryCount, galleryCount), DataType.FLOAT32);
        for (int j = 0; j < samples; j++) {
            // one query sample against all G*J gallery samples; the (Q, G*J) blocks die here
            try (NDManager step = scratch.newSubManager()) {
                NDArray sample = querySamples.get(new NDIndex(":, {}, :", j));
                sample.attach(step);
                NDArray distance = PairwiseMath.plus(
                        PairwiseDistances.squared(sample, gallerySamples), NORM_EPSILON)
                        .sqrt();
                // sigmoid(2 s) with s = -a * distance + b
                NDArray logit = PairwiseMath.plus(
                        Scalars.mul(distance, -2f * parameters.scale()), 2f * parameters.shift());
                NDArray probability = Activation.sigmoid(logit);
                total.addi(probability.reshape(queryCount, galleryCount, samples)
                        .sum(new int[] {2}));
            }
        }
        return Scalars.mul(total, 1f / ((float) samples * samples));
    }

    /** Draws (N, J, D) samples mu + eps * sigma, eps from {@link #noise}. */
    private NDArray samples(Moments moments, long salt) {
        int rows = Math.toIntExact(moments.size());
        int dimension = Math.toIntExact(moments.dimension());
        long total = (long) rows * parameters.samples() * dimension;
        if (total > Integer.MAX_VALUE - 8) {
            throw new UserInputException("match-prob would draw " + total + " noise values "
                    + "(N " + rows + " x J " + parameters.samples() + " x D " + dimension
                    + "), more than one Java array holds; score fewer items per call or use "
                    + "fewer samples");
        }
        float[] eps = noise(moments.mu().toFloatArray(), moments.logSigma().toFloatArray(),
                rows, dimension, parameters.samples(), parameters.seed(), salt);
        NDManager manager = moments.mu().getManager();
        NDArray noise = manager.create(eps, new Shape(rows, parameters.samples(), dimension));
        return moments.mu().expandDims(1).add(noise.mul(moments.sigma().expandDims(1)));
    }

    /**
     * Standard normal noise for J samples of each of N embeddings, each embedding's from a
     * generator seeded by the seed, the salt and the bits of its own mu and log sigma row.
     *
     * @param mu (N, D) row-major means
     * @param logSigma (N, D) row-major log standard deviations
     * @param rows N
     * @param dimension D
     * @param samples J
     * @param seed the user's seed
     * @param salt separates the query side from the gallery side
     * @return (N, J, D) row-major noise
     */
    static float[] noise(float[] mu, float[] logSigma, int rows, int dimension, int samples,
            long seed, long salt) {
        float[] eps = new float[rows * samples * dimension];
        int perRow = samples * dimension;
        for (int row = 0; row < rows; row++) {
            long state = mix(seed ^ salt);
            for (int d = row * dimension; d < (row + 1) * dimension; d++) {
                state = mix(state + (Float.floatToIntBits(mu[d]) & 0xffff_ffffL) + GOLDEN_GAMMA);
                state = mix(state + (Float.floatToIntBits(logSigma[d]) & 0xffff_ffffL)
                        + GOLDEN_GAMMA);
            }
            SplittableRandom random = new SplittableRandom(state);
            for (int k = row * perRow; k < (row + 1) * perRow; k++) {
                eps[k] = (float) random.nextGaussian();
            }
        }
        return eps;
    }

    /** Draws the query side's noise; visible to tests, which recompute scores from it. */
    static float[] queryNoise(float[] mu, float[] logSigma, int rows, int dimension,
            MatchProbabilityParameters parameters) {
        return noise(mu, logSigma, rows, dimension, parameters.samples(), parameters.seed(),
                QUERY_SALT);
    }

    /** Draws the gallery side's noise; visible to tests, which recompute scores from it. */
    static float[] galleryNoise(float[] mu, float[] logSigma, int rows, int dimension,
            MatchProbabilityParameters parameters) {
        return noise(mu, logSigma, rows, dimension, parameters.samples(), parameters.seed(),
                GALLERY_SALT);
    }

    /** SplitMix64's finaliser: spreads every input bit over the whole state. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58_476d_1ce4_e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d0_49bb_1331_11ebL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return NAME + parameters;
    }
}
