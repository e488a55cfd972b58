package ai.braid.api.spi;

import ai.braid.api.data.FusedOutput;
import ai.braid.api.data.Modality;
import ai.braid.api.data.Sample;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
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
     * Preprocesses samples and runs projectors and fusion, without the head, for figures of the
     * fusion itself (its attention maps, say).
     *
     * @param samples a batch of samples with every modality the model needs
     * @return the fusion's output: {@code pooled (B, D)}, and the sequence, mask and attention
     *     maps {@code (B, H, L, L)} if the fusion makes them; owned by {@link #manager()}
     */
    FusedOutput fuse(List<Sample> samples);

    /**
     * Returns a split's samples as the model sees them: read by the pipeline's reader, with
     * its semantic extractors applied (OCR text, say), for figures of chosen samples.
     *
     * @param split the split
     * @return its samples; empty when the model runs without its data ({@code braid predict})
     */
    SampleSet samples(Split split);

    /**
     * Names the tokens a modality's projector makes of one sample's input (see {@link
     * ModalityProjector#tokenLabels}).
     *
     * @param modality a modality the model has a projector for
     * @param sample the sample
     * @return one label per token; empty if the sample lacks the modality or the projector does
     *     not name its tokens
     * @throws ai.braid.api.UserInputException if the model has no projector for the modality
     */
    List<String> tokenLabels(Modality modality, Sample sample);

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
