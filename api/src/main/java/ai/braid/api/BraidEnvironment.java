package ai.braid.api;

import java.nio.file.Path;

/**
 * Process-wide facts a component may {@code @Inject} into its factory's constructor.
 *
 * <p>The runtime binds one instance in the root Guice injector, so it is available to every
 * plugin.
 */
public interface BraidEnvironment {

    /**
     * Returns the directory where components keep derived data between runs, for example
     * extractor results keyed by content. It exists and is writable.
     *
     * @return the cache directory
     */
    Path cacheDirectory();

    /**
     * Returns the directory the plugin folders were loaded from.
     *
     * @return the plugins directory (it may not exist when only classpath plugins are used)
     */
    Path pluginsDirectory();
}
