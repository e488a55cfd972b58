package ai.braid.runtime.engine;

import ai.braid.api.data.Modality;
import ai.braid.api.data.Sample;
import ai.braid.api.data.TokenSequence;
import ai.braid.api.spi.Inference;
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

    ModelInference(ModelSetup setup, NDManager manager) {
        this.setup = Objects.requireNonNull(setup, "setup");
        this.manager = Objects.requireNonNull(manager, "manager");
    }

    @Override
    public NDList forward(List<Sample> samples) {
        return setup.model().forward(setup.store(),
                setup.encoder().encode(samples, manager).inputs(), false);
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
