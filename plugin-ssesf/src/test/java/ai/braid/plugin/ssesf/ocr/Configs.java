package ai.braid.plugin.ssesf.ocr;

import ai.braid.api.config.ComponentConfig;
import ai.braid.api.spi.ComponentFactory;
import java.util.Map;

/** Extractor configs for tests, made by {@link ai.braid.api.config.OptionSchema#configure}. */
final class Configs {

    private Configs() {}

    /** The config of an extractor declared at "extractors[0]", set options on "pipeline.yaml:4". */
    static ComponentConfig of(ComponentFactory factory, Map<String, Object> set) {
        return factory.options().configure(factory.name(), "extractors[0]", "pipeline.yaml:4",
                set);
    }
}
