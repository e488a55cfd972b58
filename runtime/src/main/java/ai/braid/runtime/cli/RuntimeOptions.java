package ai.braid.runtime.cli;

import ai.braid.runtime.BraidRuntime;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command shares: where plugins come from, where caches go. */
final class RuntimeOptions {

    @Option(names = "--plugins-dir", paramLabel = "DIR",
            description = "Plugin folders to load (default: $BRAID_PLUGINS_DIR, else the"
                    + " plugins/ directory of the Braid installation).")
    Path pluginsDir;

    /** Loads the runtime with the chosen directories. */
    BraidRuntime load() {
        return BraidRuntime.load(pluginsDirectory(), cacheDirectory());
    }

    Path pluginsDirectory() {
        if (pluginsDir != null) {
            return pluginsDir;
        }
        String fromEnv = System.getenv("BRAID_PLUGINS_DIR");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        String home = System.getProperty("braid.home");
        return home == null ? Path.of("plugins") : Path.of(home, "plugins");
    }

    private static Path cacheDirectory() {
        String fromEnv = System.getenv("BRAID_CACHE_DIR");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "braid");
    }
}
