package ai.braid.plugin.fashion;

import ai.braid.api.config.ComponentConfig;
import ai.braid.api.spi.ComponentFactory;
import java.util.Map;

/** Reader configs for tests, made by {@link ai.braid.api.config.OptionSchema#configure}. */
final class Configs {

    private Configs() {}

    /** The config of a reader declared at "data" whose set options are on "pipeline.yaml:3". */
    static ComponentConfig of(ComponentFactory factory, Map<String, Object> set) {
        return factory.options().configure(factory.name(), "data", "pipeline.yaml:3", set);
    }
}
