package ai.braid.runtime.engine;

import ai.braid.api.UserInputException;
import ai.braid.api.data.FusedOutput;
import ai.braid.api.data.Modality;
import ai.braid.api.data.Sample;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.api.data.TokenSequence;
import ai.braid.api.spi.Inference;
import ai.braid.api.spi.ModalityProjector;
import ai.braid.runtime.engine.data.PipelineData;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Objects;

/**
 * Runs the model in inference mode (no dropout, no gradients) for a task's predictions and
 * model-level metrics. Arrays belong to a manager the caller closes.
 */
final class ModelInference implements Inference {

    private final ModelSetup setup;
    private final NDManager manager;
    private final PipelineData data;

    /**
     * Creates the inference.
     *
     * @param setup the model
     * @param manager owns the outputs
     * @param data the pipeline's data, or null when the model runs without it (predict)
     */
    ModelInference(ModelSetup setup, NDManager manager, PipelineData data) {
        this.setup = Objects.requireNonNull(setup, "setup");
        this.manager = Objects.requireNonNull(manager, "manager");
        this.data = data;
    }

    @Override
    public SampleSet samples(Split split) {
        return data == null ? SampleSet.of(List.of()) : data.split(split);
    }

    @Override
    public NDList forward(List<Sample> samples) {
        return setup.model().forward(setup.store(),
                setup.encoder().encode(samples, manager).inputs(), false);
    }

    @Override
    public FusedOutput fuse(List<Sample> samples) {
        return FusedOutput.from(setup.model().fuse(setup.store(),
                setup.encoder().encode(samples, manager).inputs(), false, null));
    }

    @Override
    public List<String> tokenLabels(Modality modality, Sample sample) {
        Objects.requireNonNull(sample, "sample");
        ModalityProjector projector = setup.projectors().get(Objects.requireNonNull(modality,
                "modality"));
        if (projector == null) {
            throw new UserInputException("the model has no projector for modality '" + modality
                    + "'; it has " + setup.projectors().keySet());
        }
        return sample.findInput(modality).map(projector::tokenLabels).orElse(List.of());
    }

    @Override
    public TokenSequence project(Modality modality, List<Sample> samples,
            NDManager manager) {
        Objects.requireNonNull(modality, "modality");
        NDList arrays = setup.encoder().encode(modality, samples,
                Objects.requireNonNull(manager, "manager"));
        return TokenSequence.from(setup.projectors().get(modality).block()
                .forward(setup.store(), arrays, false), 0);
    }

    @Override
    public NDManager manager() {
        return manager;
    }
}
