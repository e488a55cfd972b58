package ai.braid.api.spi;

import ai.braid.api.config.ComponentConfig;

/** Creates {@link Objective}s; the pipeline's {@code objectives:} list names them. */
public interface ObjectiveFactory extends ComponentFactory {

    /**
     * Creates an objective.
     *
     * @param config the validated options, e.g. {@code temperature}
     * @return the objective
     */
    Objective create(ComponentConfig config);
}
