package ai.braid.runtime.builtin;

import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.objective.CrossEntropy;
import ai.braid.api.spi.Objective;
import ai.braid.api.spi.ObjectiveFactory;

/**
 * Softmax cross-entropy between class logits and integer labels: {@code logits (B, C)} with
 * {@code label (B)}, or per position {@code (B, L, C)} with {@code (B, L)} and an optional
 * {@code (B, L)} mask target. The loss term is named {@code cross-entropy}.
 */
public final class CrossEntropyObjectiveFactory implements ObjectiveFactory {

    private static final OptionSchema OPTIONS = OptionSchema.builder()
            .addString("output", "logits",
                    "model output holding the class logits (B, C) or (B, L, C)")
            .addString("target", "label", "target holding the class indices (B) or (B, L)")
            .addString("mask", "",
                    "target holding a (B, L) mask of the positions that count; empty: all count")
            .build();

    @Override
    public String name() {
        return "cross-entropy";
    }

    @Override
    public String description() {
        return "softmax cross-entropy of class logits against integer labels, optionally masked";
    }

    @Override
    public OptionSchema options() {
        return OPTIONS;
    }

    @Override
    public Objective create(ComponentConfig config) {
        CrossEntropy.Builder builder = CrossEntropy.builder()
                .optTermName(name())
                .optLogits(OptionChecks.name(config, "output"))
                .optLabels(OptionChecks.name(config, "target"));
        OptionChecks.optionalName(config, "mask").ifPresent(builder::optMask);
        return builder.build();
    }
}
