package ai.braid.runtime;

import ai.braid.api.BraidEnvironment;
import ai.braid.api.UserInputException;
import ai.braid.runtime.config.ConfigNode;
import ai.braid.runtime.config.Overrides;
import ai.braid.runtime.config.YamlConfigReader;
import ai.braid.runtime.pipeline.AssembledPipeline;
import ai.braid.runtime.pipeline.PipelineAssembler;
import ai.braid.runtime.pipeline.PipelineParser;
import ai.braid.runtime.pipeline.PipelineSpec;
import ai.braid.runtime.plugin.ComponentRegistry;
import ai.braid.runtime.plugin.PluginLoader;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The entry point for embedding Braid: loads the plugins once and resolves pipelines against
 * them. The command line is a thin layer over this class.
 */
public final class BraidRuntime {

    private final ComponentRegistry registry;
    private final BraidEnvironment environment;

    private BraidRuntime(ComponentRegistry registry, BraidEnvironment environment) {
        this.registry = registry;
        this.environment = environment;
    }

    /**
     * Loads the class path plugins and every plugin folder under {@code pluginsDirectory}.
     *
     * @param pluginsDirectory the plugins directory; it need not exist
     * @param cacheDirectory where components may cache derived data
     * @return the runtime
     * @throws ai.braid.runtime.plugin.PluginLoadException if a plugin cannot be used
     */
    public static BraidRuntime load(Path pluginsDirectory, Path cacheDirectory) {
        Objects.requireNonNull(pluginsDirectory, "pluginsDirectory");
        Objects.requireNonNull(cacheDirectory, "cacheDirectory");
        BraidEnvironment environment = new Environment(pluginsDirectory, cacheDirectory);
        Injector root = Guice.createInjector(new AbstractModule() {
            @Override
            protected void configure() {
                bind(BraidEnvironment.class).toInstance(environment);
            }
        });
        return new BraidRuntime(new PluginLoader(pluginsDirectory, root).load(), environment);
    }

    /** The loaded plugins and components. */
    public ComponentRegistry registry() {
        return registry;
    }

    /** The plugins and cache directories, as components see them. */
    public BraidEnvironment environment() {
        return environment;
    }

    /**
     * Reads a pipeline file, applies overrides, resolves names and validates options.
     *
     * @param file the pipeline file
     * @param overrides "key.path=value" assignments applied in order
     * @return the validated spec
     * @throws UserInputException with every problem, each naming its YAML path and line
     */
    public PipelineSpec resolve(Path file, List<String> overrides) {
        ConfigNode.MapNode root = Overrides.apply(YamlConfigReader.read(file), overrides);
        return new PipelineParser(registry).parse(file, root);
    }

    /**
     * Constructs a validated pipeline's components and checks that they fit together.
     *
     * @param spec the validated spec
     * @return the assembled pipeline
     */
    public AssembledPipeline assemble(PipelineSpec spec) {
        return new PipelineAssembler(registry).assemble(spec);
    }

    /** The process-wide environment components may inject. */
    private record Environment(Path pluginsDirectory, Path cacheDirectory)
            implements BraidEnvironment {

        Environment {
            try {
                Files.createDirectories(cacheDirectory);
            } catch (IOException e) {
                throw new UserInputException("cannot create the cache directory " + cacheDirectory
                        + " (set BRAID_CACHE_DIR to a writable folder): " + e.getMessage());
            }
        }
    }
}
