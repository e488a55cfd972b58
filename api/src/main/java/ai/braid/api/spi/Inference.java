package ai.braid.api.spi;

import ai.braid.api.data.Sample;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * Runs a trained model without gradients; handed to a {@link Task} for prediction and
 * model-level metrics.
 */
public interface Inference {

    /**
     * Preprocesses samples with the projectors and runs projectors, fusion and head.
     *
     * @param samples a batch of samples with every modality the model needs
     * @return the head's named outputs, owned by {@link #manager()}
     */
    NDList forward(List<Sample> samples);

    /**
     * Returns the manager that owns the outputs of {@link #forward}; it is closed after the
     * task returns.
     *
     * @return the manager
     */
    NDManager manager();
}
