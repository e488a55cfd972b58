package ai.braid.runtime.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code braid predict}: predictions for samples given as JSON lines. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {
            "Predict with a trained checkpoint: JSON lines of samples in, JSON lines of"
                    + " predictions out.",
            "Not available yet in this build: the pipeline is validated, then the command"
                    + " says so and exits 1."})
final class PredictCommand implements Callable<Integer> {

    @Mixin
    RuntimeOptions runtime;

    @Mixin
    PipelineOptions pipeline;

    @Mixin
    CheckpointOption checkpoint;

    @Option(names = "--input", paramLabel = "FILE", required = true,
            description = "JSON lines, one sample per line.")
    Path input;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Where to write predictions (default: standard output).")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return NotYetAvailable.report("predict", pipeline.assemble(runtime.load()),
                spec.commandLine().getErr());
    }
}
