package ai.braid.runtime.engine;

import ai.braid.api.data.Sample;
import ai.braid.api.spi.Inference;
import ai.braid.runtime.engine.data.BatchEncoder;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Objects;

/**
 * Runs the model in inference mode (no dropout, no gradients) for a task's predictions and
 * model-level metrics. Arrays belong to a manager the caller closes.
 */
final class ModelInference implements Inference {

    private final BraidModel model;
    private final ParameterStore store;
    private final BatchEncoder encoder;
    private final NDManager manager;

    ModelInference(BraidModel model, ParameterStore store, BatchEncoder encoder,
            NDManager manager) {
        this.model = Objects.requireNonNull(model, "model");
        this.store = Objects.requireNonNull(store, "store");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.manager = Objects.requireNonNull(manager, "manager");
    }

    @Override
    public NDList forward(List<Sample> samples) {
        return model.forward(store, encoder.encode(samples, manager).inputs(), false);
    }

    @Override
    public NDManager manager() {
        return manager;
    }
}
