package ai.braid.plugin.betavae.model;

import ai.braid.api.projection.ImagePreprocessor;
import ai.braid.api.spi.ModalityProjector;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.List;
import java.util.Objects;

/**
 * Images to a VAE encoder's output: pixels in [0, 1], then a {@link VaeEncoderBlock}.
 *
 * <p>Preprocessing: {@code [pixels (B, C, S, S)]} via {@link ImagePreprocessor}. Output:
 * {@code [tokens (B, 1, 2 Z), mask (B, 1)]} in the posterior form, {@code [tokens (B, Z, D),
 * mask (B, Z)]} in the latent-token form.
 */
public final class VaeEncoderProjector implements ModalityProjector {

    private final ImagePreprocessor preprocessor;
    private final VaeEncoderBlock block;
    private final int dim;

    /**
     * Creates the projector.
     *
     * @param preprocessor turns images into pixels of the encoder's size and channels
     * @param block the encoder block
     * @param dim the token width: 2 Z in the posterior form, D in the latent-token form
     */
    public VaeEncoderProjector(ImagePreprocessor preprocessor, VaeEncoderBlock block, int dim) {
        this.preprocessor = Objects.requireNonNull(preprocessor, "preprocessor");
        this.block = Objects.requireNonNull(block, "block");
        this.dim = dim;
    }

    @Override
    public Class<?> inputType() {
        return Image.class;
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public NDList preprocess(List<?> inputs, NDManager manager) {
        return preprocessor.preprocess(inputs, manager);
    }

    @Override
    public Block block() {
        return block;
    }
}
