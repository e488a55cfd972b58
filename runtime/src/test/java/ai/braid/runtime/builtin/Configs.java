package ai.braid.runtime.builtin;

import ai.braid.api.config.ComponentConfig;
import ai.braid.api.spi.ComponentFactory;
import java.util.Map;

/** Configs for factory tests, as {@link ai.braid.api.config.OptionSchema#configure} builds them. */
final class Configs {

    private Configs() {}

    /** The config of a component declared at {@code yamlPath}, set options on "p.yaml:7". */
    static ComponentConfig at(ComponentFactory factory, String yamlPath,
            Map<String, Object> set) {
        return factory.options().configure(factory.name(), yamlPath, "p.yaml:7", set);
    }

    /** The defaults only. */
    static ComponentConfig defaults(ComponentFactory factory, String yamlPath) {
        return at(factory, yamlPath, Map.of());
    }
}
