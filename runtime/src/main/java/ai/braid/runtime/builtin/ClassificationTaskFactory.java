package ai.braid.runtime.builtin;

import ai.braid.api.UserInputException;
import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.data.TargetSpec;
import ai.braid.api.spi.Task;
import ai.braid.api.spi.TaskContext;
import ai.braid.api.spi.TaskFactory;

/**
 * Single-label classification of the fused vector into a dataset's categorical target. The
 * task outputs {@code logits (B, C)} and {@code embedding (B, D)}; see {@link
 * ClassificationTask}.
 */
public final class ClassificationTaskFactory implements TaskFactory {

    private static final OptionSchema OPTIONS = OptionSchema.builder()
            .addString("target", "label", "the dataset's categorical target to predict")
            .addInteger("hidden", 0, 0, 1 << 16,
                    "hidden width of the classifier; 0: a linear layer on the pooled vector")
            .addNumber("dropout", 0.0, 0, 0.99,
                    "dropout on the pooled vector and after the hidden layer")
            .addBoolean("modalityEmbeddings", false,
                    "also output each modality's pooled vector as embedding.<modality>, for a"
                            + " cross-modal contrastive objective next to cross-entropy; needs a"
                            + " fusion that keeps them (transformer, multiway)")
            .build();

    @Override
    public String name() {
        return "classification";
    }

    @Override
    public String description() {
        return "single-label classification: linear or MLP head, cross-entropy, accuracy and F1";
    }

    @Override
    public OptionSchema options() {
        return OPTIONS;
    }

    @Override
    public Task create(ComponentConfig config, TaskContext context) {
        String target = config.getString("target");
        TargetSpec spec = context.dataset().targets().stream()
                .filter(candidate -> candidate.name().equals(target))
                .findFirst()
                .orElseThrow(() -> new UserInputException(config.where("target")
                        + ": the dataset has no target '" + target + "'; it has "
                        + context.dataset().targets().stream().map(TargetSpec::name).toList()));
        if (spec.classes().size() < 2) {
            throw new UserInputException(config.where("target") + ": target '" + target
                    + "' needs at least two class names, the dataset gives " + spec.classes());
        }
        return new ClassificationTask(target, spec.classes(), config.getInt("hidden"),
                config.getFloat("dropout"), context.modalities(),
                config.getBoolean("modalityEmbeddings"));
    }
}
