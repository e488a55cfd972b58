package ai.braid.runtime.builtin;

import ai.braid.api.config.ComponentConfig;
import ai.braid.api.spi.ComponentFactory;
import java.util.Map;

/** Configs for image projector factory tests, declared at "projectors.image". */
final class ProjectorFactoryConfigs {

    private ProjectorFactoryConfigs() {}

    /** The defaults overridden by {@code set}, each set option on "p.yaml:3". */
    static ComponentConfig config(ComponentFactory factory, Map<String, Object> set) {
        return factory.options().configure(factory.name(), "projectors.image", "p.yaml:3", set);
    }
}
