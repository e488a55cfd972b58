package ai.braid.runtime.cli;

import ai.braid.api.UserInputException;
import ai.braid.runtime.BraidRuntime;
import ai.braid.runtime.engine.TrainingRun;
import ai.braid.runtime.pipeline.AssembledPipeline;
import ai.braid.runtime.report.RunReport;
import java.io.PrintWriter;
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
            "Refuses a DIR that already holds a run, unless it is continued with --resume."})
final class TrainCommand implements Callable<Integer> {

    @Mixin
    RuntimeOptions runtime;

    @Mixin
    PipelineOptions pipeline;

    @Option(names = "--out", paramLabel = "DIR", description = "Results directory"
            + " (default: runs/<pipeline name>).")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the run whose results are in DIR from its latest"
                    + " checkpoint, along the same curve as an uninterrupted run.")
    Path resume;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (out != null && resume != null && !out.equals(resume)) {
            throw new UserInputException("--out " + out + " and --resume " + resume
                    + " name different folders; a resumed run writes into the folder it"
                    + " resumes, so give only --resume");
        }
        BraidRuntime loaded = runtime.load();
        AssembledPipeline assembled = pipeline.assemble(loaded);
        Path directory = resume != null ? resume
                : out != null ? out : Path.of("runs", assembled.spec().name());
        RunReport report = new TrainingRun(assembled, directory,
                loaded.environment().cacheDirectory(), resume != null).run();
        PrintWriter err = spec.commandLine().getErr();
        err.printf("braid train: %d epochs, %d steps in %.0f s; results in %s%n",
                report.epochs(), report.steps(), report.wallSeconds(), directory);
        report.metrics().forEach((split, values) -> err.printf("  %-10s %s%n", split,
                MetricsTable.line(values)));
        err.flush();
        return Main.OK;
    }
}
