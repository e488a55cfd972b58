package ai.braid.api.spi;

import ai.djl.nn.Block;
import java.util.Objects;

/**
 * Fuses the modalities' token sequences into one representation.
 *
 * <p>The block's input is an {@link ai.djl.ndarray.NDList} of one {@link
 * ai.braid.api.data.TokenSequence} per modality, in the order given to the factory: {@code
 * [emb_1 (B, L_1, D_1), mask_1 (B, L_1), emb_2, mask_2, ...]}. Its output is a {@link
 * ai.braid.api.data.FusedOutput} encoded with {@code toNDList()}: at least {@code pooled (B,
 * outputDim())}. Blocks route by position, never by a modality's name.
 */
public interface FusionBlock {

    /**
     * Returns the trainable block.
     *
     * @return the same block on every call
     */
    Block block();

    /**
     * Returns the width of the pooled vector and of the fused sequence.
     *
     * @return D of the output
     */
    int outputDim();

    /**
     * Pairs a block with the width of its output.
     *
     * @param block the trainable block
     * @param outputDim D of its pooled vector and sequence
     * @return the fusion block
     */
    static FusionBlock of(Block block, int outputDim) {
        Objects.requireNonNull(block, "block");
        return new FusionBlock() {
            @Override
            public Block block() {
                return block;
            }

            @Override
            public int outputDim() {
                return outputDim;
            }
        };
    }
}
