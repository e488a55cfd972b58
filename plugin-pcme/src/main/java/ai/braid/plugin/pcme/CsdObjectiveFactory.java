package ai.braid.plugin.pcme;

import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.spi.Objective;
import ai.braid.api.spi.ObjectiveFactory;
import ai.braid.plugin.pcme.objective.CsdLoss;
import java.util.Objects;

/**
 * The objective {@value CsdLoss#NAME}: PCME++'s binary cross-entropy on the closed-form sampled
 * distance ({@link CsdLoss}), with the terms {@code csd} and {@code kl} (when {@code vibBeta >
 * 0}). It reads only the means and log sigmas, so the head needs no samples for it.
 *
 * <pre>
 * objectives:
 *   - { name: pcme-csd }
 *   - { name: pcme-csd, vibBeta: 0 }
 * </pre>
 */
public final class CsdObjectiveFactory implements ObjectiveFactory {

    private static final OptionSchema OPTIONS = ObjectiveOptions.addVibBeta(
            ObjectiveOptions.addGaussianOutputs(OptionSchema.builder()),
            "weight of the KL to N(0, I) averaged over batch and dimensions; 0 = off")
            .build();

    @Override
    public String name() {
        return CsdLoss.NAME;
    }

    @Override
    public String description() {
        return "PCME++ binary cross-entropy on the closed-form sampled distance between Gaussian"
                + " image and text embeddings, with a KL regulariser";
    }

    @Override
    public OptionSchema options() {
        return OPTIONS;
    }

    @Override
    public Objective create(ComponentConfig config) {
        Objects.requireNonNull(config, "config");
        return CsdLoss.builder()
                .optOutputs(ObjectiveOptions.gaussianOutputs(config))
                .optVibBeta(config.getFloat("vibBeta"))
                .build();
    }
}
