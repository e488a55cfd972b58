package ai.braid.api.spi;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.List;

/**
 * Turns raw inputs of one modality into token embeddings with a padding mask.
 *
 * <p>Work is split in two, as in DJL's Translator/Block pair:
 *
 * <ol>
 *   <li>{@link #preprocess}: CPU-side, batched, no parameters: decode images, tokenize text,
 *       pad. Output arrays are created on the given manager's device.
 *   <li>{@link #block()}: the trainable part, placed in the model on the chosen device. Input:
 *       the {@link NDList} {@code preprocess} returned. Output: a {@link
 *       ai.braid.api.data.TokenSequence} as {@code [embeddings (B, L, D), mask (B, L)]}, with
 *       {@code D == dim()}.
 * </ol>
 */
public interface ModalityProjector {

    /**
     * Returns the raw type this projector accepts, e.g. {@code String} or {@code Path}.
     *
     * @return the input type, checked against the modality's {@link
     *     ai.braid.api.data.ModalitySpec} before any work
     */
    Class<?> inputType();

    /**
     * Returns the embedding width D of the tokens this projector produces.
     *
     * @return D
     */
    int dim();

    /**
     * Names the tokens the block makes of one input, in order, for figures that show what each
     * token received (attention maps): word pieces for text, {@code "[CLS]"} and {@code "row,col"}
     * for image patches. Padding is not included.
     *
     * @param input one raw input of {@link #inputType()}
     * @return one label per token, or an empty list if the projector does not name its tokens
     *     (figures then number them)
     */
    default List<String> tokenLabels(Object input) {
        return List.of();
    }

    /**
     * Fits data-dependent state before training, on the training split only (a vocabulary,
     * normalisation statistics). Called once, before {@link #block()} is initialised.
     *
     * @param trainingInputs raw values of this modality from the training split
     */
    default void fit(List<?> trainingInputs) {}

    /**
     * Returns what {@link #fit} learned (a vocabulary, statistics), so a checkpoint restores
     * the projector without the training data.
     *
     * @return the state; empty for projectors that learn nothing from data
     */
    default byte[] fittedState() {
        return new byte[0];
    }

    /**
     * Restores a state returned by {@link #fittedState()}, in place of {@link #fit}.
     *
     * @param state the bytes {@link #fittedState()} returned
     * @throws IllegalArgumentException if the state is not one this projector wrote
     */
    default void restoreFittedState(byte[] state) {}

    /**
     * Converts a batch of raw values into the block's input arrays.
     *
     * @param inputs B raw values of {@link #inputType()}
     * @param manager the manager that owns the arrays (and decides their device)
     * @return the block's inputs, e.g. token ids (B, L) and mask (B, L), or pixels (B, C, H, W)
     * @throws ai.braid.api.UserInputException if a value cannot be decoded (a corrupt image)
     */
    NDList preprocess(List<?> inputs, NDManager manager);

    /**
     * Returns the trainable block; the same instance on every call, so modalities that share
     * a projector share its parameters.
     *
     * @return a block mapping {@code preprocess}'s output to {@code [embeddings, mask]}
     */
    Block block();
}
