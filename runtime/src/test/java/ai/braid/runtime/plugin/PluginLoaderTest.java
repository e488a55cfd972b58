package ai.braid.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.BraidEnvironment;
import ai.braid.api.spi.ObjectiveFactory;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLoaderTest {

    @TempDir
    Path plugins;

    @TempDir
    Path cache;

    private ComponentRegistry load() {
        BraidEnvironment environment = new BraidEnvironment() {
            @Override
            public Path cacheDirectory() {
                return cache;
            }

            @Override
            public Path pluginsDirectory() {
                return plugins;
            }
        };
        Injector root = Guice.createInjector(new AbstractModule() {
            @Override
            protected void configure() {
                bind(BraidEnvironment.class).toInstance(environment);
            }
        });
        return new PluginLoader(plugins, root).load();
    }

    private static FixturePlugin objectivePlugin(String plugin, String component, String body) {
        String pkg = "fixture." + plugin.replace('-', '_');
        return FixturePlugin.named(plugin)
                .source(pkg + ".Factory", FixturePlugin.objectiveSource(pkg, "Factory", component,
                        body))
                .service(ObjectiveFactory.class, pkg + ".Factory");
    }

    @Test
    void loadsAFolderPluginAndItsInjectedComponent() throws Exception {
        Path jar = objectivePlugin("alpha", "alpha-loss", "").writeTo(plugins);

        ComponentRegistry registry = load();

        RegisteredComponent component =
                registry.find(ComponentKind.OBJECTIVE, "alpha-loss").orElseThrow();
        assertThat(component.plugin().name()).isEqualTo("alpha");
        assertThat(component.plugin().source()).isEqualTo(plugins.resolve("alpha").toString());
        assertThat(component.location()).isEqualTo(jar.toString());
        assertThat(component.factory().getClass().getClassLoader())
                .isInstanceOf(PluginClassLoader.class);
    }

    @Test
    void loadsFoldersInNameOrderAfterTheClasspath() throws Exception {
        objectivePlugin("zeta", "zeta-loss", "").writeTo(plugins);
        objectivePlugin("beta", "beta-loss", "").writeTo(plugins);

        assertThat(load().plugins()).extracting(LoadedPlugin::name)
                .containsSubsequence("core", "beta", "zeta")
                .endsWith("beta", "zeta");
    }

    @Test
    void aPluginSeesTheApiAndDjlButNotTheRuntimesPrivateLibraries() throws Exception {
        String body = "try { Class.forName(\"org.yaml.snakeyaml.Yaml\");"
                + " throw new IllegalStateException(\"runtime library leaked\"); }"
                + " catch (ClassNotFoundException expected) { }"
                + " ai.djl.ndarray.types.Shape shape = new ai.djl.ndarray.types.Shape(1);";
        objectivePlugin("isolated", "isolated-loss", body).writeTo(plugins);

        assertThat(load().find(ComponentKind.OBJECTIVE, "isolated-loss")).isPresent();
    }

    @Test
    void aComponentNameTwiceNamesBothJars() throws Exception {
        Path first = objectivePlugin("one", "same-loss", "").writeTo(plugins);
        Path second = objectivePlugin("two", "same-loss", "").writeTo(plugins);

        assertThatThrownBy(this::load)
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("two objective components are named 'same-loss'")
                .hasMessageContaining(first.toString())
                .hasMessageContaining(second.toString());
    }

    @Test
    void aCopiedPluginFolderNamesBothCopies() throws Exception {
        Path original = objectivePlugin("gamma", "gamma-loss", "").writeTo(plugins);
        Path copy = Files.createDirectories(plugins.resolve("gamma-copy"))
                .resolve(original.getFileName());
        Files.copy(original, copy);

        assertThatThrownBy(this::load)
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("two plugins are named 'gamma'")
                .hasMessageContaining(original.toString())
                .hasMessageContaining(copy.toString());
    }

    @Test
    void aCorruptJarIsNamed() throws Exception {
        objectivePlugin("delta", "delta-loss", "").writeTo(plugins);
        Path corrupt = plugins.resolve("delta").resolve("corrupt.jar");
        Files.writeString(corrupt, "this is not a zip file");

        assertThatThrownBy(this::load)
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining(corrupt.toString())
                .hasMessageContaining("cannot be read");
    }

    @Test
    void aComponentThatThrowsAtConstructionNamesItsJarAndTheCause() throws Exception {
        Path jar = objectivePlugin("faulty", "faulty-loss",
                "throw new IllegalStateException(\"no GPU driver found\");").writeTo(plugins);

        assertThatThrownBy(this::load)
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("fixture.faulty.Factory")
                .hasMessageContaining(jar.toString())
                .hasMessageContaining("failed to construct")
                .hasMessageContaining("no GPU driver found");
    }

    @Test
    void aListedClassThatDoesNotExistNamesTheFolder() throws Exception {
        FixturePlugin.named("ghost")
                .service(ObjectiveFactory.class, "fixture.ghost.Missing")
                .writeTo(plugins);

        assertThatThrownBy(this::load)
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining(plugins.resolve("ghost").toString())
                .hasMessageContaining("fixture.ghost.Missing");
    }

    @Test
    void anUnsupportedApiVersionIsRefusedBeforeLoadingClasses() throws Exception {
        Path jar = objectivePlugin("future", "future-loss", "")
                .descriptor("name=future\nversion=9.0\napiVersion=99\n")
                .writeTo(plugins);

        assertThatThrownBy(this::load)
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("plugin 'future'")
                .hasMessageContaining(jar.toString())
                .hasMessageContaining("API version 99")
                .hasMessageContaining("supports only version 1");
    }

    @Test
    void aFolderWithoutDescriptorIsNamed() throws Exception {
        objectivePlugin("anonymous", "anonymous-loss", "").descriptor(null).writeTo(plugins);

        assertThatThrownBy(this::load)
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining(plugins.resolve("anonymous").toString())
                .hasMessageContaining("has no META-INF/braid-plugin.properties");
    }

    @Test
    void aDescriptorWithoutVersionSaysWhichKeyIsMissing() throws Exception {
        objectivePlugin("bare", "bare-loss", "").descriptor("name=bare\napiVersion=1\n")
                .writeTo(plugins);

        assertThatThrownBy(this::load)
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("has no 'version'");
    }

    @Test
    void aPluginGuiceModuleBindsWhatItsComponentsInject() throws Exception {
        String pkg = "fixture.guiced";
        String module = "package " + pkg + ";\n"
                + "public final class Bindings extends com.google.inject.AbstractModule {\n"
                + "  @Override protected void configure() {\n"
                + "    bind(String.class).annotatedWith(com.google.inject.name.Names.named(\"greeting\"))"
                + ".toInstance(\"hello\");\n  }\n}\n";
        String body = "if (!\"hello\".equals(greeting)) throw new IllegalStateException();";
        String factory = FixturePlugin.objectiveSource(pkg, "Factory", "guiced-loss", body)
                .replace("(ai.braid.api.BraidEnvironment env)",
                        "(ai.braid.api.BraidEnvironment env,"
                                + " @com.google.inject.name.Named(\"greeting\") String greeting)");
        FixturePlugin.named("guiced")
                .source(pkg + ".Bindings", module)
                .source(pkg + ".Factory", factory)
                .service(com.google.inject.Module.class, pkg + ".Bindings")
                .service(ObjectiveFactory.class, pkg + ".Factory")
                .writeTo(plugins);

        assertThat(load().find(ComponentKind.OBJECTIVE, "guiced-loss")).isPresent();
    }

    @Test
    void aMissingPluginsDirectoryLeavesTheClasspathPlugins() {
        Path missing = plugins.resolve("does-not-exist");
        ComponentRegistry registry = new PluginLoader(missing, Guice.createInjector()).load();

        assertThat(registry.plugins()).extracting(LoadedPlugin::source).containsOnly("classpath");
        assertThat(registry.find(ComponentKind.FUSION_BLOCK, "concat")).isPresent();
        assertThat(registry.find(ComponentKind.FUSION_BLOCK, "pool")).isPresent();
    }
}
