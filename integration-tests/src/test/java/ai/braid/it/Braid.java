package ai.braid.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs {@code bin/braid} and other commands of the checkout as a user would. */
final class Braid {

    /** The repository root. */
    static final Path HOME = Path.of(System.getProperty("braid.home", "..")).toAbsolutePath()
            .normalize();

    private static Path examplePlugins;

    private Braid() {}

    /** What a command printed and returned. */
    record Result(int exitCode, String out, String err) {}

    /** Runs {@code bin/braid args...} in the repository root, for at most 120 s. */
    static Result braid(String... args) throws IOException, InterruptedException {
        return braidWithin(120, args);
    }

    /**
     * Runs {@code bin/braid args...} in the repository root, for at most the given time: a
     * training run on a busy 2-core machine takes several times its quiet time.
     */
    static Result braidWithin(int timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(HOME.resolve("bin/braid").toString());
        command.addAll(List.of(args));
        return run(command, timeoutSeconds);
    }

    /** A command's arguments followed by the settings every command of a test class adds. */
    static String[] followedBy(String[] first, String[] settings) {
        String[] all = Arrays.copyOf(first, first.length + settings.length);
        System.arraycopy(settings, 0, all, first.length, settings.length);
        return all;
    }

    static Result run(List<String> command, int timeoutSeconds)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("braid-out", ".txt");
        Path err = Files.createTempFile("braid-err", ".txt");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(HOME.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        command + " did not finish in " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The names of the components of one plugin entry of {@code braid plugins --json}. */
    static List<String> componentNames(com.fasterxml.jackson.databind.JsonNode plugin) {
        List<String> names = new ArrayList<>();
        plugin.get("components").forEach(component -> names.add(component.get("name").asText()));
        return names;
    }

    /** The plugins the build installs into plugins/. */
    static final List<String> FIRST_PARTY =
            List.of("ssesf", "pcme", "muse", "betavae", "editing", "fashion");

    /**
     * A plugins directory holding copies of the first-party plugin folders and nothing else
     * (a user may have dropped more into plugins/), so a test can add to it safely.
     */
    static Path copyOfFirstPartyPlugins(Path target) throws IOException {
        for (String plugin : FIRST_PARTY) {
            copyFolder(HOME.resolve("plugins").resolve(plugin), target.resolve(plugin));
        }
        return target;
    }

    static void copyFolder(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName().toString()));
            }
        }
    }

    /**
     * Builds the example third-party plugin (a separate Maven project built against the api
     * alone) once, and returns the plugins directory it was installed into.
     */
    static synchronized Path examplePlugins() throws IOException, InterruptedException {
        if (examplePlugins == null) {
            Path target = HOME.resolve("integration-tests/target/example-plugins");
            Result build = run(List.of("mvn", "-q", "-B", "-f",
                    HOME.resolve("examples/signal-plugin/pom.xml").toString(), "package",
                    "-DskipTests", "-Dbraid.plugins.dir=" + target), 600);
            if (build.exitCode() != 0) {
                throw new IllegalStateException("the example plugin does not build:\n"
                        + build.out() + build.err());
            }
            examplePlugins = target;
        }
        return examplePlugins;
    }
}
