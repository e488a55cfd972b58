package ai.braid.runtime.builtin;

import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.objective.InfoNce;
import ai.braid.api.objective.LogitScale;
import ai.braid.api.spi.Objective;
import ai.braid.api.spi.ObjectiveFactory;

/**
 * Symmetric InfoNCE between two paired embedding outputs {@code a (B, D)} and {@code b (B, D)}
 * (CLIP's image-text contrast). The logit scale is either a task output written by a {@link
 * LogitScale} block (a learned temperature) or the fixed {@code 1 / temperature}. The loss term
 * is named {@code info-nce}.
 */
public final class InfoNceObjectiveFactory implements ObjectiveFactory {

    private static final OptionSchema OPTIONS = OptionSchema.builder()
            .addString("a", "embedding_a", "model output holding the first embeddings (B, D)")
            .addString("b", "embedding_b",
                    "model output holding the second embeddings (B, D); row i pairs with row i of a")
            .addString("logitScale", "",
                    "model output holding a learned logit scale (1), e.g. "
                            + LogitScale.DEFAULT_OUTPUT + "; empty: use 1 / temperature")
            .addNumber("temperature", (double) LogitScale.DEFAULT_TEMPERATURE, 1e-4, 100,
                    "fixed temperature tau, used when no logitScale output is named")
            .build();

    @Override
    public String name() {
        return "info-nce";
    }

    @Override
    public String description() {
        return "symmetric InfoNCE (CLIP contrast) between two paired embedding outputs";
    }

    @Override
    public OptionSchema options() {
        return OPTIONS;
    }

    @Override
    public Objective create(ComponentConfig config) {
        InfoNce.Builder builder = InfoNce.builder()
                .optTermName(name())
                .optOutputs(OptionChecks.name(config, "a"), OptionChecks.name(config, "b"))
                .optTemperature(config.getFloat("temperature"));
        OptionChecks.optionalName(config, "logitScale").ifPresent(builder::optLogitScale);
        return builder.build();
    }
}
