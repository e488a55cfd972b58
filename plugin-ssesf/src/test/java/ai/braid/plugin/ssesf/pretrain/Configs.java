package ai.braid.plugin.ssesf.pretrain;

import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSpec;
import ai.braid.api.spi.ComponentFactory;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Validated-looking configs for factory tests: the schema's defaults plus overrides. */
final class Configs {

    private Configs() {}

    /**
     * Builds the config the runtime would pass for a component declared at {@code yamlPath} in
     * "p.yaml" with the given options set; each set option gets the origin "p.yaml:7".
     */
    static ComponentConfig of(ComponentFactory factory, String yamlPath,
            Map<String, Object> set) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (OptionSpec spec : factory.options().options()) {
            values.put(spec.name(), set.containsKey(spec.name())
                    ? set.get(spec.name()) : spec.defaultValue());
        }
        Map<String, String> origins = new HashMap<>();
        set.keySet().forEach(key -> origins.put(key, "p.yaml:7"));
        return new ComponentConfig(factory.name(), yamlPath, values, origins);
    }
}
