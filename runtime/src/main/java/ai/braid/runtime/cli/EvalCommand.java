package ai.braid.runtime.cli;

import ai.braid.runtime.BraidRuntime;
import ai.braid.runtime.engine.TrainedModel;
import ai.braid.runtime.engine.data.PipelineData;
import ai.braid.runtime.pipeline.AssembledPipeline;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code braid eval}: evaluates a checkpoint on every split. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {
            "Evaluate a trained checkpoint with the task's metrics on the validation and test"
                    + " splits.",
            "Prints a JSON object {split: {metric: value}} on standard output.",
            "With --figures DIR the task also draws its figures of the model (PNG) into DIR."})
final class EvalCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    @Mixin
    RuntimeOptions runtime;

    @Mixin
    PipelineOptions pipeline;

    @Mixin
    CheckpointOption checkpoint;

    @Option(names = "--figures", paramLabel = "DIR",
            description = "Also draw the task's figures of the checkpoint's model (PNG files,"
                    + " e.g. reconstructions) into DIR.")
    Path figures;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        BraidRuntime loaded = runtime.load();
        AssembledPipeline assembled = pipeline.assemble(loaded);
        PipelineData data = PipelineData.load(assembled, loaded.environment().cacheDirectory());
        Map<String, Map<String, Double>> results;
        try (TrainedModel model = TrainedModel.load(assembled, checkpoint.checkpoint, data)) {
            results = model.evaluate(data);
            if (figures != null) {
                model.drawFigures(figures, data);
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        results.forEach((split, values) -> err.printf("  %-10s %s%n", split,
                MetricsTable.line(values)));
        if (figures != null) {
            err.printf("  figures in %s%n", figures);
        }
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        out.println(JSON.writeValueAsString(results));
        out.flush();
        return Main.OK;
    }
}
