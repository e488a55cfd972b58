package ai.braid.api.spi;

import ai.braid.api.data.Modality;
import ai.braid.api.data.Sample;
import ai.braid.api.data.TokenSequence;
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
     * Preprocesses samples with one modality's projector and runs only that projector, for
     * tasks that need an encoder's output without the rest of the model (a representation
     * metric encoding millions of images, say).
     *
     * <p>Every array made on the way belongs to the given manager, so a caller encoding many
     * batches closes a sub-manager of {@link #manager()} after each one.
     *
     * @param modality a modality the model has a projector for
     * @param samples a batch of samples holding that modality
     * @param manager owns the arrays; on the model's device
     * @return the projector's tokens (B, L, D) and mask (B, L)
     * @throws ai.braid.api.UserInputException if the model has no projector for the modality
     */
    TokenSequence project(Modality modality, List<Sample> samples, NDManager manager);

    /**
     * Returns the manager that owns the outputs of {@link #forward}; it is closed after the
     * task returns.
     *
     * @return the manager
     */
    NDManager manager();
}
