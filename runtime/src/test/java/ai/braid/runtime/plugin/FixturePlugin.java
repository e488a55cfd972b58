package ai.braid.runtime.plugin;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a real plugin jar for a test: compiles Java sources against the test class path with
 * the system compiler, adds the descriptor and service files, and writes the jar into a plugin
 * folder.
 */
final class FixturePlugin {

    private final String name;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, List<String>> services = new LinkedHashMap<>();
    private String descriptor;

    private FixturePlugin(String name) {
        this.name = name;
        this.descriptor = "name=" + name + "\nversion=1.0\napiVersion=1\ndescription=fixture\n";
    }

    static FixturePlugin named(String name) {
        return new FixturePlugin(name);
    }

    /** Adds a class; {@code className} is fully qualified. */
    FixturePlugin source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    /** Registers an implementation under {@code META-INF/services/<spi>}. */
    FixturePlugin service(Class<?> spi, String implementation) {
        services.computeIfAbsent(spi.getName(), key -> new ArrayList<>()).add(implementation);
        return this;
    }

    /** Replaces the descriptor text; null leaves the jar without one. */
    FixturePlugin descriptor(String text) {
        descriptor = text;
        return this;
    }

    /**
     * Writes {@code pluginsDir/<folder>/<name>.jar}.
     *
     * @return the jar
     */
    Path writeTo(Path pluginsDir, String folder) throws IOException {
        Path classes = Files.createTempDirectory("fixture-classes");
        compile(classes);
        Path jar = Files.createDirectories(pluginsDir.resolve(folder)).resolve(name + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            if (descriptor != null) {
                put(out, "META-INF/braid-plugin.properties", descriptor);
            }
            for (Map.Entry<String, List<String>> entry : services.entrySet()) {
                put(out, "META-INF/services/" + entry.getKey(),
                        String.join("\n", entry.getValue()) + "\n");
            }
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(file).toString()));
                    Files.copy(file, out);
                    out.closeEntry();
                }
            }
        }
        return jar;
    }

    Path writeTo(Path pluginsDir) throws IOException {
        return writeTo(pluginsDir, name);
    }

    private void compile(Path classes) throws IOException {
        if (sources.isEmpty()) {
            return;
        }
        Path src = Files.createTempDirectory("fixture-src");
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), "-proc:none"));
        for (Map.Entry<String, String> entry : sources.entrySet()) {
            Path file = src.resolve(entry.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, entry.getValue());
            arguments.add(file.toString());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int status = compiler.run(null, null, null, arguments.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("fixture sources of " + name + " do not compile");
        }
    }

    private static void put(OutputStream out, String entry, String text) throws IOException {
        JarOutputStream jar = (JarOutputStream) out;
        jar.putNextEntry(new JarEntry(entry));
        jar.write(text.getBytes(StandardCharsets.UTF_8));
        jar.closeEntry();
    }

    /** Source of an objective factory named {@code componentName} in package {@code pkg}. */
    static String objectiveSource(String pkg, String simpleName, String componentName,
            String constructorBody) {
        return "package " + pkg + ";\n"
                + "import ai.braid.api.config.*;\n"
                + "import ai.braid.api.spi.*;\n"
                + "public final class " + simpleName + " implements ObjectiveFactory {\n"
                + "  @jakarta.inject.Inject public " + simpleName + "(ai.braid.api.BraidEnvironment env) {\n"
                + "    java.util.Objects.requireNonNull(env);\n"
                + constructorBody + "\n  }\n"
                + "  public String name() { return \"" + componentName + "\"; }\n"
                + "  public String description() { return \"fixture objective\"; }\n"
                + "  public OptionSchema options() { return OptionSchema.EMPTY; }\n"
                + "  public Objective create(ComponentConfig config) {\n"
                + "    throw new UnsupportedOperationException(\"fixture\");\n  }\n}\n";
    }
}
