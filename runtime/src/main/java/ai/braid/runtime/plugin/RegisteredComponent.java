package ai.braid.runtime.plugin;

import ai.braid.api.spi.ComponentFactory;
import java.util.Objects;

/**
 * A constructed component factory and the plugin it came from.
 *
 * @param kind the component's kind
 * @param factory the factory, constructed by Guice
 * @param plugin the plugin that provides it
 * @param location the jar or class path entry of the factory's class
 */
public record RegisteredComponent(
        ComponentKind kind, ComponentFactory factory, LoadedPlugin plugin, String location) {

    /** Checks for nulls. */
    public RegisteredComponent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(location, "location");
    }

    /** The component's name, unique within its kind. */
    public String name() {
        return factory.name();
    }

    /** Describes where the component comes from, for error messages. */
    public String origin() {
        return "plugin '" + plugin.name() + "' (" + location + ")";
    }
}
