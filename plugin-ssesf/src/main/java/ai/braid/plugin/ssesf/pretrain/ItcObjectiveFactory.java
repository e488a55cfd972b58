package ai.braid.plugin.ssesf.pretrain;

import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.objective.InfoNce;
import ai.braid.api.objective.LogitScale;
import ai.braid.api.spi.Objective;
import ai.braid.api.spi.ObjectiveFactory;

/**
 * The objective {@value #NAME}: image-text contrast, the symmetric InfoNCE of {@link InfoNce}
 * on the outputs of {@code image-text-pretraining} ({@code itc_a}, {@code itc_b} and the
 * learned {@code logit_scale}). The built-in {@code info-nce} computes the same with options
 * {@code a: itc_a, b: itc_b, logitScale: logit_scale}; this one has them as defaults, so the
 * task can name it among its default objectives, and logs the term as {@code loss/itc}.
 */
public final class ItcObjectiveFactory implements ObjectiveFactory {

    /** The name pipeline files use. */
    public static final String NAME = "itc";

    private static final OptionSchema OPTIONS = OptionSchema.builder()
            .addString("a", PretrainingHead.ITC_A, "output holding the first modality's"
                    + " vectors (B, D)")
            .addString("b", PretrainingHead.ITC_B, "output holding the second modality's"
                    + " vectors (B, D); row i pairs with row i of a")
            .addString("logitScale", PretrainingHead.LOGIT_SCALE, "output holding the learned"
                    + " logit scale (1); empty: 1 / temperature")
            .addNumber("temperature", (double) LogitScale.DEFAULT_TEMPERATURE, 1e-4, 100,
                    "fixed temperature, used when logitScale is empty")
            .build();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "image-text contrast (symmetric InfoNCE) of image-text-pretraining's unimodal"
                + " vectors";
    }

    @Override
    public OptionSchema options() {
        return OPTIONS;
    }

    @Override
    public Objective create(ComponentConfig config) {
        InfoNce.Builder builder = InfoNce.builder()
                .optTermName(NAME)
                .optOutputs(ObjectiveNames.required(config, "a"),
                        ObjectiveNames.required(config, "b"))
                .optTemperature(config.getFloat("temperature"));
        ObjectiveNames.optional(config, "logitScale").ifPresent(builder::optLogitScale);
        return builder.build();
    }
}
