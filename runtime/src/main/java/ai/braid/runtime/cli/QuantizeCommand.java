package ai.braid.runtime.cli;

import ai.braid.runtime.BraidRuntime;
import ai.braid.runtime.engine.QuantizationReport;
import ai.braid.runtime.engine.QuantizationRun;
import ai.braid.runtime.engine.data.PipelineData;
import ai.braid.runtime.pipeline.AssembledPipeline;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code braid quantize}: exports a checkpoint with int8 weights and compares it with float. */
@Command(name = "quantize", mixinStandardHelpOptions = true,
        description = {
            "Export a trained checkpoint with int8 weights: every Linear and convolution weight"
                    + " as int8 with float scales (train.quantizationScheme: per-channel or"
                    + " per-tensor), everything else float32, into DIR2/model.int8.ndlist with"
                    + " DIR2/manifest.json.",
            "Evaluates the float32 model and the int8 one (its dequantised weights loaded back)"
                    + " on the validation and test splits and prints one JSON line"
                    + " {float: {bytes, file, metrics}, int8: {bytes, file, metrics}, ...},"
                    + " also written to DIR2/quantization.json. Refuses a DIR2 that exists."})
final class QuantizeCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    RuntimeOptions runtime;

    @Mixin
    PipelineOptions pipeline;

    @Mixin
    CheckpointOption checkpoint;

    @Option(names = "--out", paramLabel = "DIR2", required = true,
            description = "The folder to create for the int8 export; must not exist (or be"
                    + " empty).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        // Both checks come before loading plugins and data, which may take a while.
        QuantizationRun.checkOutput(out);
        QuantizationRun.floatCheckpoint(checkpoint.checkpoint);
        BraidRuntime loaded = runtime.load();
        AssembledPipeline assembled = pipeline.assemble(loaded);
        PipelineData data = PipelineData.load(assembled, loaded.environment().cacheDirectory());
        QuantizationReport report = new QuantizationRun(assembled, checkpoint.checkpoint, out)
                .run(data);
        PrintWriter err = spec.commandLine().getErr();
        err.printf("braid quantize: %d weights to int8 (%s); %d bytes float32, %d bytes int8"
                + " (%.2fx smaller); in %s%n", report.export().quantizedParameters(),
                report.export().scheme().label(), report.floatBytes(),
                report.export().fileBytes(),
                (double) report.floatBytes() / report.export().fileBytes(), out);
        report.floatMetrics().forEach((split, values) -> err.printf("  float %-10s %s%n", split,
                MetricsTable.line(values)));
        report.int8Metrics().forEach((split, values) -> err.printf("  int8  %-10s %s%n", split,
                MetricsTable.line(values)));
        err.flush();
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(JSON.writeValueAsString(report.toMap()));
        stdout.flush();
        return Main.OK;
    }
}
