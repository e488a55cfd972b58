package ai.braid.runtime.builtin;

import ai.braid.api.UserInputException;
import ai.braid.api.config.ComponentConfig;
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

    private static final OptionSchema OPTIONS = OptionSchema.builder()
            .addInteger("dim", 64, 1, 1 << 16, "width of the fused tokens, a multiple of heads")
            .addInteger("layers", 2, 1, 48, "number of encoder layers")
            .addInteger("heads", 4, 1, 256, "attention heads per layer; must divide dim")
            .addInteger("ffnDim", 0, 0, 1 << 18,
                    "inner width of the feed-forward networks; 0: 4 * dim")
            .addNumber("dropout", 0.1, 0, 0.99, "dropout on the residual branches and in the FFN")
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
        int dim = config.getInt("dim");
        int heads = config.getInt("heads");
        if (dim % heads != 0) {
            throw new UserInputException(config.where("heads") + ": " + heads
                    + " heads do not divide dim = " + dim + "; choose heads so that dim / heads"
                    + " is a whole number");
        }
        int ffnDim = config.getInt("ffnDim") == 0 ? 4 * dim : config.getInt("ffnDim");
        int[] widths = new int[modalities.size()];
        for (int m = 0; m < widths.length; m++) {
            Integer width = dims.get(modalities.get(m));
            if (width == null) {
                throw new IllegalArgumentException("no width given for modality '"
                        + modalities.get(m) + "'; widths: " + dims);
            }
            widths[m] = width;
        }
        TransformerFusionBlock.Settings settings = new TransformerFusionBlock.Settings(dim,
                config.getInt("layers"), heads, ffnDim, config.getFloat("dropout"),
                NormPlacement.valueOf(config.getString("norm").toUpperCase(Locale.ROOT)));
        Block block = new TransformerFusionBlock(modalities, widths, settings);
        return FusionBlock.of(block, dim);
    }
}
