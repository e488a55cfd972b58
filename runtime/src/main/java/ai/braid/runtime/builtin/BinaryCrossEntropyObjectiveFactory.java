package ai.braid.runtime.builtin;

import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.objective.BinaryCrossEntropy;
import ai.braid.api.spi.Objective;
import ai.braid.api.spi.ObjectiveFactory;

/**
 * Sigmoid binary cross-entropy of logits {@code (B)} or {@code (B, K)} against 0/1 targets of
 * the same shape, averaged over every element. The loss term is named {@code
 * binary-cross-entropy}.
 */
public final class BinaryCrossEntropyObjectiveFactory implements ObjectiveFactory {

    private static final OptionSchema OPTIONS = OptionSchema.builder()
            .addString("output", "logits", "model output holding the logits (B) or (B, K)")
            .addString("target", "label", "target holding the 0/1 labels, shaped as the logits")
            .build();

    @Override
    public String name() {
        return "binary-cross-entropy";
    }

    @Override
    public String description() {
        return "sigmoid binary cross-entropy of logits against 0/1 targets";
    }

    @Override
    public OptionSchema options() {
        return OPTIONS;
    }

    @Override
    public Objective create(ComponentConfig config) {
        return BinaryCrossEntropy.builder()
                .optTermName(name())
                .optLogits(OptionChecks.name(config, "output"))
                .optLabels(OptionChecks.name(config, "target"))
                .build();
    }
}
