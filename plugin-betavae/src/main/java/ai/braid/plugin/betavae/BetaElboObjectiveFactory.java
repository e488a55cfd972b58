package ai.braid.plugin.betavae;

import ai.braid.api.UserInputException;
import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.spi.Objective;
import ai.braid.api.spi.ObjectiveFactory;
import ai.braid.plugin.betavae.objective.BetaElbo;
import ai.braid.plugin.betavae.objective.CapacitySchedule;
import ai.braid.plugin.betavae.objective.PixelLikelihood;
import java.util.List;
import java.util.Objects;

/**
 * The objective {@value #NAME}: the negative beta-ELBO ({@link BetaElbo}).
 *
 * <pre>
 * objectives:
 *   - { name: beta-elbo, beta: 4, likelihood: bernoulli }
 *   - { name: beta-elbo, likelihood: bernoulli, capacity: 25, capacitySteps: 100000, gamma: 1000 }
 * </pre>
 *
 * <p>{@code beta: 1} is the plain VAE. A positive {@code capacity} switches to the
 * capacity-controlled form of Burgess et al. (2018), where beta is not used.
 */
public final class BetaElboObjectiveFactory implements ObjectiveFactory {

    /** The name pipeline files use. */
    public static final String NAME = "beta-elbo";

    private static final OptionSchema OPTIONS = OptionSchema.builder()
            .addNumber("beta", 4.0, 0, 1e6, "weight of the KL term; 1 = the plain VAE")
            .addChoice("likelihood", "bernoulli", List.of("bernoulli", "gaussian"),
                    "pixel distribution of the decoder: bernoulli (sigmoid cross-entropy) or"
                    + " gaussian (unit variance around sigmoid(logits))")
            .addNumber("capacity", 0.0, 0, 1e6, "final KL capacity C in nats of the"
                    + " gamma * |KL - C| form; 0 = off, use beta * KL")
            .addInteger("capacitySteps", 100_000, 1, Integer.MAX_VALUE,
                    "training steps over which C rises linearly from 0")
            .addNumber("gamma", 1000.0, 0, 1e9, "weight of |KL - C| when capacity is on")
            .build();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "negative beta-ELBO: pixel reconstruction + beta * KL (Bernoulli or Gaussian"
                + " decoder), or the capacity form gamma * |KL - C|";
    }

    @Override
    public OptionSchema options() {
        return OPTIONS;
    }

    @Override
    public Objective create(ComponentConfig config) {
        Objects.requireNonNull(config, "config");
        BetaElbo.Builder builder = BetaElbo.builder()
                .optBeta(config.getFloat("beta"))
                .optLikelihood(PixelLikelihood.of(config.getString("likelihood"),
                        config.where("likelihood")));
        double capacity = config.getDouble("capacity");
        if (capacity > 0) {
            if (!(config.getDouble("gamma") > 0)) {
                throw new UserInputException(config.where("gamma")
                        + ": the capacity form needs a positive gamma, got "
                        + config.getDouble("gamma"));
            }
            builder.optCapacity(new CapacitySchedule(capacity, config.getInt("capacitySteps"),
                    config.getDouble("gamma")));
        }
        return builder.build();
    }
}
