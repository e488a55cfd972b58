package ai.braid.runtime.engine;

import ai.braid.api.UserInputException;
import ai.braid.api.data.MetricValue;
import ai.braid.api.data.Sample;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.runtime.engine.checkpoint.CheckpointStore;
import ai.braid.runtime.engine.checkpoint.TrainingState;
import ai.braid.runtime.engine.data.PipelineData;
import ai.braid.runtime.engine.optim.ParameterOptimizer;
import ai.braid.runtime.pipeline.AssembledPipeline;
import ai.braid.runtime.pipeline.ResolvedConfig;
import ai.braid.runtime.pipeline.TrainSettings;
import ai.braid.runtime.report.CurvePlots;
import ai.braid.runtime.report.MetricRecord;
import ai.braid.runtime.report.MetricsLog;
import ai.braid.runtime.report.Progress;
import ai.braid.runtime.report.RunReport;
import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a pipeline and writes its results in a run directory: {@code metrics.jsonl}, {@code
 * report.json}, {@code checkpoint/}, {@code plots/*.png} and {@code resolved.yaml}.
 *
 * <p>Each epoch shuffles the training split with the seed and the epoch, each step reseeds the
 * engine with the seed and the step, and each epoch ends with evaluation on the validation and
 * test splits and a checkpoint. The validation split's selection metric picks the best epoch
 * and drives early stopping; the report gives the best epoch's model evaluated on every split,
 * and the task draws its figures of that model into {@code plots/}. A run resumed from its last
 * checkpoint therefore continues exactly as if uninterrupted. With {@code train.epochs: 0} the
 * untrained model is evaluated, checkpointed and reported as epoch 0.
 */
public final class TrainingRun {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);
    private static final int LOG_EVERY_STEPS = 50;

    private final AssembledPipeline pipeline;
    private final Path out;
    private final Path cacheRoot;
    private final boolean resume;

    /**
     * Prepares a run.
     *
     * @param pipeline the assembled pipeline
     * @param out the run directory
     * @param cacheRoot where extractor results are cached
     * @param resume continue the run in {@code out} from its latest checkpoint
     */
    public TrainingRun(AssembledPipeline pipeline, Path out, Path cacheRoot, boolean resume) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.out = Objects.requireNonNull(out, "out");
        this.cacheRoot = Objects.requireNonNull(cacheRoot, "cacheRoot");
        this.resume = resume;
    }

    /**
     * Trains, evaluates and writes every result.
     *
     * @return the report written to {@code report.json}
     * @throws UserInputException if the run directory, data or configuration is unusable
     * @throws TrainingDivergedException if a loss becomes NaN or infinite
     */
    public RunReport run() {
        TrainSettings settings = pipeline.spec().train();
        CheckpointStore checkpoints = new CheckpointStore(out.resolve("checkpoint"));
        String resolved = ResolvedConfig.toYaml(pipeline.spec());
        prepareDirectory(checkpoints, resolved);
        Device device = DeviceChoice.resolve(settings.device());
        long started = System.nanoTime();
        PipelineData data = PipelineData.load(pipeline, cacheRoot);
        SampleSet train = data.split(Split.TRAIN);
        if (train.size() == 0) {
            throw new UserInputException("data: the training split is empty; the reader '"
                    + pipeline.spec().data().component().name() + "' gave no training samples");
        }
        // A resumed run reads its own fitted states; the runs it started from may be gone.
        Path latest = resume ? checkpoints.latest().orElseThrow() : null;
        Map<String, byte[]> states = resume ? CheckpointStore.readProjectorStates(latest)
                : ModelSetup.inheritedStates(pipeline);
        try (ModelSetup setup = ModelSetup.create(pipeline, data, states, device,
                settings.seed())) {
            if (!resume) {
                setup.initializeProjectors(pipeline);
            }
            LOG.info("model: {} parameters ({} not trained) on {}", setup.parameterCount(),
                    setup.frozenParameterCount(), device);
            if (setup.quantizer().isEnabled()) {
                LOG.info("quantization-aware training: {} weights fake-quantised to int8 ({})",
                        setup.quantizer().weights().size(), setup.quantizer().scheme().label());
            }
            int batch = settings.batch();
            long stepsPerEpoch = (train.size() + batch - 1) / batch;
            ParameterOptimizer optimizer = ParameterOptimizer.of(settings,
                    stepsPerEpoch * settings.epochs());
            ObjectiveSet objectives = new ObjectiveSet(pipeline.objectives());
            TrainingState state = resume ? restore(latest, setup, optimizer)
                    : new TrainingState(0, 0, settings.seed(), 0, Double.NaN, 0);
            Selection selection = new Selection(settings.config().getString("selectionMetric")
                    .isEmpty() ? pipeline.task().selectionMetric()
                    : settings.config().getString("selectionMetric"));
            // A quantization-aware run validates the int8 model it trains.
            Evaluation evaluation = new Evaluation(setup, pipeline.task(), objectives, batch,
                    setup.quantizer());
            TrainingStep step = new TrainingStep(setup, objectives, pipeline.weighting(),
                    optimizer, settings.config().getDouble("clipNorm"), settings.seed());
            Loop loop = new Loop(settings, data, setup, step, evaluation, optimizer,
                    checkpoints, selection, resolved, stepsPerEpoch);
            state = loop.run(state);
            RunReport report = finish(state, selection, checkpoints, device,
                    (System.nanoTime() - started) / 1e9, loop.trainedSamples,
                    loop.stoppedEarly);
            drawFigures(setup, checkpoints, data);
            return report;
        }
    }

    /**
     * Lets the task draw its figures of the best epoch's model into {@code plots/}. The run's
     * results are complete by then, so a failure is logged rather than failing the run; {@code
     * braid eval --figures} draws them again.
     */
    private void drawFigures(ModelSetup setup, CheckpointStore checkpoints, PipelineData data) {
        Path directory = CurvePlots.dir(out);
        try {
            Path best = checkpoints.best().orElseThrow();
            // The model holds the latest epoch's parameters.
            if (!best.equals(checkpoints.latest().orElseThrow())) {
                setup.loadParameters(best);
            }
            TaskFigures.draw(setup, pipeline.task(), directory, data);
        } catch (RuntimeException e) {
            LOG.warn("could not draw the task's figures in {}: {}", directory, e.toString(), e);
        }
    }

    private void prepareDirectory(CheckpointStore checkpoints, String resolved) {
        try {
            if (resume) {
                if (checkpoints.latest().isEmpty()) {
                    throw new UserInputException("--resume " + out + ": no checkpoint there to"
                            + " resume from (expected " + out.resolve("checkpoint")
                            .resolve(CheckpointStore.POINTER) + ")");
                }
            } else if (Files.exists(MetricsLog.file(out))
                    || checkpoints.latest().isPresent()) {
                throw new UserInputException("--out " + out + " already holds a run; continue"
                        + " it with --resume " + out + ", or choose another --out folder"
                        + " (nothing was overwritten)");
            }
            Files.createDirectories(out);
            Files.writeString(out.resolve("resolved.yaml"), resolved);
        } catch (IOException e) {
            throw new UserInputException("cannot write to " + out + ": " + e.getMessage());
        }
    }

    private TrainingState restore(
            Path latest, ModelSetup setup, ParameterOptimizer optimizer) {
        TrainingState state = CheckpointStore.readState(latest);
        if (state.seed() != pipeline.spec().train().seed()) {
            throw new UserInputException("--resume " + out + ": the run used seed "
                    + state.seed() + " but the pipeline now says train.seed = "
                    + pipeline.spec().train().seed() + "; resume with the same seed");
        }
        setup.loadParameters(latest);
        try (NDManager scratch = setup.manager().newSubManager()) {
            NDList saved = CheckpointStore.readOptimizerState(latest, scratch);
            optimizer.restore(saved, setup.model().namedParameters());
        }
        try {
            int dropped = MetricsLog.truncateAfter(MetricsLog.file(out), state.step());
            LOG.info("resuming {} after epoch {} (step {}); {} later metric lines dropped", out,
                    state.epoch(), state.step(), dropped);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return state;
    }

    /**
     * Writes report.json from the best epoch's evaluation, as logged in metrics.jsonl when that
     * epoch ended (its model is the best checkpoint's, so evaluating it again would repeat it).
     */
    private RunReport finish(TrainingState state, Selection selection,
            CheckpointStore checkpoints, Device device, double seconds, long trainedSamples,
            boolean stoppedEarly) {
        Path best = checkpoints.best().orElseThrow();
        int bestEpoch = CheckpointStore.readState(best).epoch();
        RunReport.Builder report = RunReport.builder()
                .setPipeline(pipeline.spec().name())
                .setSeed(state.seed())
                .setEpochs(state.epoch())
                .setSteps(state.step())
                .setWallSeconds(seconds)
                .setDevice(device.toString())
                .optSamplesPerSecond(trainedSamples / Math.max(seconds, 1e-9))
                .optStoppedEarly(stoppedEarly)
                .putExtra("checkpoint", out.relativize(best).toString());
        if (!Double.isNaN(state.bestValue())) {
            report.optSelection(selection.metric, state.bestValue(), bestEpoch);
        }
        try {
            for (MetricRecord record : MetricsLog.readAll(MetricsLog.file(out))) {
                if (record.epoch() == bestEpoch && !record.split().equals(MetricRecord.TRAIN)) {
                    report.addMetrics(record.split(), record.values());
                }
            }
            RunReport written = report.build();
            written.write(out);
            LOG.info("done: best epoch {} of {}, results in {}", bestEpoch, state.epoch(), out);
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + RunReport.file(out), e);
        }
    }

    static Map<String, Double> values(List<MetricValue> values) {
        Map<String, Double> map = new LinkedHashMap<>();
        values.forEach(value -> map.put(value.name(), value.value()));
        return map;
    }

    /** The metric that picks the best epoch, and which way is better. */
    private static final class Selection {

        private final String metric;

        Selection(String metric) {
            this.metric = metric;
        }

        /** Returns the metric's value, or fails naming the metrics there are. */
        MetricValue find(List<MetricValue> values) {
            return values.stream().filter(value -> value.name().equals(metric)).findFirst()
                    .orElseThrow(() -> new UserInputException("train.selectionMetric: '"
                            + metric + "' is not among the validation metrics "
                            + values.stream().map(MetricValue::name).toList()));
        }

        boolean improves(MetricValue candidate, double best) {
            if (Double.isNaN(candidate.value())) {
                return false;
            }
            if (Double.isNaN(best)) {
                return true;
            }
            return candidate.higherIsBetter() ? candidate.value() > best
                    : candidate.value() < best;
        }
    }

    /** The epochs of one run. */
    private final class Loop {

        private final TrainSettings settings;
        private final PipelineData data;
        private final ModelSetup setup;
        private final TrainingStep step;
        private final Evaluation evaluation;
        private final ParameterOptimizer optimizer;
        private final CheckpointStore checkpoints;
        private final Selection selection;
        private final String resolved;
        private final long stepsPerEpoch;
        private final Map<String, byte[]> projectorStates;
        private long trainedSamples;
        private boolean stoppedEarly;

        Loop(TrainSettings settings, PipelineData data, ModelSetup setup, TrainingStep step,
                Evaluation evaluation, ParameterOptimizer optimizer,
                CheckpointStore checkpoints, Selection selection, String resolved,
                long stepsPerEpoch) {
            this.settings = settings;
            this.data = data;
            this.setup = setup;
            this.step = step;
            this.evaluation = evaluation;
            this.optimizer = optimizer;
            this.checkpoints = checkpoints;
            this.selection = selection;
            this.resolved = resolved;
            this.stepsPerEpoch = stepsPerEpoch;
            // Fitted once before training; saved with every checkpoint.
            this.projectorStates = FittedProjectors.states(pipeline.projectors());
        }

        TrainingState run(TrainingState initial) {
            TrainingState state = initial;
            int patience = settings.config().getInt("patience");
            long started = System.nanoTime();
            try (MetricsLog log = MetricsLog.open(out);
                    Progress progress = Progress.create()) {
                progress.start(stepsPerEpoch * settings.epochs(), state.step());
                if (settings.epochs() == 0 && !resume) {
                    // The untrained model goes through exactly the evaluation, checkpoint and
                    // report a trained one gets, as "epoch 0".
                    state = endEpoch(0, state.step(), state, log, progress, started);
                }
                while (state.epoch() < settings.epochs()) {
                    int epoch = state.epoch() + 1;
                    long stepAfter = trainEpoch(epoch, state.step(), log, progress, started);
                    state = endEpoch(epoch, stepAfter, state, log, progress, started);
                    if (patience > 0 && state.epochsWithoutImprovement() >= patience) {
                        progress.message("stopping early: no improvement of "
                                + selection.metric + " for " + patience + " epochs");
                        stoppedEarly = true;
                        break;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write results in " + out, e);
            }
            return state;
        }

        /**
         * Evaluates the validation and test splits after an epoch, picks the best epoch so far,
         * writes the checkpoint and redraws the plots.
         *
         * @param epoch the epoch just completed; 0 for the untrained model
         * @param stepAfter the steps completed
         * @param state where the run stood before the epoch
         * @return where it stands now
         */
        private TrainingState endEpoch(int epoch, long stepAfter, TrainingState state,
                MetricsLog log, Progress progress, long started) throws IOException {
            List<MetricValue> validation = evaluate(Split.VALIDATION, epoch, stepAfter, log,
                    started);
            evaluate(Split.TEST, epoch, stepAfter, log, started);
            boolean best;
            int bad;
            double bestValue = state.bestValue();
            int bestEpoch = state.bestEpoch();
            if (validation.isEmpty()) {
                best = true;
                bad = 0;
            } else {
                MetricValue value = selection.find(validation);
                best = selection.improves(value, bestValue);
                bad = best ? 0 : state.epochsWithoutImprovement() + 1;
                if (best) {
                    bestValue = value.value();
                    bestEpoch = epoch;
                }
                progress.message(String.format("epoch %d: validation %s = %.4f%s",
                        epoch, value.name(), value.value(), best ? " (best)" : ""));
            }
            TrainingState after = new TrainingState(epoch, stepAfter, state.seed(),
                    validation.isEmpty() ? epoch : bestEpoch, bestValue, bad);
            checkpoints.save(setup.model(), optimizer.state(), projectorStates,
                    setup.model().projectorBlocks(), setup.model().fusionBlock(), after, resolved,
                    best);
            plot(log);
            return after;
        }

        private long trainEpoch(
                int epoch, long firstStep, MetricsLog log, Progress progress, long started)
                throws IOException {
            SampleSet train = data.split(Split.TRAIN);
            List<Integer> order = new ArrayList<>(train.size());
            for (int i = 0; i < train.size(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, new Random(settings.seed() * 1_000_003L + epoch));
            int batch = settings.batch();
            long current = firstStep;
            Map<String, Double> sums = new LinkedHashMap<>();
            int summed = 0;
            for (int start = 0; start < order.size(); start += batch) {
                List<Sample> samples = new ArrayList<>(batch);
                List<String> ids = new ArrayList<>(batch);
                for (int i = start; i < Math.min(order.size(), start + batch); i++) {
                    Sample sample = train.get(order.get(i));
                    samples.add(sample);
                    ids.add(sample.id());
                }
                Map<String, Double> values;
                try (NDManager manager = setup.manager().newSubManager()) {
                    EncodedBatch encoded = new EncodedBatch(
                            setup.encoder().encode(samples, manager).inputs(),
                            pipeline.task().targets(samples, manager), ids);
                    values = step.run(encoded, current, manager);
                }
                current++;
                trainedSamples += samples.size();
                values.forEach((name, value) -> sums.merge(name, value, Double::sum));
                summed++;
                progress.step(current, epoch, values.get("loss"));
                boolean lastOfEpoch = start + batch >= order.size();
                if (current % LOG_EVERY_STEPS == 0 || lastOfEpoch) {
                    Map<String, Double> mean = new LinkedHashMap<>();
                    int count = summed;
                    sums.forEach((name, sum) -> mean.put(name, sum / count));
                    mean.put("lr", (double) optimizer.learningRate(current - 1));
                    log.append(new MetricRecord(current, epoch, MetricRecord.TRAIN,
                            seconds(started), mean));
                    sums.clear();
                    summed = 0;
                }
            }
            return current;
        }

        private List<MetricValue> evaluate(
                Split split, int epoch, long stepAfter, MetricsLog log, long started)
                throws IOException {
            SampleSet samples = data.split(split);
            if (samples.size() == 0) {
                return List.of();
            }
            List<MetricValue> values = evaluation.evaluate(split, PipelineData.list(samples),
                    setup.manager());
            log.append(new MetricRecord(stepAfter, epoch, split.label(), seconds(started),
                    values(values)));
            return values;
        }

        private void plot(MetricsLog log) {
            try {
                CurvePlots.builder().build().write(MetricsLog.readAll(log.path()), out);
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not draw the plots in {}: {}", CurvePlots.dir(out),
                        e.toString());
            }
        }

        private double seconds(long started) {
            return (System.nanoTime() - started) / 1e9;
        }
    }
}
