package ai.braid.api.spi;

import ai.braid.api.config.ComponentConfig;
import ai.braid.api.data.Modality;
import java.util.List;
import java.util.Map;

/** Creates {@link FusionBlock}s; the pipeline's {@code fusion:} section names one. */
public interface FusionBlockFactory extends ComponentFactory {

    /**
     * Creates a fusion block.
     *
     * @param config the validated options, e.g. {@code layers}, {@code heads}
     * @param modalities the modalities in the order their sequences arrive
     * @param dims each modality's embedding width D
     * @return the fusion block
     * @throws ai.braid.api.UserInputException if the modalities do not suit the fusion (for
     *     example different widths where one is needed); the message names the modalities
     */
    FusionBlock create(ComponentConfig config, List<Modality> modalities,
            Map<Modality, Integer> dims);
}
