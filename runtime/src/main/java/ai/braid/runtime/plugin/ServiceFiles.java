package ai.braid.runtime.plugin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads {@code META-INF/services/<interface>} files, the registration format of {@link
 * java.util.ServiceLoader}.
 *
 * <p>Braid reads them itself instead of through {@code ServiceLoader} because {@code
 * ServiceLoader} rejects a provider without a public no-argument constructor even when only its
 * class is asked for ({@code stream().type()}), and component factories take their dependencies
 * through an {@code @Inject} constructor. Plugin authors register exactly as for {@code
 * ServiceLoader}: one fully qualified class name per line, {@code #} starts a comment.
 */
final class ServiceFiles {

    private ServiceFiles() {}

    /**
     * Lists the implementation class names registered for an interface, in class path order,
     * without duplicates.
     *
     * @param loader the class loader whose resources are read
     * @param service the service interface
     * @return the class names
     */
    static Set<String> implementations(ClassLoader loader, Class<?> service) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        for (URL file : Collections.list(loader.getResources("META-INF/services/" + service.getName()))) {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(file.openStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    int comment = line.indexOf('#');
                    String name = (comment >= 0 ? line.substring(0, comment) : line).trim();
                    if (!name.isEmpty()) {
                        names.add(name);
                    }
                }
            }
        }
        return names;
    }
}
