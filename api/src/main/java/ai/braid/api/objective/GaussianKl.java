package ai.braid.api.objective;

import ai.braid.api.data.LossTerm;
import ai.braid.api.nn.Scalars;
import ai.braid.api.spi.Objective;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.List;
import java.util.Set;

/**
 * KL divergence of a diagonal Gaussian posterior from the standard normal prior, the VAE
 * regulariser.
 *
 * <pre>
 * KL(N(mu, exp(logvar)) || N(0, I)) = 0.5 * sum_d (mu_d^2 + exp(logvar_d) - logvar_d - 1)
 * </pre>
 *
 * <p>Reads {@code mu (B, D)} and {@code logvar (B, D)}; the term is the sum over the D latent
 * dimensions, averaged over the batch. A head that outputs {@code log sigma} instead (PCME) sets
 * {@link Builder#optLogSigma} and {@code logvar = 2 log sigma} is used.
 */
public final class GaussianKl implements Objective {

    private final String termName;
    private final String mean;
    private final String logSpread;
    private final boolean logSigma;

    private GaussianKl(Builder builder) {
        this.termName = builder.termName;
        this.mean = builder.mean;
        this.logSpread = builder.logSpread;
        this.logSigma = builder.logSigma;
    }

    /**
     * Starts a KL term reading outputs {@code mu} and {@code logvar}, producing the term {@code
     * kl}.
     *
     * @return a builder with those defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Set<String> requiredOutputs() {
        return Set.of(mean, logSpread);
    }

    @Override
    public Set<String> requiredTargets() {
        return Set.of();
    }

    /**
     * Computes the KL summed over latent dimensions and averaged over the batch.
     *
     * @param outputs holds mu (B, D) and logvar (or log sigma) (B, D)
     * @param targets unused
     * @return one term, shape ()
     * @throws ai.braid.api.UserInputException if the shapes differ
     */
    @Override
    public List<LossTerm> compute(NDList outputs, NDList targets) {
        NDArray perElement = perElement(outputs);
        return List.of(new LossTerm(termName, perElement.sum(new int[] {1}).mean()));
    }

    /**
     * Returns the KL of each latent dimension averaged over the batch, for plots of which
     * dimensions carry information. The result keeps the graph; detach it for logging.
     *
     * @param outputs holds mu (B, D) and logvar (or log sigma) (B, D)
     * @return (D) per-dimension KL; its sum is the loss term
     * @throws ai.braid.api.UserInputException if the shapes differ
     */
    public NDArray perDimension(NDList outputs) {
        return perElement(outputs).mean(new int[] {0});
    }

    private NDArray perElement(NDList outputs) {
        NDArray mu = NamedArrays.output(outputs, mean, termName);
        NDArray spread = NamedArrays.output(outputs, logSpread, termName);
        NamedArrays.requireAxes(mu, 2, "output '" + mean + "' (B, D)");
        NamedArrays.requireShape(mu.getShape(), spread, "output '" + logSpread + "'");
        NDArray logVariance = logSigma ? Scalars.mul(spread, 2f) : spread;
        return Scalars.mul(mu.square().add(logVariance.exp()).sub(logVariance).sub(1f), 0.5f);
    }

    /** Options of a {@link GaussianKl}. */
    public static final class Builder {

        private String termName = "kl";
        private String mean = "mu";
        private String logSpread = "logvar";
        private boolean logSigma;

        private Builder() {}

        /**
         * Sets the name of the loss term.
         *
         * @param termName default {@code "kl"}
         * @return this builder
         */
        public Builder optTermName(String termName) {
            this.termName = NamedArrays.name(termName, "termName");
            return this;
        }

        /**
         * Sets the output holding the posterior means.
         *
         * @param mean output name of mu (B, D); default {@code "mu"}
         * @return this builder
         */
        public Builder optMean(String mean) {
            this.mean = NamedArrays.name(mean, "mean");
            return this;
        }

        /**
         * Sets the output holding the log-variances.
         *
         * @param logVariance output name of logvar (B, D); default {@code "logvar"}
         * @return this builder
         */
        public Builder optLogVariance(String logVariance) {
            this.logSpread = NamedArrays.name(logVariance, "logVariance");
            this.logSigma = false;
            return this;
        }

        /**
         * Reads log standard deviations instead of log-variances.
         *
         * @param logSigma output name of log sigma (B, D)
         * @return this builder
         */
        public Builder optLogSigma(String logSigma) {
            this.logSpread = NamedArrays.name(logSigma, "logSigma");
            this.logSigma = true;
            return this;
        }

        /**
         * Builds the objective.
         *
         * @return the objective
         */
        public GaussianKl build() {
            return new GaussianKl(this);
        }
    }
}
