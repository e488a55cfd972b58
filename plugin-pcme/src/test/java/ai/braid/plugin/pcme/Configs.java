package ai.braid.plugin.pcme;

import ai.braid.api.config.ComponentConfig;
import ai.braid.api.spi.ComponentFactory;
import java.util.Map;

/** Objective configs for tests, made by {@link ai.braid.api.config.OptionSchema#configure}. */
final class Configs {

    private Configs() {}

    /** The config of an objective declared at "objectives[0]", set options on "pipeline.yaml:3". */
    static ComponentConfig of(ComponentFactory factory, Map<String, Object> set) {
        return factory.options().configure(factory.name(), "objectives[0]", "pipeline.yaml:3",
                set);
    }
}
