package ai.braid.runtime.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The checkpoint a command reads, shared by eval and predict. */
final class CheckpointOption {

    @Option(names = "--checkpoint", paramLabel = "DIR", required = true,
            description = "A checkpoint directory written by braid train, or an int8 export"
                    + " written by braid quantize.")
    Path checkpoint;
}
