package ai.braid.runtime.builtin;

import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSpec;
import ai.braid.api.spi.ComponentFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test helper: a validated-looking config of a factory's defaults with some options set. */
final class ProjectorFactoryConfigs {

    private ProjectorFactoryConfigs() {}

    /**
     * Returns the defaults overridden by {@code set}, integers widened to Long as the validator
     * does; each set option is said to come from {@code p.yaml:<n>}, n counting from 3.
     */
    static ComponentConfig config(ComponentFactory factory, Map<String, Object> set) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        int line = 3;
        for (OptionSpec spec : factory.options().options()) {
            Object value = set.containsKey(spec.name()) ? set.get(spec.name())
                    : spec.defaultValue();
            values.put(spec.name(), value instanceof Integer i ? Long.valueOf(i) : value);
            if (set.containsKey(spec.name())) {
                origins.put(spec.name(), "p.yaml:" + line++);
            }
        }
        return new ComponentConfig(factory.name(), "projectors.image", values, origins);
    }
}
