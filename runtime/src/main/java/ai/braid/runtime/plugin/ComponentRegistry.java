package ai.braid.runtime.plugin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every loaded plugin and component, by kind and name. Immutable once built; names are unique
 * within a kind.
 */
public final class ComponentRegistry {

    private final List<LoadedPlugin> plugins;
    private final Map<ComponentKind, Map<String, RegisteredComponent>> components;

    private ComponentRegistry(
            List<LoadedPlugin> plugins,
            Map<ComponentKind, Map<String, RegisteredComponent>> components) {
        this.plugins = List.copyOf(plugins);
        this.components = components;
    }

    /**
     * Builds a registry.
     *
     * @param plugins the plugins in load order
     * @param components their components in load order
     * @return the registry
     * @throws PluginLoadException if two components of one kind share a name; names both
     */
    static ComponentRegistry of(List<LoadedPlugin> plugins, List<RegisteredComponent> components) {
        Map<ComponentKind, Map<String, RegisteredComponent>> byKind =
                new EnumMap<>(ComponentKind.class);
        for (ComponentKind kind : ComponentKind.values()) {
            byKind.put(kind, new TreeMap<>());
        }
        for (RegisteredComponent component : components) {
            RegisteredComponent previous =
                    byKind.get(component.kind()).putIfAbsent(component.name(), component);
            if (previous != null) {
                throw new PluginLoadException("two " + component.kind().label() + " components are"
                        + " named '" + component.name() + "': one in " + previous.origin()
                        + ", one in " + component.origin()
                        + ". Remove one of the plugins or rename one component");
            }
        }
        byKind.replaceAll((kind, map) -> Collections.unmodifiableMap(map));
        return new ComponentRegistry(plugins, Collections.unmodifiableMap(byKind));
    }

    /** The loaded plugins in load order: classpath first, then folders sorted by name. */
    public List<LoadedPlugin> plugins() {
        return plugins;
    }

    /** The components of one kind, sorted by name. */
    public List<RegisteredComponent> components(ComponentKind kind) {
        return List.copyOf(components.get(kind).values());
    }

    /** All components, grouped by kind and sorted by name within each. */
    public List<RegisteredComponent> components() {
        List<RegisteredComponent> all = new ArrayList<>();
        for (ComponentKind kind : ComponentKind.values()) {
            all.addAll(components.get(kind).values());
        }
        return all;
    }

    /** The names of one kind's components, sorted. */
    public List<String> names(ComponentKind kind) {
        return List.copyOf(components.get(kind).keySet());
    }

    /** Looks up a component by kind and name. */
    public Optional<RegisteredComponent> find(ComponentKind kind, String name) {
        return Optional.ofNullable(components.get(kind).get(name));
    }
}
