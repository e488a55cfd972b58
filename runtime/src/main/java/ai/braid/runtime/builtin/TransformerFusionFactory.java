package ai.braid.runtime.builtin;

import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.EncoderOptions;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.data.Modality;
import ai.braid.api.nn.NormPlacement;
import ai.braid.api.spi.FusionBlock;
import ai.braid.api.spi.FusionBlockFactory;
import ai.djl.nn.Block;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Early fusion by self-attention: every modality's tokens, projected to {@code dim} and tagged
 * with a learned modality-type embedding, are concatenated behind a learned fusion [CLS] token
 * and run through a standard transformer encoder. The pooled vector is the final [CLS]; the
 * fused sequence, its mask, each layer's attention maps and each modality's masked mean are
 * kept too. See {@link TransformerFusionBlock}.
 */
public final class TransformerFusionFactory implements FusionBlockFactory {

    private static final OptionSchema OPTIONS = EncoderOptions.declare(OptionSchema.builder())
            .addChoice("norm", "pre", List.of("pre", "post"),
                    "LayerNorm placement: pre (stable without warm-up) or post (BERT)")
            .build();

    @Override
    public String name() {
        return "transformer";
    }

    @Override
    public String description() {
        return "transformer encoder over all modalities' tokens behind a fusion [CLS] token";
    }

    @Override
    public OptionSchema options() {
        return OPTIONS;
    }

    @Override
    public FusionBlock create(
            ComponentConfig config, List<Modality> modalities, Map<Modality, Integer> dims) {
        EncoderOptions encoder = EncoderOptions.read(config);
        Block block = new TransformerFusionBlock(modalities, dims, encoder,
                NormPlacement.valueOf(config.getString("norm").toUpperCase(Locale.ROOT)));
        return FusionBlock.of(block, encoder.dim());
    }
}
