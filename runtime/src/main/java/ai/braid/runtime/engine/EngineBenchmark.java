package ai.braid.runtime.engine;

import ai.braid.api.UserInputException;
import ai.braid.api.data.Modality;
import ai.braid.api.data.Sample;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.api.spi.ModalityProjector;
import ai.braid.runtime.BraidRuntime;
import ai.braid.runtime.engine.data.PipelineData;
import ai.braid.runtime.engine.optim.ParameterOptimizer;
import ai.braid.runtime.pipeline.AssembledPipeline;
import ai.braid.runtime.pipeline.TrainSettings;
import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times the engine's training step on a pipeline's real data, for {@code bench/engine.sh}.
 *
 * <p>Builds the model exactly as {@link TrainingRun} does, encodes a small pool of training
 * batches once, then runs {@code warmup} untimed and {@code steps} timed {@link TrainingStep}s
 * over the pool, each on its own sub-manager as in training (the pooled batch is copied onto it
 * so that nothing a step makes outlives the step). Data loading and batch encoding are not
 * timed. Also times a large float32 matmul on the same device and threads, the machine's
 * practical FLOP/s ceiling.
 *
 * <p>Prints one JSON line on standard output (logs go to standard error): steps/s, ms/step,
 * the parameter count, the threads asked for, each modality's input shapes, token-sequence
 * shape (B, L, D) and share of real tokens, the text vocabulary size (the row count of the
 * text projector's largest 2-D parameter, its token embedding), the first and last loss, and
 * the matmul FLOP/s. Threads are set as JVM properties:
 * {@code -Dai.djl.pytorch.num_threads=N -Dai.djl.pytorch.num_interop_threads=1}.
 */
@Command(name = "engine-benchmark", mixinStandardHelpOptions = true,
        description = "Time Braid's training step on a pipeline; prints one JSON line.")
public final class EngineBenchmark implements Callable<Integer> {

    @Option(names = "--pipeline", required = true, paramLabel = "FILE",
            description = "The pipeline YAML file.")
    Path pipeline;

    @Option(names = "--plugins-dir", paramLabel = "DIR", defaultValue = "plugins",
            description = "Plugin folders to load (default: plugins).")
    Path pluginsDir;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Component caches (default: $BRAID_CACHE_DIR, else ~/.cache/braid).")
    Path cacheDir;

    @Option(names = "--steps", defaultValue = "200", description = "Timed steps (default 200).")
    int steps;

    @Option(names = "--warmup", defaultValue = "20",
            description = "Untimed steps first (default 20).")
    int warmup;

    @Option(names = "--batch", defaultValue = "64", description = "Samples per step (default 64).")
    int batch;

    @Option(names = "--pool", defaultValue = "8",
            description = "Distinct pre-encoded batches, cycled (default 8).")
    int pool;

    @Option(names = "--matmul-size", defaultValue = "2048",
            description = "Side of the square matmul (default 2048).")
    int matmulSize;

    @Option(names = "--matmul-reps", defaultValue = "5",
            description = "Timed matmuls; the best counts (default 5).")
    int matmulReps;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Pipeline override, applied after train.batch and train.device=cpu."
                    + " Repeatable.")
    List<String> overrides = new ArrayList<>();

    /**
     * Runs the benchmark.
     *
     * @param args the options; {@code --help} lists them
     */
    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new EngineBenchmark());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof UserInputException) {
                line.getErr().println("engine-benchmark: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() throws JsonProcessingException {
        requirePositive("--steps", steps);
        requirePositive("--batch", batch);
        requirePositive("--pool", pool);
        requirePositive("--matmul-size", matmulSize);
        requirePositive("--matmul-reps", matmulReps);
        if (warmup < 0) {
            throw new UserInputException("--warmup: expected 0 or more, got " + warmup);
        }
        BraidRuntime runtime = BraidRuntime.load(pluginsDir, cacheDirectory());
        List<String> all = new ArrayList<>(List.of("train.batch=" + batch, "train.device=cpu"));
        all.addAll(overrides);
        AssembledPipeline assembled = runtime.assemble(runtime.resolve(pipeline, all));
        TrainSettings settings = assembled.spec().train();
        Device device = DeviceChoice.resolve(settings.device());

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("side", "braid");
        report.put("pipeline", assembled.spec().name());
        report.put("device", device.toString());
        report.put("threads", Integer.getInteger("ai.djl.pytorch.num_threads", -1));
        report.put("interop_threads", Integer.getInteger("ai.djl.pytorch.num_interop_threads", -1));
        report.put("batch", batch);
        report.put("steps", steps);
        report.put("warmup", warmup);

        long started = System.nanoTime();
        PipelineData data = PipelineData.load(assembled, runtime.environment().cacheDirectory());
        SampleSet train = data.split(Split.TRAIN);
        if (train.size() == 0) {
            throw new UserInputException("data: the training split is empty");
        }
        try (ModelSetup setup = ModelSetup.create(assembled, data, device, settings.seed());
                NDManager poolManager = setup.manager().newSubManager()) {
            report.put("setup_s", (System.nanoTime() - started) / 1e9);
            report.put("params", setup.parameterCount());
            TrainingStep step = new TrainingStep(setup, new ObjectiveSet(assembled.objectives()),
                    assembled.weighting(), ParameterOptimizer.of(settings, (long) warmup + steps),
                    settings.config().getDouble("clipNorm"), settings.seed());
            List<EncodedBatch> batches = encodePool(assembled, setup, train, poolManager);
            describe(report, assembled, setup, batches.get(0));

            long timedFrom = System.nanoTime();
            for (int i = 0; i < warmup + steps; i++) {
                if (i == warmup) {
                    timedFrom = System.nanoTime();
                }
                try (NDManager manager = setup.manager().newSubManager()) {
                    EncodedBatch pooled = batches.get(i % batches.size());
                    EncodedBatch own = new EncodedBatch(copy(pooled.inputs(), manager),
                            copy(pooled.targets(), manager), pooled.ids());
                    double loss = step.run(own, i, manager).get("loss");
                    if (i == 0) {
                        report.put("loss_first", loss);
                    }
                    report.put("loss_last", loss);
                }
            }
            double seconds = (System.nanoTime() - timedFrom) / 1e9;
            report.put("steps_per_s", steps / seconds);
            report.put("ms_per_step", 1000 * seconds / steps);
        }
        report.put("matmul_size", matmulSize);
        report.put("matmul_flop_s", matmulFlops(device));
        System.out.println(new ObjectMapper().writeValueAsString(report));
        return 0;
    }

    /** The first {@code pool} batches of the training split (wrapping round a small one). */
    private List<EncodedBatch> encodePool(AssembledPipeline assembled, ModelSetup setup,
            SampleSet train, NDManager manager) {
        List<EncodedBatch> batches = new ArrayList<>(pool);
        for (int b = 0; b < pool; b++) {
            List<Sample> samples = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                samples.add(train.get((b * batch + i) % train.size()));
            }
            batches.add(new EncodedBatch(setup.encoder().encode(samples, manager).inputs(),
                    assembled.task().targets(samples, manager),
                    samples.stream().map(Sample::id).toList()));
        }
        return batches;
    }

    /**
     * Adds each modality's input shapes, token-sequence shape and share of real tokens, and the
     * text vocabulary, by running the projectors once on a batch.
     */
    private static void describe(Map<String, Object> report, AssembledPipeline assembled,
            ModelSetup setup, EncodedBatch sample) {
        List<Map<String, Object>> modalities = new ArrayList<>();
        int[] arities = setup.model().arities();
        int offset = 0;
        try (NDManager scratch = setup.manager().newSubManager()) {
            NDList inputs = copy(sample.inputs(), scratch);
            for (int m = 0; m < arities.length; m++) {
                Modality modality = setup.model().modalities().get(m);
                ModalityProjector projector = assembled.projectors().get(modality);
                NDList own = new NDList(inputs.subList(offset, offset + arities[m]));
                offset += arities[m];
                NDList tokens = projector.block().forward(setup.store(), own, false);
                NDArray mask = tokens.get(1).toType(DataType.FLOAT32, false);
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", modality.name());
                entry.put("inputs", own.stream().map(a -> a.getShape().getShape()).toList());
                entry.put("tokens", tokens.get(0).getShape().getShape());
                entry.put("valid_fraction", mask.sum().getFloat() / mask.size());
                modalities.add(entry);
                if (projector.inputType() == String.class && !report.containsKey("vocab")) {
                    report.put("vocab", embeddingRows(projector));
                    report.put("text_length", tokens.get(0).getShape().get(1));
                    report.put("text_valid_fraction", entry.get("valid_fraction"));
                }
            }
        }
        report.put("modalities", modalities);
    }

    /** The row count of a projector's largest 2-D parameter: a token embedding's vocabulary. */
    private static long embeddingRows(ModalityProjector projector) {
        return projector.block().getParameters().values().stream()
                .map(Parameter::getArray)
                .filter(array -> array.getShape().dimension() == 2)
                .mapToLong(array -> array.getShape().get(0))
                .max().orElse(-1);
    }

    /** Copies arrays onto a manager, so the ops that read them leave their results there. */
    private static NDList copy(NDList arrays, NDManager manager) {
        NDList copies = new NDList(arrays.size());
        for (NDArray array : arrays) {
            NDArray duplicate = array.duplicate();
            duplicate.attach(manager);
            copies.add(duplicate);
        }
        return copies;
    }

    /** FLOP/s of the best of {@code matmulReps} square float32 matmuls, after one warm-up. */
    private double matmulFlops(Device device) {
        try (NDManager manager = NDManager.newBaseManager(device)) {
            Shape shape = new Shape(matmulSize, matmulSize);
            NDArray a = manager.randomUniform(0f, 1f, shape);
            NDArray b = manager.randomUniform(0f, 1f, shape);
            a.matMul(b).close();
            double best = Double.MAX_VALUE;
            for (int r = 0; r < matmulReps; r++) {
                long t0 = System.nanoTime();
                try (NDArray c = a.matMul(b)) {
                    // Reading a value waits for the product on devices that queue work.
                    c.get(0, 0).getFloat();
                }
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
            return 2.0 * Math.pow(matmulSize, 3) / best;
        }
    }

    private Path cacheDirectory() {
        if (cacheDir != null) {
            return cacheDir;
        }
        String fromEnv = System.getenv("BRAID_CACHE_DIR");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "braid");
    }

    private static void requirePositive(String option, int value) {
        if (value < 1) {
            throw new UserInputException(option + ": expected 1 or more, got " + value);
        }
    }
}
