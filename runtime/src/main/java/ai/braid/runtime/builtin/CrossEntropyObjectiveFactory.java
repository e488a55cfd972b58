package ai.braid.runtime.builtin;

import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.data.LossTerm;
import ai.braid.api.spi.Objective;
import ai.braid.api.spi.ObjectiveFactory;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import java.util.List;
import java.util.Set;

/** Softmax cross-entropy between class logits (B, C) and integer labels (B). */
public final class CrossEntropyObjectiveFactory implements ObjectiveFactory {

    private static final OptionSchema OPTIONS = OptionSchema.builder()
            .addString("output", "logits", "model output holding the class logits (B, C)")
            .addString("target", "label", "target holding the class indices (B)")
            .build();

    @Override
    public String name() {
        return "cross-entropy";
    }

    @Override
    public String description() {
        return "softmax cross-entropy of class logits against integer labels";
    }

    @Override
    public OptionSchema options() {
        return OPTIONS;
    }

    @Override
    public Objective create(ComponentConfig config) {
        String output = config.getString("output");
        String target = config.getString("target");
        SoftmaxCrossEntropyLoss loss = new SoftmaxCrossEntropyLoss(name());
        return new Objective() {
            @Override
            public Set<String> requiredOutputs() {
                return Set.of(output);
            }

            @Override
            public Set<String> requiredTargets() {
                return Set.of(target);
            }

            @Override
            public List<LossTerm> compute(NDList outputs, NDList targets) {
                return List.of(new LossTerm(name(), loss.evaluate(
                        new NDList(targets.get(target)), new NDList(outputs.get(output)))));
            }
        };
    }
}
