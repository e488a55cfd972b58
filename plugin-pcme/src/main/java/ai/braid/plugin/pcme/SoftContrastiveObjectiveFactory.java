package ai.braid.plugin.pcme;

import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.spi.Objective;
import ai.braid.api.spi.ObjectiveFactory;
import ai.braid.plugin.pcme.model.PcmeOutputs;
import ai.braid.plugin.pcme.objective.PairReduction;
import ai.braid.plugin.pcme.objective.SoftContrastiveLoss;
import java.util.List;
import java.util.Objects;

/**
 * The objective {@value SoftContrastiveLoss#NAME}: PCME's Monte-Carlo soft contrastive loss
 * ({@link SoftContrastiveLoss}), with the terms {@code soft-contrastive}, {@code kl} (when
 * {@code vibBeta > 0}) and {@code uniformity} (when {@code uniformityWeight > 0}).
 *
 * <pre>
 * objectives:
 *   - { name: pcme }                                       # sum, vibBeta 1e-4, no uniformity
 *   - { name: pcme, vibBeta: 0.001, uniformityWeight: 10 } # the paper's CUB weights
 *   - { name: pcme, reduction: mean }                      # same balance, / B^2
 * </pre>
 */
public final class SoftContrastiveObjectiveFactory implements ObjectiveFactory {

    private static final OptionSchema OPTIONS = ObjectiveOptions.addVibBeta(
            ObjectiveOptions.addGaussianOutputs(OptionSchema.builder()
                    .addString("samplesA", PcmeOutputs.SAMPLES_A,
                            "model output holding the image samples (B, J, D)")
                    .addString("samplesB", PcmeOutputs.SAMPLES_B,
                            "model output holding the text samples (B, J, D)")),
            "weight of the KL to N(0, I) summed over batch and dimensions; 0 = off")
            .addNumber("uniformityWeight", 0.0, 0, 1e6,
                    "weight of the uniformity loss over all samples; 0 = off (10 on CUB)")
            .addChoice("reduction", PairReduction.SUM.toString(),
                    List.of(PairReduction.SUM.toString(), PairReduction.MEAN.toString()),
                    "sum: the reference code's loss over the B x B pairs; mean: every term"
                            + " divided by B^2, same balance between the terms")
            .build();

    @Override
    public String name() {
        return SoftContrastiveLoss.NAME;
    }

    @Override
    public String description() {
        return "PCME soft contrastive loss over Monte-Carlo samples of Gaussian image and text"
                + " embeddings, with KL and uniformity regularisers";
    }

    @Override
    public OptionSchema options() {
        return OPTIONS;
    }

    @Override
    public Objective create(ComponentConfig config) {
        Objects.requireNonNull(config, "config");
        return SoftContrastiveLoss.builder()
                .optSamples(ObjectiveOptions.name(config, "samplesA"),
                        ObjectiveOptions.name(config, "samplesB"))
                .optOutputs(ObjectiveOptions.gaussianOutputs(config))
                .optReduction(PairReduction.of(config.getString("reduction")))
                .optVibBeta(config.getFloat("vibBeta"))
                .optUniformityWeight(config.getFloat("uniformityWeight"))
                .build();
    }
}
