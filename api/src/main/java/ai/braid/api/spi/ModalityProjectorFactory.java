package ai.braid.api.spi;

import ai.braid.api.config.ComponentConfig;
import ai.braid.api.data.Modality;

/**
 * Creates {@link ModalityProjector}s; a pipeline's {@code projectors:} map names one per
 * modality.
 */
public interface ModalityProjectorFactory extends ComponentFactory {

    /**
     * Creates a projector for one modality.
     *
     * @param config the validated options, e.g. {@code dim}, {@code patch}
     * @param modality the modality it projects; used for parameter names, never for branching
     * @return the projector
     */
    ModalityProjector create(ComponentConfig config, Modality modality);
}
