package ai.braid.runtime.plugin;

import ai.braid.api.BraidApi;
import ai.braid.api.plugin.PluginDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Reads and checks a plugin descriptor ({@value PluginDescriptor#RESOURCE}). */
final class DescriptorParser {

    private DescriptorParser() {}

    /**
     * Parses a descriptor and checks that the runtime supports its API version.
     *
     * @param in the properties file
     * @param location the jar or directory it came from, for messages
     * @return the descriptor
     * @throws PluginLoadException if a key is missing or invalid, or the API version unsupported
     */
    static PluginDescriptor parse(InputStream in, String location) throws IOException {
        Properties properties = new Properties();
        properties.load(in);
        String where = PluginDescriptor.RESOURCE + " in " + location;
        String name = required(properties, "name", where);
        String version = required(properties, "version", where);
        String apiText = required(properties, "apiVersion", where);
        int apiVersion;
        try {
            apiVersion = Integer.parseInt(apiText.trim());
        } catch (NumberFormatException e) {
            throw new PluginLoadException(where + ": apiVersion '" + apiText
                    + "' is not an integer (this runtime provides API version "
                    + BraidApi.VERSION + ")");
        }
        if (!BraidApi.supports(apiVersion)) {
            throw new PluginLoadException("plugin '" + name + "' (" + location
                    + ") needs Braid API version " + apiVersion + ", but this runtime supports "
                    + supportedRange() + ". Use a build of the plugin for API "
                    + BraidApi.VERSION + " or a matching Braid release");
        }
        try {
            return new PluginDescriptor(name.trim(), version.trim(), apiVersion,
                    properties.getProperty("description", "").trim());
        } catch (IllegalArgumentException e) {
            throw new PluginLoadException(where + ": " + e.getMessage());
        }
    }

    private static String supportedRange() {
        return BraidApi.OLDEST_SUPPORTED_VERSION == BraidApi.VERSION
                ? "only version " + BraidApi.VERSION
                : "versions " + BraidApi.OLDEST_SUPPORTED_VERSION + " to " + BraidApi.VERSION;
    }

    private static String required(Properties properties, String key, String where) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new PluginLoadException(where + " has no '" + key
                    + "'; a descriptor needs name, version and apiVersion");
        }
        return value;
    }
}
