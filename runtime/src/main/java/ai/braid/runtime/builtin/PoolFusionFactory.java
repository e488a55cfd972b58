package ai.braid.runtime.builtin;

import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.data.Modality;
import ai.braid.api.spi.FusionBlock;
import ai.braid.api.spi.FusionBlockFactory;
import java.util.List;
import java.util.Map;

/**
 * Parameter-free late fusion: each modality's tokens are mean-pooled under their mask and the
 * pooled vectors are concatenated, without a projection. The pooled width is the sum of the
 * projectors' widths. For pipelines whose head must see the projectors' output unchanged, for
 * example a head that reads a distribution's parameters from a single encoder projector, or
 * one that embeds each modality on its own from its tokens (the output keeps them).
 */
public final class PoolFusionFactory implements FusionBlockFactory {

    @Override
    public String name() {
        return "pool";
    }

    @Override
    public String description() {
        return "masked mean per modality, concatenated, and each modality's tokens kept for"
                + " heads that embed modalities separately; no parameters";
    }

    @Override
    public OptionSchema options() {
        return OptionSchema.EMPTY;
    }

    @Override
    public FusionBlock create(
            ComponentConfig config, List<Modality> modalities, Map<Modality, Integer> dims) {
        int width = 0;
        for (Modality modality : modalities) {
            Integer dim = dims.get(modality);
            if (dim == null) {
                throw new IllegalArgumentException("no width given for modality '" + modality
                        + "'; widths: " + dims);
            }
            width += dim;
        }
        return FusionBlock.of(new PoolFusionBlock(modalities), width);
    }
}
