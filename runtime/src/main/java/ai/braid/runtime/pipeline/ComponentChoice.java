package ai.braid.runtime.pipeline;

import ai.braid.api.config.ComponentConfig;
import ai.braid.runtime.plugin.RegisteredComponent;
import java.util.Objects;

/**
 * A component named in a pipeline, resolved to its factory, with its validated options.
 *
 * @param component the registered factory
 * @param config its options
 */
public record ComponentChoice(RegisteredComponent component, ComponentConfig config) {

    /** Checks for nulls. */
    public ComponentChoice {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(config, "config");
    }

    /** The factory, cast to its kind's interface. */
    public <T> T factory(Class<T> kind) {
        return kind.cast(component.factory());
    }
}
