package ai.braid.runtime.pipeline;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.runtime.BraidRuntime;
import ai.braid.runtime.config.ConfigException;
import ai.braid.runtime.config.ConfigProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * The real runtime (the classpath plugins "core" and "test-fixtures", no plugin folders) and
 * helpers to write pipelines and collect the problems they are rejected with.
 */
final class TestPipelines {

    private TestPipelines() {}

    /** Loads the runtime with an empty plugins directory under {@code dir}. */
    static BraidRuntime load(Path dir) {
        try {
            Path plugins = Files.createDirectories(dir.resolve("plugins"));
            return BraidRuntime.load(plugins, dir.resolve("cache"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a pipeline file. */
    static Path write(Path dir, String name, String yaml) {
        try {
            return Files.writeString(dir.resolve(name), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code call}, expects a {@link ConfigException} and returns its problems. */
    static List<ConfigProblem> problems(ThrowingCallable call) {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        assertThatThrownBy(() -> {
            try {
                call.call();
            } catch (Throwable t) {
                thrown.set(t);
                throw t;
            }
        }).isInstanceOf(ConfigException.class);
        return ((ConfigException) thrown.get()).problems();
    }
}
