package ai.braid.runtime.plugin;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

/**
 * The class loader of one plugin folder.
 *
 * <p>Its parent is the platform class loader, so a plugin sees the JDK and its own jars but not
 * the runtime's private libraries (YAML, CLI, Jackson): a plugin may bundle other versions of
 * those. Only the packages plugins and runtime must agree on are delegated to the runtime's
 * loader: the Braid API, DJL (the PyTorch engine is a process-wide singleton), Guice with its
 * injection annotations, and SLF4J (so plugin logs reach the runtime's backend).
 */
final class PluginClassLoader extends URLClassLoader {

    static final List<String> SHARED_PACKAGES = List.of(
            "ai.braid.api.",
            "ai.djl.",
            "com.google.inject.",
            "jakarta.inject.",
            "javax.inject.",
            "org.aopalliance.",
            "org.slf4j.");

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader runtimeLoader;

    PluginClassLoader(String pluginFolder, List<URL> jars, ClassLoader runtimeLoader) {
        super("braid-plugin-" + pluginFolder, jars.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader());
        this.runtimeLoader = runtimeLoader;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isShared(name)) {
            return runtimeLoader.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    static boolean isShared(String className) {
        for (String prefix : SHARED_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
