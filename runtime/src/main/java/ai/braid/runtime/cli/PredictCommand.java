package ai.braid.runtime.cli;

import ai.braid.api.data.Sample;
import ai.braid.runtime.BraidRuntime;
import ai.braid.runtime.engine.TrainedModel;
import ai.braid.runtime.engine.data.PipelineData;
import ai.braid.runtime.engine.data.SampleJson;
import ai.braid.runtime.pipeline.AssembledPipeline;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
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
            "Predict with a trained checkpoint: JSON lines of samples in ({\"id\": ...,"
                    + " <modality>: value}; file paths relative to the input file), JSON lines"
                    + " of predictions out."})
final class PredictCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

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

    /**
     * Loads the checkpoint. The model's shapes are set by a forward pass over samples holding
     * every modality; a task may answer samples with fewer (a retrieval query holds one), so
     * when no input sample is complete the dataset's first samples set the shapes.
     */
    private TrainedModel load(AssembledPipeline assembled, BraidRuntime loaded,
            List<Sample> samples) {
        List<Sample> complete = samples.stream()
                .filter(sample -> assembled.projectors().keySet().stream()
                        .allMatch(modality -> sample.findInput(modality).isPresent()))
                .toList();
        if (!complete.isEmpty()) {
            return TrainedModel.load(assembled, checkpoint.checkpoint, complete);
        }
        return TrainedModel.load(assembled, checkpoint.checkpoint,
                PipelineData.load(assembled, loaded.environment().cacheDirectory()));
    }

    @Override
    public Integer call() throws IOException {
        BraidRuntime loaded = runtime.load();
        AssembledPipeline assembled = pipeline.assemble(loaded);
        List<Sample> samples = PipelineData.extraction(assembled,
                loaded.environment().cacheDirectory())
                .apply(SampleJson.read(input, assembled.reader().modalities()), "input");
        List<Map<String, Object>> predictions;
        try (TrainedModel model = load(assembled, loaded, samples)) {
            predictions = model.predict(samples);
        }
        StringBuilder lines = new StringBuilder();
        for (Map<String, Object> prediction : predictions) {
            lines.append(JSON.writeValueAsString(prediction)).append('\n');
        }
        if (output != null) {
            Path temporary = Files.createTempFile(output.toAbsolutePath().getParent(),
                    "." + output.getFileName(), ".tmp");
            Files.writeString(temporary, lines);
            Files.move(temporary, output, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.print(lines);
            out.flush();
        }
        return Main.OK;
    }
}
