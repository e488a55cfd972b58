package com.example.braid.signal;

import ai.braid.api.config.ComponentConfig;
import ai.braid.api.spi.ComponentFactory;
import java.util.Map;

/** Configs for factory tests, as {@link ai.braid.api.config.OptionSchema#configure} builds them. */
final class Configs {

    private Configs() {}

    /** The config of a component declared at {@code yamlPath}, set options on "pipeline.yaml:3". */
    static ComponentConfig of(ComponentFactory factory, String yamlPath, Map<String, Object> set) {
        return factory.options().configure(factory.name(), yamlPath, "pipeline.yaml:3", set);
    }
}
