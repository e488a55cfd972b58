package ai.braid.runtime.cli;

import ai.braid.runtime.pipeline.PipelineSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** Writes a pipeline with every default filled in, so a run can be reproduced exactly. */
final class ResolvedConfig {

    /** File name of the resolved pipeline next to a run's results. */
    static final String FILE_NAME = "resolved.yaml";

    private ResolvedConfig() {}

    static String toYaml(PipelineSpec spec) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        return "# Resolved from " + spec.file() + " with every default filled in.\n"
                + new Yaml(options).dump(spec.toResolvedMap());
    }

    /**
     * Writes {@value #FILE_NAME} into a directory atomically, so a failure never leaves a
     * half-written file over a good one.
     */
    static Path write(PipelineSpec spec, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path target = directory.resolve(FILE_NAME);
        Path temporary = Files.createTempFile(directory, FILE_NAME, ".tmp");
        Files.writeString(temporary, toYaml(spec));
        return Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }
}
