package ai.braid.runtime.plugin;

import ai.braid.api.plugin.PluginDescriptor;
import java.util.Objects;

/**
 * A plugin the runtime has loaded.
 *
 * @param descriptor what the plugin says about itself
 * @param source where it came from: a folder under the plugins directory, or "classpath"
 * @param location the jar that holds the descriptor, or the class path entry
 */
public record LoadedPlugin(PluginDescriptor descriptor, String source, String location) {

    /** Checks for nulls. */
    public LoadedPlugin {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(location, "location");
    }

    /** The plugin's name. */
    public String name() {
        return descriptor.name();
    }
}
