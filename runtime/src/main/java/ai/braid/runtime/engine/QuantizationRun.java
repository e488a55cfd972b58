package ai.braid.runtime.engine;

import ai.braid.api.UserInputException;
import ai.braid.runtime.engine.checkpoint.CheckpointStore;
import ai.braid.runtime.engine.data.PipelineData;
import ai.braid.runtime.engine.quant.Int8Export;
import ai.braid.runtime.engine.quant.QuantizationScheme;
import ai.braid.runtime.engine.quant.WeightQuantizer;
import ai.braid.runtime.pipeline.AssembledPipeline;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports a checkpoint with int8 weights ({@code braid quantize}) and measures what that costs:
 * the float32 model is evaluated, every Linear and convolution weight is written as int8 with
 * float scales ({@link Int8Export}, the scheme of {@code train.quantizationScheme}), the
 * export's dequantised weights are loaded back into the model, which is evaluated again, and
 * both sizes (actual files) and metrics go to {@code quantization.json} in the output folder.
 * The projectors' fitted states (vocabularies) are copied beside the weights, so {@code braid
 * eval} and {@code braid predict} take the export as their checkpoint.
 *
 * <p>The output folder is written under a temporary name and renamed when complete; an existing
 * output is never overwritten.
 */
public final class QuantizationRun {

    /** The report's file in the output folder. */
    public static final String REPORT = "quantization.json";
    private static final Logger LOG = LoggerFactory.getLogger(QuantizationRun.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final AssembledPipeline pipeline;
    private final Path checkpoint;
    private final Path out;

    /**
     * Prepares an export.
     *
     * @param pipeline the pipeline the checkpoint was trained with
     * @param checkpoint a run directory, its checkpoint folder or an epoch folder
     * @param out the folder to create
     */
    public QuantizationRun(AssembledPipeline pipeline, Path checkpoint, Path out) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint");
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Refuses an output folder that exists, unless it is an empty directory.
     *
     * @param out the output folder
     * @throws UserInputException if it exists and is a file or holds anything
     */
    public static void checkOutput(Path out) {
        if (!Files.exists(out)) {
            return;
        }
        boolean empty = false;
        if (Files.isDirectory(out)) {
            try (Stream<Path> entries = Files.list(out)) {
                empty = entries.findAny().isEmpty();
            } catch (IOException e) {
                throw new UserInputException("cannot read --out " + out + ": " + e.getMessage());
            }
        }
        if (!empty) {
            throw new UserInputException("--out " + out + " already exists; choose a new folder"
                    + " for the int8 export (nothing was overwritten)");
        }
    }

    /**
     * Finds the float checkpoint a command line names.
     *
     * @param checkpoint a run directory, its checkpoint folder or an epoch folder
     * @return the epoch folder
     * @throws UserInputException if it is an int8 export already or holds no checkpoint
     */
    public static Path floatCheckpoint(Path checkpoint) {
        if (Int8Export.isExport(checkpoint)) {
            throw new UserInputException("--checkpoint " + checkpoint + " is an int8 export"
                    + " already; quantize the float checkpoint it came from (its "
                    + REPORT + " names it)");
        }
        return CheckpointStore.resolve(checkpoint);
    }

    /**
     * Evaluates, exports, reloads and evaluates again.
     *
     * @param data the pipeline's data
     * @return the report, also written to {@code quantization.json} in the output folder
     * @throws UserInputException if the output exists or the checkpoint is missing or does not
     *     fit the pipeline
     */
    public QuantizationReport run(PipelineData data) {
        checkOutput(out);
        Path folder = floatCheckpoint(checkpoint);
        QuantizationScheme scheme = QuantizationScheme.of(
                pipeline.spec().train().quantizationScheme());
        Path temporary = temporaryFolder();
        try {
            QuantizationReport report;
            try (TrainedModel model = TrainedModel.load(pipeline, folder, data)) {
                ModelSetup setup = model.setup();
                // The float model as it is, even if it was trained int8-aware.
                Map<String, Map<String, Double>> floatMetrics = model.evaluate(data,
                        WeightQuantizer.none());
                WeightQuantizer quantizer = WeightQuantizer.of(setup.model(), scheme);
                List<Pair<String, Parameter>> parameters = setup.model().namedParameters();
                Int8Export.Summary summary;
                try (NDManager scratch = setup.manager().newSubManager()) {
                    summary = Int8Export.write(temporary, parameters, quantizer, scratch);
                }
                // With the vocabularies beside the weights, eval and predict load the export.
                CheckpointStore.writeProjectorStates(temporary,
                        CheckpointStore.readProjectorStates(folder));
                LOG.info("int8 export: {} weights ({} values) quantised {}, {} bytes",
                        summary.quantizedParameters(), summary.quantizedValues(),
                        scheme.label(), summary.fileBytes());
                try (NDManager scratch = setup.manager().newSubManager()) {
                    Int8Export.load(temporary, parameters, scratch);
                }
                Map<String, Map<String, Double>> int8Metrics = model.evaluate(data,
                        WeightQuantizer.none());
                Path floatFile = CheckpointStore.parametersFile(folder);
                report = new QuantizationReport(pipeline.spec().name(), folder.toString(),
                        floatFile.toString(), Files.size(floatFile), floatMetrics,
                        out.resolve(Int8Export.PARAMETERS).toString(), summary, int8Metrics);
            }
            JSON.writeValue(temporary.resolve(REPORT).toFile(), report.toMap());
            if (Files.isDirectory(out)) {
                // Empty, as checked: the rename needs the name free.
                Files.delete(out);
            }
            Files.move(temporary, out, StandardCopyOption.ATOMIC_MOVE);
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the int8 export " + out, e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    private Path temporaryFolder() {
        Path parent = out.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, "." + out.getFileName() + "-");
        } catch (IOException e) {
            throw new UserInputException("cannot write to " + parent + ": " + e.getMessage());
        }
    }

    private static void deleteQuietly(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warn("could not delete the temporary folder {}: {}", root, e.toString());
        }
    }
}
