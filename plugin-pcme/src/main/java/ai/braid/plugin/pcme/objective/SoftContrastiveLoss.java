package ai.braid.plugin.pcme.objective;

import ai.braid.api.data.LossTerm;
import ai.braid.api.nn.PairwiseDistances;
import ai.braid.api.nn.Scalars;
import ai.braid.api.spi.Objective;
import ai.braid.plugin.pcme.model.PcmeOutputs;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * PCME's soft contrastive loss (Chun et al., CVPR 2021) over Monte-Carlo samples of the image
 * and text embeddings.
 *
 * <p>For samples v_j of image i and t_k of text i' (j, k = 1..J) the match logit is {@code s_jk
 * = -a ||v_j - t_k|| + b}, with the distance {@code sqrt(sum sq + 1e-6)} and the learnable a
 * and b read from the model's outputs. A sample pair matches with probability {@code
 * exp(s)/(exp(s)+exp(-s)) = sigmoid(2 s)}, and the pair (i, i') has the negative
 * log-likelihood
 *
 * <pre>
 * NLL = -log( (1/J^2) sum_jk sigmoid(2 m s_jk) )
 *     = log J^2 - logsumexp_jk[ m s_jk - logsumexp(s_jk, -s_jk) ]
 * </pre>
 *
 * <p>with m = +1 for the matched pair (i = i') and -1 for every other of the B x B pairs of the
 * batch. It is computed as {@code log J^2 - logsumexp_jk(-softplus(-2 m s_jk))}, stable for any
 * logit.
 *
 * <p>Terms, all multiplied by the {@link PairReduction}'s factor (1 for sum, 1 / B^2 for mean):
 *
 * <ul>
 *   <li>{@value #SOFT_CONTRASTIVE}: image-to-text plus text-to-image, the sum of NLL over the
 *       B x B pairs, twice. Under full sampling of the pairs the two directions are the same
 *       sum (pair (i, i') has the same J x J distances and the same m seen from either side),
 *       so it is computed once and doubled, as PCME++ does.
 *   <li>{@value #KL}, when vibBeta &gt; 0: {@code vibBeta * (KL_a + KL_b)}, each summed over
 *       the batch and the dimensions as in the reference code (see {@link VibKl} for the form).
 *   <li>{@value #UNIFORMITY}, when its weight &gt; 0: {@code weight * log mean_{p &lt; q}
 *       exp(-2 ||x_p - x_q||^2)} over the 2 B J samples of both modalities.
 * </ul>
 *
 * <p>Distances come from one (B J, D) x (D, B J) product; the logits are a (B J)^2 matrix, 1 M
 * floats at B = 128, J = 8.
 *
 * <pre>{@code
 * SoftContrastiveLoss.builder().optReduction(PairReduction.MEAN).optVibBeta(1e-3f)
 *         .optUniformityWeight(10f).build();
 * }</pre>
 */
public final class SoftContrastiveLoss implements Objective {

    /** The name pipelines use. */
    public static final String NAME = "pcme";
    /** The contrastive term's name. */
    public static final String SOFT_CONTRASTIVE = "soft-contrastive";
    /** The KL regulariser's name. */
    public static final String KL = "kl";
    /** The uniformity regulariser's name. */
    public static final String UNIFORMITY = "uniformity";
    /** Default vibBeta. */
    public static final float DEFAULT_VIB_BETA = 1e-4f;

    /** Added to squared distances before the square root, as in the reference code. */
    private static final float DISTANCE_EPSILON = 1e-6f;

    private final String samplesA;
    private final String samplesB;
    private final String muA;
    private final String muB;
    private final MatchLogits matchLogits;
    private final VibKl kl;
    private final PairReduction reduction;
    private final float vibBeta;
    private final float uniformityWeight;

    private SoftContrastiveLoss(Builder builder) {
        this.samplesA = builder.samplesA;
        this.samplesB = builder.samplesB;
        this.muA = builder.outputs.muA();
        this.muB = builder.outputs.muB();
        this.matchLogits = builder.outputs.matchLogits();
        this.kl = builder.outputs.kl(NAME);
        this.reduction = builder.reduction;
        this.vibBeta = builder.vibBeta;
        this.uniformityWeight = builder.uniformityWeight;
    }

    /**
     * Starts a builder with the {@link PcmeOutputs} names, reduction sum, vibBeta 1e-4 and
     * no uniformity term.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the outputs read: the samples, a and b, and the means and log sigmas when the KL
     * term is on.
     *
     * @return the output names
     */
    @Override
    public Set<String> requiredOutputs() {
        Set<String> names = new HashSet<>(matchLogits.outputs());
        names.add(samplesA);
        names.add(samplesB);
        if (vibBeta > 0) {
            names.addAll(kl.outputs());
        }
        return Set.copyOf(names);
    }

    @Override
    public Set<String> requiredTargets() {
        return Set.of();
    }

    /**
     * Computes the terms of one batch.
     *
     * @param outputs holds samples_a (B, J, D), samples_b (B, J, D), a (1), b (1), and, when
     *     the KL is on, mu_a, logsigma_a, mu_b, logsigma_b (B, D)
     * @param targets unused: row i of a matches row i of b
     * @return {@value #SOFT_CONTRASTIVE}, then {@value #KL} and {@value #UNIFORMITY} when their
     *     weights are positive; shape () each
     * @throws ai.braid.api.UserInputException if an output is missing or the shapes do not fit
     */
    @Override
    public List<LossTerm> compute(NDList outputs, NDList targets) {
        NDArray first = checkedSamples(outputs);
        NDArray second = Outputs.find(outputs, samplesB, NAME);
        long batch = first.getShape().get(0);
        float scale = reduction.scale(batch);
        List<LossTerm> terms = new ArrayList<>(3);
        NDArray contrastive = pairNll(first, second, outputs).sum();
        terms.add(new LossTerm(SOFT_CONTRASTIVE, Scalars.mul(contrastive, 2f * scale)));
        if (vibBeta > 0) {
            // batchMean * B: summed over the batch, the reference code's reduction of the KL
            terms.add(new LossTerm(KL,
                    Scalars.mul(kl.batchMean(outputs), vibBeta * batch * scale)));
        }
        if (uniformityWeight > 0) {
            NDArray uniformity = Uniformity.of(flatten(first).concat(flatten(second), 0));
            terms.add(new LossTerm(UNIFORMITY, Scalars.mul(uniformity, uniformityWeight * scale)));
        }
        return terms;
    }

    /**
     * Computes the NLL of every image-text pair of the batch (one direction).
     *
     * @param first samples_a (B, J, D)
     * @param second samples_b (B, J, D)
     * @param outputs the outputs holding a and b
     * @return (B, B) NLL of image i against text i'
     */
    NDArray pairNll(NDArray first, NDArray second, NDList outputs) {
        Shape shape = first.getShape();
        long batch = shape.get(0);
        long samples = shape.get(1);
        NDArray v = flatten(first);
        NDArray t = flatten(second);
        NDArray distance = PairwiseDistances.squared(v, t)
                .add(Constants.of(v, DISTANCE_EPSILON)).sqrt();
        // (B J, B J) -> (B, J, B, J) -> (B, B, J, J) -> (B, B, J^2): the sample pairs of (i, i')
        NDArray logits = matchLogits.of(distance, outputs, NAME)
                .reshape(batch, samples, batch, samples).transpose(0, 2, 1, 3)
                .reshape(batch, batch, samples * samples);
        // log sigmoid(2 m s) = -softplus(-2 m s); -2m is -2 on the diagonal, +2 elsewhere
        NDArray eye = v.getManager().eye((int) batch).toType(v.getDataType(), false);
        NDArray minusTwoM = Scalars.mul(eye, -4f).add(Constants.of(eye, 2f))
                .reshape(batch, batch, 1);
        NDArray logLikelihood = Activation.softPlus(logits.mul(minusTwoM)).neg();
        return LogSumExp.along(logLikelihood, 2).neg()
                .add(Constants.of(v, (float) Math.log((double) samples * samples)));
    }

    private static NDArray flatten(NDArray samples) {
        Shape shape = samples.getShape();
        return samples.reshape(shape.get(0) * shape.get(1), shape.get(2));
    }

    private NDArray checkedSamples(NDList outputs) {
        NDArray first = Outputs.find(outputs, samplesA, NAME);
        NDArray second = Outputs.find(outputs, samplesB, NAME);
        Outputs.requireAxes(first, samplesA, "(B, J, D)", 3, NAME);
        Outputs.requireShape(second, samplesB, first.getShape(), first, samplesA, NAME);
        matchLogits.check(outputs, NAME);
        if (vibBeta > 0) {
            kl.check(outputs, NAME);
            Shape shape = first.getShape();
            Shape means = new Shape(shape.get(0), shape.get(2));
            Outputs.requireShape(Outputs.find(outputs, muA, NAME), muA, means, first, samplesA,
                    NAME);
            Outputs.requireShape(Outputs.find(outputs, muB, NAME), muB, means, second, samplesB,
                    NAME);
        }
        return first;
    }

    /** Options of a {@link SoftContrastiveLoss}. */
    public static final class Builder {

        private String samplesA = PcmeOutputs.SAMPLES_A;
        private String samplesB = PcmeOutputs.SAMPLES_B;
        private GaussianPairOutputs outputs = GaussianPairOutputs.DEFAULT;
        private PairReduction reduction = PairReduction.SUM;
        private float vibBeta = DEFAULT_VIB_BETA;
        private float uniformityWeight;

        private Builder() {}

        /**
         * Sets the outputs holding the samples.
         *
         * @param a image samples (B, J, D); default {@value PcmeOutputs#SAMPLES_A}
         * @param b text samples (B, J, D); default {@value PcmeOutputs#SAMPLES_B}
         * @return this builder
         */
        public Builder optSamples(String a, String b) {
            this.samplesA = Outputs.name(a, "samplesA");
            this.samplesB = Outputs.name(b, "samplesB");
            return this;
        }

        /**
         * Sets the Gaussians' outputs (read by the KL term) and a's and b's.
         *
         * @param outputs the names; default {@link GaussianPairOutputs#DEFAULT}
         * @return this builder
         */
        public Builder optOutputs(GaussianPairOutputs outputs) {
            this.outputs = Objects.requireNonNull(outputs, "outputs");
            return this;
        }

        /**
         * Sets how the pairs, and all terms with them, are reduced.
         *
         * @param reduction default {@link PairReduction#SUM}, the reference code's
         * @return this builder
         */
        public Builder optReduction(PairReduction reduction) {
            this.reduction = Objects.requireNonNull(reduction, "reduction");
            return this;
        }

        /**
         * Sets the KL weight; 0 leaves the term out.
         *
         * @param vibBeta &ge; 0; default 1e-4 (the paper used 1e-3 on CUB, 1e-5 on COCO)
         * @return this builder
         */
        public Builder optVibBeta(float vibBeta) {
            this.vibBeta = Outputs.weight(vibBeta, "vibBeta");
            return this;
        }

        /**
         * Sets the uniformity weight; 0 leaves the term out.
         *
         * @param uniformityWeight &ge; 0; default 0 (the paper used 10 on CUB)
         * @return this builder
         */
        public Builder optUniformityWeight(float uniformityWeight) {
            this.uniformityWeight = Outputs.weight(uniformityWeight, "uniformityWeight");
            return this;
        }

        /**
         * Builds the objective.
         *
         * @return the objective
         */
        public SoftContrastiveLoss build() {
            return new SoftContrastiveLoss(this);
        }
    }
}
