package ai.braid.runtime.plugin;

import ai.braid.api.plugin.PluginDescriptor;
import ai.braid.api.spi.ComponentFactory;
import com.google.inject.Injector;
import com.google.inject.Module;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds plugins on the class path and in the folders of a plugins directory, and builds the
 * {@link ComponentRegistry}.
 *
 * <p>Each folder {@code plugins/<name>/} is one plugin: all its jars share one {@link
 * PluginClassLoader}, exactly one of them holds the descriptor. Folders are loaded in name order
 * after the class path, so the load order, and with it every message, is deterministic.
 * Component factories are registered in {@code META-INF/services} files (see {@link
 * ServiceFiles}) and constructed by Guice in an injector that adds the plugin's own modules
 * (found with {@link ServiceLoader} under {@code com.google.inject.Module}) to the runtime's.
 *
 * <p>Loading fails fast with a {@link PluginLoadException} that names the folder or jar.
 */
public final class PluginLoader {

    private static final Logger LOG = LoggerFactory.getLogger(PluginLoader.class);
    private static final String CLASSPATH = "classpath";

    private final Path pluginsDirectory;
    private final Injector rootInjector;
    private final ClassLoader runtimeLoader;

    /**
     * Creates a loader.
     *
     * @param pluginsDirectory the folder whose subfolders are plugins; it need not exist
     * @param rootInjector the injector with the runtime's services
     */
    public PluginLoader(Path pluginsDirectory, Injector rootInjector) {
        this.pluginsDirectory = Objects.requireNonNull(pluginsDirectory, "pluginsDirectory");
        this.rootInjector = Objects.requireNonNull(rootInjector, "rootInjector");
        this.runtimeLoader = PluginLoader.class.getClassLoader();
    }

    /**
     * Loads every plugin and constructs every component factory.
     *
     * @return the registry
     * @throws PluginLoadException if any plugin cannot be used
     */
    public ComponentRegistry load() {
        List<LoadedPlugin> plugins = new ArrayList<>();
        List<RegisteredComponent> components = new ArrayList<>();
        loadClasspath(plugins, components);
        for (Path folder : pluginFolders()) {
            loadFolder(folder, plugins, components);
        }
        checkUniqueNames(plugins);
        return ComponentRegistry.of(plugins, components);
    }

    private void loadClasspath(List<LoadedPlugin> plugins, List<RegisteredComponent> components) {
        Map<String, LoadedPlugin> byLocation = new LinkedHashMap<>();
        try {
            for (URL url : Collections.list(runtimeLoader.getResources(PluginDescriptor.RESOURCE))) {
                String location = classpathEntry(url);
                try (InputStream in = url.openStream()) {
                    LoadedPlugin plugin = new LoadedPlugin(
                            DescriptorParser.parse(in, location), CLASSPATH, location);
                    byLocation.put(location, plugin);
                    plugins.add(plugin);
                }
            }
        } catch (IOException e) {
            throw new PluginLoadException("cannot read plugin descriptors on the class path", e);
        }
        Function<Class<?>, LoadedPlugin> owner = type -> {
            String location = codeLocation(type);
            LoadedPlugin plugin = byLocation.get(location);
            if (plugin == null) {
                throw new PluginLoadException("component " + type.getName() + " in " + location
                        + " belongs to no plugin: put a " + PluginDescriptor.RESOURCE
                        + " into that jar or directory");
            }
            return plugin;
        };
        register(runtimeLoader, CLASSPATH, owner, components);
    }

    private void loadFolder(
            Path folder, List<LoadedPlugin> plugins, List<RegisteredComponent> components) {
        List<Path> jars = jarsOf(folder);
        if (jars.isEmpty()) {
            LOG.warn("Skipping plugin folder {}: it holds no jar", folder);
            return;
        }
        List<URL> urls = new ArrayList<>();
        Path descriptorJar = null;
        PluginDescriptor descriptor = null;
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                ZipEntry entry = file.getEntry(PluginDescriptor.RESOURCE);
                if (entry != null) {
                    if (descriptorJar != null) {
                        throw new PluginLoadException("plugin folder " + folder + " has two plugin"
                                + " descriptors, in " + descriptorJar.getFileName() + " and "
                                + jar.getFileName() + ": one folder holds one plugin");
                    }
                    try (InputStream in = file.getInputStream(entry)) {
                        descriptor = DescriptorParser.parse(in, jar.toString());
                    }
                    descriptorJar = jar;
                }
                urls.add(jar.toUri().toURL());
            } catch (IOException e) {
                throw new PluginLoadException("plugin jar " + jar + " cannot be read; rebuild it or"
                        + " remove it from " + folder, e);
            }
        }
        if (descriptor == null) {
            throw new PluginLoadException("plugin folder " + folder + " has no "
                    + PluginDescriptor.RESOURCE + " in any of its jars " + fileNames(jars));
        }
        LoadedPlugin plugin = new LoadedPlugin(descriptor, folder.toString(),
                descriptorJar.toString());
        plugins.add(plugin);
        LOG.debug("Loading plugin {} {} from {}", descriptor.name(), descriptor.version(), folder);
        ClassLoader loader = new PluginClassLoader(folder.getFileName().toString(), urls,
                runtimeLoader);
        register(loader, folder.toString(), type -> plugin, components);
    }

    private void register(
            ClassLoader loader, String source, Function<Class<?>, LoadedPlugin> owner,
            List<RegisteredComponent> components) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Libraries that look up classes through the context loader (DJL, Guice, Jackson)
        // must see the plugin's classes while it is being constructed.
        thread.setContextClassLoader(loader);
        try {
            Map<LoadedPlugin, Injector> injectors = new LinkedHashMap<>();
            for (ComponentKind kind : ComponentKind.values()) {
                for (Class<? extends ComponentFactory> type : factoryTypes(kind, loader, source)) {
                    LoadedPlugin plugin = owner.apply(type);
                    Injector injector = injectors.computeIfAbsent(plugin,
                            p -> pluginInjector(loader, source, owner, p));
                    ComponentFactory factory = construct(injector, type);
                    checkName(kind, factory, type);
                    components.add(new RegisteredComponent(kind, factory, plugin,
                            codeLocation(type)));
                    LOG.debug("Registered {} '{}' from plugin {}", kind.label(), factory.name(),
                            plugin.name());
                }
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static List<Class<? extends ComponentFactory>> factoryTypes(
            ComponentKind kind, ClassLoader loader, String source) {
        String listing = "META-INF/services/" + kind.factoryType().getName() + " of " + source;
        List<Class<? extends ComponentFactory>> types = new ArrayList<>();
        try {
            for (String className : ServiceFiles.implementations(loader, kind.factoryType())) {
                Class<?> type = Class.forName(className, false, loader);
                if (!kind.factoryType().isAssignableFrom(type)) {
                    throw new PluginLoadException(className + ", listed in " + listing
                            + ", does not implement " + kind.factoryType().getName());
                }
                types.add(type.asSubclass(kind.factoryType()));
            }
        } catch (IOException | ClassNotFoundException | LinkageError e) {
            throw new PluginLoadException("cannot load the " + kind.label() + " components listed"
                    + " in " + listing, e);
        }
        return types;
    }

    private Injector pluginInjector(
            ClassLoader loader, String source, Function<Class<?>, LoadedPlugin> owner,
            LoadedPlugin plugin) {
        List<Module> modules = new ArrayList<>();
        try {
            ServiceLoader.load(Module.class, loader).stream()
                    .filter(provider -> owner.apply(provider.type()).equals(plugin))
                    .forEach(provider -> modules.add(provider.get()));
        } catch (ServiceConfigurationError | LinkageError e) {
            throw new PluginLoadException("cannot load the Guice modules of " + source, e);
        }
        return modules.isEmpty() ? rootInjector : rootInjector.createChildInjector(modules);
    }

    private static ComponentFactory construct(
            Injector injector, Class<? extends ComponentFactory> type) {
        try {
            return injector.getInstance(type);
        } catch (RuntimeException | LinkageError e) {
            throw new PluginLoadException("component " + type.getName() + " in "
                    + codeLocation(type) + " failed to construct", e);
        }
    }

    private static void checkName(
            ComponentKind kind, ComponentFactory factory, Class<?> type) {
        String name = factory.name();
        if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
            throw new PluginLoadException(kind.label() + " " + type.getName() + " in "
                    + codeLocation(type) + " has the name '" + name
                    + "'; component names are lower case letters, digits and dashes");
        }
    }

    private static void checkUniqueNames(List<LoadedPlugin> plugins) {
        Map<String, LoadedPlugin> byName = new LinkedHashMap<>();
        for (LoadedPlugin plugin : plugins) {
            LoadedPlugin previous = byName.putIfAbsent(plugin.name(), plugin);
            if (previous != null) {
                throw new PluginLoadException("two plugins are named '" + plugin.name() + "': "
                        + previous.location() + " and " + plugin.location()
                        + ". Remove one of them (a plugin folder copied under another name still"
                        + " holds the same plugin)");
            }
        }
    }

    private List<Path> pluginFolders() {
        if (!Files.isDirectory(pluginsDirectory)) {
            LOG.debug("No plugins directory at {}", pluginsDirectory);
            return List.of();
        }
        try (Stream<Path> entries = Files.list(pluginsDirectory)) {
            return entries.filter(Files::isDirectory)
                    .filter(path -> !path.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new PluginLoadException("cannot list plugins directory " + pluginsDirectory, e);
        }
    }

    private static List<Path> jarsOf(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(path -> path.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new PluginLoadException("cannot list plugin folder " + folder, e);
        }
    }

    private static List<String> fileNames(List<Path> paths) {
        return paths.stream().map(path -> path.getFileName().toString()).toList();
    }

    private static String classpathEntry(URL descriptorUrl) throws IOException {
        if ("jar".equals(descriptorUrl.getProtocol())) {
            JarURLConnection connection = (JarURLConnection) descriptorUrl.openConnection();
            return toPath(connection.getJarFileURL());
        }
        String text = descriptorUrl.toString();
        return toPath(URI.create(text.substring(0, text.length() - PluginDescriptor.RESOURCE.length())));
    }

    private static String codeLocation(Class<?> type) {
        var source = type.getProtectionDomain().getCodeSource();
        return source == null ? type.getName() : toPath(source.getLocation());
    }

    private static String toPath(URL url) {
        try {
            return toPath(url.toURI());
        } catch (URISyntaxException e) {
            return url.toString();
        }
    }

    private static String toPath(URI uri) {
        try {
            return Paths.get(uri).toString();
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            return uri.toString();
        }
    }

}
