package ai.braid.api.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.Objects;

/**
 * A batch of token embeddings with its padding mask: what a {@link
 * ai.braid.api.spi.ModalityProjector} produces and a {@link ai.braid.api.spi.FusionBlock}
 * consumes.
 *
 * <p>In an {@link NDList} a token sequence is two consecutive arrays: embeddings then mask.
 *
 * @param embeddings float array of shape (B, L, D)
 * @param mask array of shape (B, L): 1 for a real token, 0 for padding
 */
public record TokenSequence(NDArray embeddings, NDArray mask) {

    /**
     * Checks that the shapes agree.
     *
     * @throws IllegalArgumentException if embeddings are not (B, L, D) or the mask not (B, L)
     */
    public TokenSequence {
        Objects.requireNonNull(embeddings, "embeddings");
        Objects.requireNonNull(mask, "mask");
        Shape e = embeddings.getShape();
        Shape m = mask.getShape();
        if (e.dimension() != 3 || m.dimension() != 2
                || e.get(0) != m.get(0) || e.get(1) != m.get(1)) {
            throw new IllegalArgumentException(
                    "a token sequence needs embeddings (B, L, D) and mask (B, L), got "
                            + e + " and " + m);
        }
    }

    /**
     * Reads a token sequence from two consecutive arrays of a list.
     *
     * @param list the list
     * @param offset index of the embeddings; the mask is at {@code offset + 1}
     * @return the sequence
     */
    public static TokenSequence from(NDList list, int offset) {
        return new TokenSequence(list.get(offset), list.get(offset + 1));
    }

    /**
     * Returns the embeddings followed by the mask.
     *
     * @return a two-element list
     */
    public NDList toNDList() {
        return new NDList(embeddings, mask);
    }

    /**
     * Returns the batch size B.
     *
     * @return B
     */
    public long batchSize() {
        return embeddings.getShape().get(0);
    }

    /**
     * Returns the sequence length L, padding included.
     *
     * @return L
     */
    public long length() {
        return embeddings.getShape().get(1);
    }

    /**
     * Returns the embedding width D.
     *
     * @return D
     */
    public long dim() {
        return embeddings.getShape().get(2);
    }
}
