package ai.braid.runtime.builtin;

import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.objective.GaussianKl;
import ai.braid.api.spi.Objective;
import ai.braid.api.spi.ObjectiveFactory;

/**
 * KL divergence of the diagonal Gaussian posterior {@code N(mu, exp(logvar))} from the standard
 * normal, summed over latent dimensions and averaged over the batch (the VAE regulariser). The
 * loss term is named {@code gaussian-kl}.
 */
public final class GaussianKlObjectiveFactory implements ObjectiveFactory {

    private static final OptionSchema OPTIONS = OptionSchema.builder()
            .addString("mu", "mu", "model output holding the posterior means (B, D)")
            .addString("logvar", "logvar", "model output holding the log-variances (B, D)")
            .addBoolean("logSigma", false,
                    "the logvar output holds log standard deviations instead of log-variances")
            .build();

    @Override
    public String name() {
        return "gaussian-kl";
    }

    @Override
    public String description() {
        return "KL divergence of a diagonal Gaussian posterior from the standard normal prior";
    }

    @Override
    public OptionSchema options() {
        return OPTIONS;
    }

    @Override
    public Objective create(ComponentConfig config) {
        GaussianKl.Builder builder = GaussianKl.builder()
                .optTermName(name())
                .optMean(OptionChecks.name(config, "mu"));
        String spread = OptionChecks.name(config, "logvar");
        if (config.getBoolean("logSigma")) {
            builder.optLogSigma(spread);
        } else {
            builder.optLogVariance(spread);
        }
        return builder.build();
    }
}
