package ai.braid.runtime.cli;

import ai.braid.runtime.BraidRuntime;
import ai.braid.runtime.engine.ShapeCheck;
import ai.braid.runtime.pipeline.AssembledPipeline;
import ai.braid.runtime.pipeline.ResolvedConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code braid validate}: checks a pipeline without training. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {
            "Check a pipeline file: every component name, every option, that the"
                    + " components fit together (modalities, input types, the outputs and"
                    + " targets each objective reads), and that one tiny batch of training"
                    + " samples runs through the model and its objectives.",
            "Exits 0 if it is valid, 2 with every problem (YAML path, line, what is expected)"
                    + " if not."})
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    RuntimeOptions runtime;

    @Mixin
    PipelineOptions pipeline;

    @Option(names = "--no-batch",
            description = "Skip running one tiny batch through the model (reads no data).")
    boolean noBatch;

    @Option(names = "--print-resolved",
            description = "Print the pipeline with every default filled in, as YAML.")
    boolean printResolved;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        BraidRuntime loaded = runtime.load();
        AssembledPipeline assembled = pipeline.assemble(loaded);
        String batch = noBatch ? null
                : ShapeCheck.run(assembled, loaded.environment().cacheDirectory());
        PrintWriter out = spec.commandLine().getOut();
        if (printResolved) {
            out.print(ResolvedConfig.toYaml(assembled.spec()));
        } else {
            out.printf("%s: valid pipeline '%s' (task %s, %d modalities: %s, fusion %s,"
                            + " objectives %s)%n",
                    pipeline.pipeline, assembled.spec().name(),
                    assembled.spec().task().component().name(), assembled.projectors().size(),
                    assembled.projectors().keySet(), assembled.spec().fusion().component().name(),
                    assembled.objectives().stream()
                            .map(objective -> objective.name()).toList());
            if (batch != null) {
                out.println("  " + batch);
            }
        }
        out.flush();
        return Main.OK;
    }
}
