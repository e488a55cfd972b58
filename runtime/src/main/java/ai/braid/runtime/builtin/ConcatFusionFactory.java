package ai.braid.runtime.builtin;

import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.data.Modality;
import ai.braid.api.spi.FusionBlock;
import ai.braid.api.spi.FusionBlockFactory;
import ai.djl.nn.Block;
import java.util.List;
import java.util.Map;

/**
 * Late fusion: each modality's tokens are mean-pooled under their mask, the pooled vectors are
 * concatenated and projected to {@code dim}. The simplest baseline every other fusion is
 * compared with.
 */
public final class ConcatFusionFactory implements FusionBlockFactory {

    private static final OptionSchema OPTIONS = OptionSchema.builder()
            .addInteger("dim", 128, 1, 1 << 16, "width of the fused vector")
            .build();

    @Override
    public String name() {
        return "concat";
    }

    @Override
    public String description() {
        return "late fusion: masked mean per modality, concatenated, projected to dim";
    }

    @Override
    public OptionSchema options() {
        return OPTIONS;
    }

    @Override
    public FusionBlock create(
            ComponentConfig config, List<Modality> modalities, Map<Modality, Integer> dims) {
        int dim = config.getInt("dim");
        Block block = new ConcatFusionBlock(modalities.size(), dim);
        return FusionBlock.of(block, dim);
    }
}
