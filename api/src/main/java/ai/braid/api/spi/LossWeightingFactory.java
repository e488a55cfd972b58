package ai.braid.api.spi;

import ai.braid.api.config.ComponentConfig;
import java.util.List;

/**
 * Creates {@link LossWeighting}s; the pipeline's {@code weighting:} entry names one ("fixed"
 * when absent).
 */
public interface LossWeightingFactory extends ComponentFactory {

    /**
     * Creates a weighting for a pipeline's objectives.
     *
     * @param config the validated options
     * @param objectives the objectives' names, in the order weights are returned
     * @return the weighting
     * @throws ai.braid.api.UserInputException if the strategy cannot combine these objectives
     *     (for example a two-task closed form given three); the runtime reports it at the
     *     pipeline's {@code weighting} entry
     */
    LossWeighting create(ComponentConfig config, List<String> objectives);
}
