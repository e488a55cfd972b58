package ai.braid.plugin.betavae.objective;

import ai.braid.api.UserInputException;
import ai.braid.api.data.LossTerm;
import ai.braid.api.nn.Scalars;
import ai.braid.api.objective.GaussianKl;
import ai.braid.api.spi.Objective;
import ai.braid.plugin.betavae.model.BetaVaeHead;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The negative beta-ELBO of Higgins et al. (2017), the loss of a beta-VAE:
 *
 * <pre>
 * L = E_q[-log p(x | z)] + beta * KL(q(z | x) || N(0, I))
 * </pre>
 *
 * <p>with one sample of z per image (the head's reparameterised code). beta = 1 is the plain
 * VAE's negative ELBO. With a {@link CapacitySchedule} the KL part becomes {@code gamma * |KL -
 * C(step)|} (Burgess et al. 2018).
 *
 * <p>Reads the outputs {@code reconstruction (B, P)} (pixel logits), {@code mu (B, Z)}, {@code
 * logvar (B, Z)} and the target {@code pixels (B, P)} in [0, 1]. Terms: {@value #RECONSTRUCTION}
 * (the negative log-likelihood summed over pixels, averaged over the batch) and {@value
 * #BETA_KL} ({@code beta * KL}) or {@value #CAPACITY} ({@code gamma * |KL - C|}); the KL is
 * summed over latent units and averaged over the batch.
 */
public final class BetaElbo implements Objective {

    /** The target holding the image pixels. */
    public static final String PIXELS = "pixels";
    /** The reconstruction term's name. */
    public static final String RECONSTRUCTION = "reconstruction";
    /** The weighted KL term's name. */
    public static final String BETA_KL = "beta-kl";
    /** The capacity term's name. */
    public static final String CAPACITY = "capacity";

    private final float beta;
    private final PixelLikelihood likelihood;
    private final CapacitySchedule capacity;
    private final GaussianKl kl = GaussianKl.builder().optTermName("kl").build();
    private long step;

    private BetaElbo(Builder builder) {
        this.beta = builder.beta;
        this.likelihood = builder.likelihood;
        this.capacity = builder.capacity;
    }

    /**
     * Starts a builder: beta 4, Bernoulli pixels, no capacity.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Set<String> requiredOutputs() {
        return Set.of(BetaVaeHead.MU, BetaVaeHead.LOG_VARIANCE, BetaVaeHead.RECONSTRUCTION);
    }

    @Override
    public Set<String> requiredTargets() {
        return Set.of(PIXELS);
    }

    @Override
    public void beginStep(long step) {
        this.step = step;
    }

    /**
     * Computes the terms of one batch.
     *
     * @param outputs holds reconstruction (B, P), mu (B, Z) and logvar (B, Z)
     * @param targets holds pixels (B, P)
     * @return the reconstruction term and the (weighted or capacity) KL term, shape () each
     * @throws UserInputException if an array is missing or the shapes differ
     */
    @Override
    public List<LossTerm> compute(NDList outputs, NDList targets) {
        NDArray logits = find(outputs, BetaVaeHead.RECONSTRUCTION, "output");
        NDArray pixels = find(targets, PIXELS, "target");
        if (!logits.getShape().equals(pixels.getShape())) {
            throw new UserInputException("beta-elbo: the decoder gives " + logits.getShape()
                    + " pixel logits but the target pixels are " + pixels.getShape()
                    + "; the task's imageSize and channels must match the projector's");
        }
        List<LossTerm> terms = new ArrayList<>(2);
        terms.add(new LossTerm(RECONSTRUCTION, likelihood.negativeLogLikelihood(logits, pixels)));
        NDArray divergence = kl.compute(outputs, targets).get(0).value();
        if (capacity == null) {
            terms.add(new LossTerm(BETA_KL, Scalars.mul(divergence, beta)));
        } else {
            NDArray gap = divergence.sub((float) capacity.at(step)).abs();
            terms.add(new LossTerm(CAPACITY, Scalars.mul(gap, (float) capacity.gamma())));
        }
        return terms;
    }

    private static NDArray find(NDList list, String name, String kind) {
        NDArray array = list.get(name);
        if (array == null) {
            List<String> names = new ArrayList<>();
            list.forEach(a -> names.add(a.getName()));
            throw new UserInputException("beta-elbo needs the " + kind + " '" + name
                    + "'; the model gives " + names);
        }
        return array;
    }

    /** Options of a {@link BetaElbo}. */
    public static final class Builder {

        private float beta = 4f;
        private PixelLikelihood likelihood = PixelLikelihood.BERNOULLI;
        private CapacitySchedule capacity;

        Builder() {}

        /**
         * Sets the KL weight beta; 1 gives the plain VAE.
         *
         * @param beta a non-negative weight
         * @return this builder
         */
        public Builder optBeta(float beta) {
            if (!(beta >= 0)) {
                throw new IllegalArgumentException("beta must be non-negative, got " + beta);
            }
            this.beta = beta;
            return this;
        }

        /**
         * Sets the decoder's pixel distribution.
         *
         * @param likelihood Bernoulli or Gaussian
         * @return this builder
         */
        public Builder optLikelihood(PixelLikelihood likelihood) {
            this.likelihood = Objects.requireNonNull(likelihood, "likelihood");
            return this;
        }

        /**
         * Replaces {@code beta * KL} by the capacity penalty {@code gamma * |KL - C(step)|}.
         *
         * @param capacity the schedule
         * @return this builder
         */
        public Builder optCapacity(CapacitySchedule capacity) {
            this.capacity = Objects.requireNonNull(capacity, "capacity");
            return this;
        }

        /**
         * Builds the objective.
         *
         * @return the objective
         */
        public BetaElbo build() {
            return new BetaElbo(this);
        }
    }
}
