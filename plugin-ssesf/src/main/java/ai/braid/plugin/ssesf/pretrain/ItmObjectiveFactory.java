package ai.braid.plugin.ssesf.pretrain;

import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.objective.CrossEntropy;
import ai.braid.api.spi.Objective;
import ai.braid.api.spi.ObjectiveFactory;

/**
 * The objective {@value #NAME}: image-text matching, the masked cross-entropy of {@link
 * CrossEntropy} on {@code image-text-pretraining}'s {@code itm_logits (B, 2, 2)} (each sample's
 * matched pair and its hard negative) against {@code itm_label (B, 2)}, counting the pairs of
 * {@code itm_mask} (a batch of one sample has no negative). The built-in {@code cross-entropy}
 * computes the same with options {@code output: itm_logits, target: itm_label, mask:
 * itm_mask}; this one has them as defaults and logs the term as {@code loss/itm}.
 */
public final class ItmObjectiveFactory implements ObjectiveFactory {

    /** The name pipeline files use. */
    public static final String NAME = "itm";

    private static final OptionSchema OPTIONS = OptionSchema.builder()
            .addString("output", PretrainingHead.ITM_LOGITS, "output holding the match logits"
                    + " (B, L, 2)")
            .addString("target", ImageTextPretrainingTask.ITM_LABEL, "target holding the"
                    + " labels (B, L), 1 = match")
            .addString("mask", ImageTextPretrainingTask.ITM_MASK, "target holding the (B, L)"
                    + " mask of the pairs that count; empty: all count")
            .build();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "image-text matching (cross-entropy of matched pairs against in-batch hard"
                + " negatives) of image-text-pretraining";
    }

    @Override
    public OptionSchema options() {
        return OPTIONS;
    }

    @Override
    public Objective create(ComponentConfig config) {
        CrossEntropy.Builder builder = CrossEntropy.builder()
                .optTermName(NAME)
                .optLogits(ObjectiveNames.required(config, "output"))
                .optLabels(ObjectiveNames.required(config, "target"));
        ObjectiveNames.optional(config, "mask").ifPresent(builder::optMask);
        return builder.build();
    }
}
