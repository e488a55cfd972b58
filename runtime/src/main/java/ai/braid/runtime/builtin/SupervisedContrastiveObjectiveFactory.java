package ai.braid.runtime.builtin;

import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.objective.SupervisedContrastive;
import ai.braid.api.spi.Objective;
import ai.braid.api.spi.ObjectiveFactory;

/**
 * Supervised contrastive loss (Khosla et al., 2020) on an embedding output {@code (B, D)} with
 * class labels {@code (B)}: samples of one class are pulled together, others pushed apart. The
 * loss term is named {@code supcon}.
 */
public final class SupervisedContrastiveObjectiveFactory implements ObjectiveFactory {

    private static final OptionSchema OPTIONS = OptionSchema.builder()
            .addString("output", "embedding", "model output holding the features (B, D)")
            .addString("target", "label", "target holding the class labels (B)")
            .addString("secondView", "",
                    "model output holding a second view (B, D) of the same samples; empty: none")
            .addNumber("temperature", 0.07, 1e-4, 100, "temperature tau")
            .build();

    @Override
    public String name() {
        return "supcon";
    }

    @Override
    public String description() {
        return "supervised contrastive loss on an embedding output and class labels";
    }

    @Override
    public OptionSchema options() {
        return OPTIONS;
    }

    @Override
    public Objective create(ComponentConfig config) {
        SupervisedContrastive.Builder builder = SupervisedContrastive.builder()
                .optTermName(name())
                .optFeatures(OptionChecks.name(config, "output"))
                .optLabels(OptionChecks.name(config, "target"))
                .optTemperature(config.getFloat("temperature"));
        OptionChecks.optionalName(config, "secondView").ifPresent(builder::optSecondView);
        return builder.build();
    }
}
