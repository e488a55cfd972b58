package ai.braid.runtime.engine;

import ai.braid.api.UserInputException;
import ai.braid.api.data.Modality;
import ai.braid.api.data.Sample;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.api.spi.ModalityProjector;
import ai.braid.runtime.engine.checkpoint.CheckpointStore;
import ai.braid.runtime.engine.data.BatchEncoder;
import ai.braid.runtime.engine.data.PipelineData;
import ai.braid.runtime.engine.quant.WeightQuantizer;
import ai.braid.runtime.pipeline.AssembledPipeline;
import ai.braid.runtime.pipeline.PipelineSpec;
import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pipeline's model built and initialised on a device: projectors fitted on the training
 * split, parameters drawn from the run's seed, projectors with {@code freeze: true} frozen.
 * Owns the model's manager; closing it frees the parameters. With {@code train.quantization:
 * int8-aware} its {@link #quantizer()} fake-quantises the model's Linear and convolution
 * weights for training steps and evaluation.
 */
final class ModelSetup implements AutoCloseable {

    private static final int SHAPE_SAMPLES = 2;

    private final BraidModel model;
    private final NDManager manager;
    private final BatchEncoder encoder;
    private final WeightQuantizer quantizer;
    private ParameterStore store;

    private ModelSetup(BraidModel model, NDManager manager, BatchEncoder encoder,
            WeightQuantizer quantizer) {
        this.model = model;
        this.manager = manager;
        this.encoder = encoder;
        this.quantizer = quantizer;
        trackGradients();
    }

    /**
     * Sets up a fresh run: fits the projectors on the training split, or restores the states
     * other runs fitted ({@link #inheritedStates}), then builds and initialises the model.
     *
     * @param pipeline the assembled pipeline
     * @param data its data; the training split fits the projectors, its first samples give
     *     the input shapes
     * @param device where the parameters live
     * @param seed seeds the parameters' initialisation
     * @return the model
     */
    static ModelSetup create(
            AssembledPipeline pipeline, PipelineData data, Device device, long seed) {
        return create(pipeline, data, inheritedStates(pipeline), device, seed);
    }

    /**
     * Fits the projectors on the training split, except those with a saved state, then builds
     * and initialises the model.
     *
     * @param pipeline the assembled pipeline
     * @param data its data; the training split fits the projectors, its first samples give
     *     the input shapes
     * @param states fitted states to restore instead of fitting, by modality name (a resumed
     *     run's own, or {@link #inheritedStates})
     * @param device where the parameters live
     * @param seed seeds the parameters' initialisation
     * @return the model
     */
    static ModelSetup create(AssembledPipeline pipeline, PipelineData data,
            Map<String, byte[]> states, Device device, long seed) {
        FittedProjectors.fit(pipeline.projectors(), data.split(Split.TRAIN), states);
        return create(pipeline, firstSamples(data), device, seed);
    }

    /**
     * Returns the fitted states a fresh run takes over from the runs it starts from: {@code
     * train.init}'s, and each {@code projectors.<modality>.init}'s, which names its source more
     * precisely and so wins.
     *
     * @param pipeline the assembled pipeline
     * @return the states by modality name; empty if the pipeline starts from no other run
     */
    static Map<String, byte[]> inheritedStates(AssembledPipeline pipeline) {
        Map<String, byte[]> states = new LinkedHashMap<>(
                RunInitialization.of(pipeline.spec().train())
                        .map(RunInitialization::fittedStates).orElse(Map.of()));
        states.putAll(ProjectorInitialization.fittedStates(pipeline.spec().projectors()));
        return states;
    }

    /**
     * Builds and initialises the model; the projectors must be fitted or restored already.
     *
     * @param pipeline the assembled pipeline
     * @param shapeSamples a few samples with every modality, for the input shapes
     * @param device where the parameters live
     * @param seed seeds the parameters' initialisation
     * @return the model
     */
    static ModelSetup create(
            AssembledPipeline pipeline, List<Sample> shapeSamples, Device device, long seed) {
        BatchEncoder encoder = new BatchEncoder(pipeline.projectors());
        NDManager manager = NDManager.newBaseManager(device);
        try {
            Engine.getInstance().setRandomSeed(Long.hashCode(seed));
            List<Sample> first = shapeSamples.subList(0, Math.min(SHAPE_SAMPLES,
                    shapeSamples.size()));
            try (NDManager scratch = manager.newSubManager()) {
                BatchEncoder.Encoded encoded = encoder.encode(first, scratch);
                BraidModel model = new BraidModel(pipeline.projectors(), encoded.arities(),
                        pipeline.fusion().block(), pipeline.task().head());
                model.initialize(manager, DataType.FLOAT32, encoded.shapes());
                for (PipelineSpec.Projector declared : pipeline.spec().projectors()) {
                    if (declared.freeze()) {
                        model.freeze(declared.modality());
                    }
                }
                return new ModelSetup(model, manager, encoder,
                        WeightQuantizer.of(model, pipeline.spec().train()));
            }
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Replaces the parameters with a checkpoint's.
     *
     * @param epochFolder the checkpoint's epoch folder
     */
    void loadParameters(Path epochFolder) {
        CheckpointStore.loadParameters(epochFolder, model, manager);
        trackGradients();
    }

    /**
     * Copies other runs' projector parameters into the projectors whose pipeline entry has
     * {@code init:}. For a fresh run only: a resumed or evaluated run loads its own checkpoint
     * and never reads the source.
     *
     * @param pipeline the pipeline this model was built from
     * @throws ai.braid.api.UserInputException naming {@code projectors.<modality>.init} if a
     *     source does not fit
     */
    void initializeProjectors(AssembledPipeline pipeline) {
        RunInitialization.of(pipeline.spec().train())
                .ifPresent(init -> init.copyParameters(model, manager));
        ProjectorInitialization.apply(pipeline.spec().projectors(), model, manager);
        trackGradients();
    }

    /**
     * Marks trainable parameters for gradients and starts a fresh parameter store: DJL's store
     * caches the arrays it has handed out, and loading replaces them.
     */
    private void trackGradients() {
        for (Parameter parameter : model.getParameters().values()) {
            if (parameter.requiresGradient()) {
                parameter.getArray().setRequiresGradient(true);
            }
        }
        store = new ParameterStore(manager, false);
    }

    BraidModel model() {
        return model;
    }

    NDManager manager() {
        return manager;
    }

    /** The current parameter store; a new one after every {@link #loadParameters}. */
    ParameterStore store() {
        return store;
    }

    BatchEncoder encoder() {
        return encoder;
    }

    /**
     * The weights training fake-quantises: {@link WeightQuantizer#none()} unless the pipeline
     * says {@code train.quantization: int8-aware}.
     */
    WeightQuantizer quantizer() {
        return quantizer;
    }

    /** The projectors by modality, in fusion order. */
    Map<Modality, ModalityProjector> projectors() {
        return encoder.projectors();
    }

    /** Number of scalar parameters, trainable or not. */
    long parameterCount() {
        return model.getParameters().values().stream()
                .mapToLong(parameter -> parameter.getArray().size()).sum();
    }

    /** Number of scalar parameters that do not train (frozen or statistics). */
    long frozenParameterCount() {
        return model.getParameters().values().stream()
                .filter(parameter -> !parameter.requiresGradient())
                .mapToLong(parameter -> parameter.getArray().size()).sum();
    }

    @Override
    public void close() {
        manager.close();
    }

    /** The first samples of the first non-empty split, for input shapes. */
    static List<Sample> firstSamples(PipelineData data) {
        for (Split split : Split.values()) {
            SampleSet samples = data.split(split);
            if (samples.size() > 0) {
                List<Sample> first = new ArrayList<>();
                for (int i = 0; i < Math.min(SHAPE_SAMPLES, samples.size()); i++) {
                    first.add(samples.get(i));
                }
                return first;
            }
        }
        throw new UserInputException("data: the dataset reader returned no samples in any split");
    }
}
