package ai.braid.plugin.ssesf.data;

import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSpec;
import ai.braid.api.config.OptionType;
import ai.braid.api.spi.ComponentFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds configs the way the runtime does: every declared option set, defaults filled in. */
public final class ReaderConfigs {

    private ReaderConfigs() {}

    /**
     * Creates a config whose options were set in a pipeline file.
     *
     * @param factory the component
     * @param set the options the file sets; each is reported as set on "pipeline.yaml:3"
     * @return the config of a component declared at "data"
     */
    public static ComponentConfig of(ComponentFactory factory, Map<String, Object> set) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (OptionSpec spec : factory.options().options()) {
            spec.defaultIfAbsent().ifPresent(value -> values.put(spec.name(),
                    spec.type() == OptionType.PATH
                            ? Path.of((String) value).toAbsolutePath().normalize()
                            : value));
        }
        values.putAll(set);
        Map<String, String> origins = new LinkedHashMap<>();
        set.keySet().forEach(key -> origins.put(key, "pipeline.yaml:3"));
        return new ComponentConfig(factory.name(), "data", values, origins);
    }
}
