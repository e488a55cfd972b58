package ai.braid.runtime.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code braid train}: trains a pipeline and writes its results. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {
            "Train a pipeline. Writes DIR/metrics.jsonl, DIR/report.json, DIR/checkpoint/,"
                    + " DIR/plots/*.png and DIR/resolved.yaml.",
            "Not available yet in this build: the pipeline is validated, then the command"
                    + " says so and exits 1."})
final class TrainCommand implements Callable<Integer> {

    @Mixin
    RuntimeOptions runtime;

    @Mixin
    PipelineOptions pipeline;

    @Option(names = "--out", paramLabel = "DIR", description = "Results directory"
            + " (default: runs/<pipeline name>).")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the run whose results are in DIR from its checkpoint.")
    Path resume;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return NotYetAvailable.report("train", pipeline.assemble(runtime.load()),
                spec.commandLine().getErr());
    }
}
