package ai.braid.plugin.ssesf.pretrain;

import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.spi.Objective;
import ai.braid.api.spi.ObjectiveFactory;

/**
 * The objective {@value #NAME}: masked language modelling with an in-batch sampled softmax
 * over word-piece embeddings ({@link MaskedTokenLoss}), on the outputs of {@code
 * image-text-pretraining}. The term is logged as {@code loss/mlm}.
 */
public final class MlmObjectiveFactory implements ObjectiveFactory {

    /** The name pipeline files use. */
    public static final String NAME = "mlm";

    private static final OptionSchema OPTIONS = OptionSchema.builder()
            .addString("logits", PretrainingHead.MLM_LOGITS, "output holding each masked"
                    + " slot's logits against the batch's masked input tokens (B, K, B K)")
            .addString("positives", PretrainingHead.MLM_POSITIVES, "output marking the correct"
                    + " answers (B, K, B K)")
            .addString("valid", PretrainingHead.MLM_VALID, "output marking the used slots"
                    + " (B, K)")
            .build();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "masked language modelling with an in-batch sampled softmax over the masked"
                + " word pieces' embeddings (multi-positive)";
    }

    @Override
    public OptionSchema options() {
        return OPTIONS;
    }

    @Override
    public Objective create(ComponentConfig config) {
        return new MaskedTokenLoss(NAME, ObjectiveNames.required(config, "logits"),
                ObjectiveNames.required(config, "positives"),
                ObjectiveNames.required(config, "valid"));
    }
}
