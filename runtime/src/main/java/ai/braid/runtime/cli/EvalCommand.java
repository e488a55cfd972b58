package ai.braid.runtime.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code braid eval}: evaluates a checkpoint on every split. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {
            "Evaluate a trained checkpoint with the task's metrics on each split.",
            "Not available yet in this build: the pipeline is validated, then the command"
                    + " says so and exits 1."})
final class EvalCommand implements Callable<Integer> {

    @Mixin
    RuntimeOptions runtime;

    @Mixin
    PipelineOptions pipeline;

    @Mixin
    CheckpointOption checkpoint;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return NotYetAvailable.report("eval", pipeline.assemble(runtime.load()),
                spec.commandLine().getErr());
    }
}
