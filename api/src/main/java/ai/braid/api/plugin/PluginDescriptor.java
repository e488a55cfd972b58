package ai.braid.api.plugin;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who a plugin is: its name, version and the API version it was compiled against.
 *
 * <p>A plugin ships its descriptor as the resource {@value #RESOURCE}, a properties file with
 * the keys {@code name}, {@code version}, {@code apiVersion} and optionally {@code
 * description}. The runtime reads it before loading any class of the plugin, so a plugin built
 * for an unsupported API is refused with a clear message instead of a {@link LinkageError}.
 *
 * <pre>
 * name=pcme
 * version=0.1.0
 * apiVersion=1
 * description=Probabilistic cross-modal embeddings
 * </pre>
 *
 * @param name the plugin's unique name: lower case letters, digits and dashes
 * @param version the plugin's own version
 * @param apiVersion the Braid API version the plugin was compiled against
 * @param description one line for {@code braid plugins}
 */
public record PluginDescriptor(String name, String version, int apiVersion, String description) {

    /** Where a plugin jar keeps its descriptor. */
    public static final String RESOURCE = "META-INF/braid-plugin.properties";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    /**
     * Creates a descriptor.
     *
     * @throws IllegalArgumentException if the name is not lower case letters, digits and dashes
     *     or the version is blank
     */
    public PluginDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "plugin name '" + name + "' must match " + NAME.pattern());
        }
        if (version.isBlank()) {
            throw new IllegalArgumentException("plugin '" + name + "' has a blank version");
        }
    }
}
