package ai.braid.plugin.ssesf.fusion;

import ai.braid.api.config.ComponentConfig;
import ai.braid.api.spi.ComponentFactory;
import java.util.Map;

/** Configs for fusion tests, as {@link ai.braid.api.config.OptionSchema#configure} makes them. */
final class Configs {

    private Configs() {}

    /** The config of a component declared at "fusion" whose set options are on "p.yaml:7". */
    static ComponentConfig fusion(ComponentFactory factory, Map<String, Object> set) {
        return factory.options().configure(factory.name(), "fusion", "p.yaml:7", set);
    }
}
