package ai.braid.runtime.cli;

import ai.braid.runtime.BraidRuntime;
import ai.braid.runtime.pipeline.AssembledPipeline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The pipeline file and its overrides, shared by the commands that run a pipeline. */
final class PipelineOptions {

    @Parameters(index = "0", paramLabel = "PIPELINE", description = "The pipeline YAML file.")
    Path pipeline;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a value of the pipeline, e.g. --set train.epochs=3 or"
                    + " --set fusion.name=concat. Repeatable; applied in order.")
    List<String> overrides = new ArrayList<>();

    /** Resolves, validates and assembles the pipeline. */
    AssembledPipeline assemble(BraidRuntime runtime) {
        return runtime.assemble(runtime.resolve(pipeline, overrides));
    }
}
