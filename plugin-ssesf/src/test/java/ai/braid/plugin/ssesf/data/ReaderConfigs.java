package ai.braid.plugin.ssesf.data;

import ai.braid.api.config.ComponentConfig;
import ai.braid.api.spi.ComponentFactory;
import java.util.Map;

/** Reader configs for tests, made by {@link ai.braid.api.config.OptionSchema#configure}. */
public final class ReaderConfigs {

    private ReaderConfigs() {}

    /**
     * Creates the config of a reader declared at "data" whose set options are on
     * "pipeline.yaml:3".
     *
     * @param factory the component
     * @param set the options the pipeline file sets
     * @return the config
     */
    public static ComponentConfig of(ComponentFactory factory, Map<String, Object> set) {
        return factory.options().configure(factory.name(), "data", "pipeline.yaml:3", set);
    }
}
