package ai.braid.api.data;

import java.nio.file.Path;

/**
 * Where dataset readers look for installed data: under the Braid installation when it is
 * known.
 *
 * <p>The launcher and the build's tests set the system property {@value #HOME_PROPERTY} to the
 * installation (the repository root in a checkout), and scripts/setup.sh installs data into
 * its {@code data/} folder, so a reader's default directory works from any working directory.
 */
public final class DataDirectories {

    /** The system property naming the Braid installation. */
    public static final String HOME_PROPERTY = "braid.home";

    private DataDirectories() {}

    /**
     * Returns the default directory of one dataset.
     *
     * @param name the folder under {@code data/}, e.g. "emoji"
     * @return {@code <braid.home>/data/<name>} when the property is set, else {@code
     *     data/<name>} (relative to the working directory)
     */
    public static String defaultDirectory(String name) {
        return resolve(Path.of("data", name)).toString();
    }

    /**
     * Resolves a relative directory against the installation.
     *
     * @param directory a directory
     * @return the directory itself if absolute or if {@value #HOME_PROPERTY} is not set,
     *     otherwise the directory under the installation
     */
    public static Path resolve(Path directory) {
        String home = System.getProperty(HOME_PROPERTY);
        if (directory.isAbsolute() || home == null || home.isBlank()) {
            return directory;
        }
        return Path.of(home).resolve(directory);
    }
}
