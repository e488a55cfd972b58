package ai.braid.plugin.pcme.objective;

import ai.braid.api.data.LossTerm;
import ai.braid.api.nn.PairwiseDistances;
import ai.braid.api.nn.Scalars;
import ai.braid.api.spi.Objective;
import ai.braid.plugin.pcme.model.PcmeOutputs;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * PCME++'s probabilistic matching loss on the closed-form sampled distance (Chun, ICLR 2024):
 * the expected squared distance between samples of two Gaussian embeddings, which needs no
 * sampling,
 *
 * <pre>
 * CSD(v, t) = E||z_v - z_t||^2 = ||mu_v - mu_t||^2 + sum_d (sigma_v,d^2 + sigma_t,d^2)
 * logit_ij  = -a * CSD(v_i, t_j) + b
 * </pre>
 *
 * <p>with sigma = exp(log sigma) and the learnable a and b read from the model's outputs. Row i
 * of the images matches row i of the texts and nothing else.
 *
 * <p>Terms:
 *
 * <ul>
 *   <li>{@value #CSD}: {@code 2 * mean_ij BCE(logit_ij, M_ij)} with M the identity, computed as
 *       {@code softplus(logit) - M * logit}. Image-to-text and text-to-image are the same mean
 *       over the same B x B logits, hence the 2, as in the reference.
 *   <li>{@value #KL}, when vibBeta &gt; 0: {@code vibBeta * (KL_a + KL_b)}, each averaged over
 *       the batch and the dimensions as in PCME++'s code, so that its vibBeta (1e-4) carries
 *       over (see {@link VibKl} for the form).
 * </ul>
 *
 * <p>The reference's pseudo-positive smoothing term is not implemented.
 */
public final class CsdLoss implements Objective {

    /** The name pipelines use. */
    public static final String NAME = "pcme-csd";
    /** The matching term's name. */
    public static final String CSD = "csd";
    /** The KL regulariser's name. */
    public static final String KL = "kl";

    private final String muA;
    private final String logSigmaA;
    private final String muB;
    private final String logSigmaB;
    private final MatchLogits matchLogits;
    private final VibKl kl;
    private final float vibBeta;

    private CsdLoss(Builder builder) {
        this.muA = builder.outputs.muA();
        this.logSigmaA = builder.outputs.logSigmaA();
        this.muB = builder.outputs.muB();
        this.logSigmaB = builder.outputs.logSigmaB();
        this.matchLogits = builder.outputs.matchLogits();
        this.kl = builder.outputs.kl(NAME);
        this.vibBeta = builder.vibBeta;
    }

    /**
     * Starts a builder with the {@link PcmeOutputs} names and vibBeta 1e-4.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Computes the closed-form sampled distance of every query against every gallery item.
     *
     * @param muQ (N, D) query means
     * @param logSigmaQ (N, D) query log standard deviations
     * @param muG (M, D) gallery means
     * @param logSigmaG (M, D) gallery log standard deviations
     * @return (N, M) distances {@code ||mu_q - mu_g||^2 + sum(sigma_q^2) + sum(sigma_g^2)},
     *     owned by the queries' manager
     */
    public static NDArray distance(NDArray muQ, NDArray logSigmaQ, NDArray muG,
            NDArray logSigmaG) {
        NDArray varianceQ = Scalars.mul(logSigmaQ, 2f).exp().sum(new int[] {1}, true);
        NDArray varianceG = Scalars.mul(logSigmaG, 2f).exp().sum(new int[] {1}, true)
                .transpose();
        return PairwiseDistances.squared(muQ, muG).add(varianceQ).add(varianceG);
    }

    @Override
    public Set<String> requiredOutputs() {
        Set<String> names = new HashSet<>(kl.outputs());
        names.addAll(matchLogits.outputs());
        return Set.copyOf(names);
    }

    @Override
    public Set<String> requiredTargets() {
        return Set.of();
    }

    /**
     * Computes the terms of one batch.
     *
     * @param outputs holds mu_a, logsigma_a, mu_b, logsigma_b (B, D), a (1) and b (1)
     * @param targets unused: row i of a matches row i of b
     * @return {@value #CSD}, then {@value #KL} when vibBeta &gt; 0; shape () each
     * @throws ai.braid.api.UserInputException if an output is missing or the shapes differ
     */
    @Override
    public List<LossTerm> compute(NDList outputs, NDList targets) {
        kl.check(outputs, NAME);
        matchLogits.check(outputs, NAME);
        NDArray first = Outputs.find(outputs, muA, NAME);
        long batch = first.getShape().get(0);
        long dimension = first.getShape().get(1);
        NDArray csd = distance(first, Outputs.find(outputs, logSigmaA, NAME),
                Outputs.find(outputs, muB, NAME), Outputs.find(outputs, logSigmaB, NAME));
        NDArray logits = matchLogits.of(csd, outputs, NAME);
        NDArray matches = first.getManager().eye((int) batch).toType(logits.getDataType(), false);
        NDArray crossEntropy = Activation.softPlus(logits).sub(logits.mul(matches)).sum();
        List<LossTerm> terms = new ArrayList<>(2);
        terms.add(new LossTerm(CSD,
                Scalars.mul(crossEntropy, (float) (2.0 / ((double) batch * batch)))));
        if (vibBeta > 0) {
            // batchMean / D: the mean over all elements, PCME++'s reduction of the KL
            terms.add(new LossTerm(KL,
                    Scalars.mul(kl.batchMean(outputs), (float) (vibBeta / (double) dimension))));
        }
        return terms;
    }

    /** Options of a {@link CsdLoss}. */
    public static final class Builder {

        private GaussianPairOutputs outputs = GaussianPairOutputs.DEFAULT;
        private float vibBeta = SoftContrastiveLoss.DEFAULT_VIB_BETA;

        private Builder() {}

        /**
         * Sets the outputs read.
         *
         * @param outputs the Gaussians' and a's and b's names; default {@link
         *     GaussianPairOutputs#DEFAULT}
         * @return this builder
         */
        public Builder optOutputs(GaussianPairOutputs outputs) {
            this.outputs = Objects.requireNonNull(outputs, "outputs");
            return this;
        }

        /**
         * Sets the KL weight; 0 leaves the term out.
         *
         * @param vibBeta &ge; 0; default 1e-4 (PCME++'s)
         * @return this builder
         */
        public Builder optVibBeta(float vibBeta) {
            this.vibBeta = Outputs.weight(vibBeta, "vibBeta");
            return this;
        }

        /**
         * Builds the objective.
         *
         * @return the objective
         */
        public CsdLoss build() {
            return new CsdLoss(this);
        }
    }
}
