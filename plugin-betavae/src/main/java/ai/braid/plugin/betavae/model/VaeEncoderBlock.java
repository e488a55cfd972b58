package ai.braid.plugin.betavae.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A VAE encoder as a projector's block, in one of two forms.
 *
 * <ul>
 *   <li>Posterior: one token holding the means and log-variances, {@code [tokens (B, 1, 2 Z),
 *       mask (B, 1)]}; a beta-VAE head reads it through the parameter-free {@code pool} fusion.
 *   <li>Latent tokens: the means only, one token per latent unit through {@link LatentTokens},
 *       {@code [tokens (B, Z, D), mask (B, Z)]}, for reusing a trained encoder in other
 *       pipelines.
 * </ul>
 *
 * <p>Input {@code [pixels (B, C, S, S)]}. The encoder is the child named {@code encoder} in both
 * forms, so a posterior-form checkpoint initialises a latent-token projector.
 */
public final class VaeEncoderBlock extends AbstractBlock {

    private final int latent;
    private final Block encoder;
    private final LatentTokens tokens;

    /**
     * Creates the block.
     *
     * @param encoder {@code [pixels (B, C, S, S)] -> [stats (B, 2 Z)]}
     * @param latent Z
     * @param tokenDim D for the latent-token form; 0 for the posterior form
     */
    public VaeEncoderBlock(Block encoder, int latent, int tokenDim) {
        this.latent = latent;
        this.encoder = addChildBlock("encoder", encoder);
        this.tokens = tokenDim == 0 ? null
                : addChildBlock("tokens", new LatentTokens(latent, tokenDim));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray stats = encoder.forward(store, inputs, training, params).head();
        long batch = stats.getShape().get(0);
        NDManager manager = stats.getManager();
        if (tokens == null) {
            return new NDList(stats.expandDims(1), manager.ones(new Shape(batch, 1)));
        }
        NDArray means = stats.get(new NDIndex(":, :{}", latent));
        NDArray sequence = tokens.forward(store, new NDList(means), training, params).head();
        return new NDList(sequence, manager.ones(new Shape(batch, latent)));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        encoder.initialize(manager, dataType, inputShapes);
        if (tokens != null) {
            tokens.initialize(manager, dataType, new Shape(inputShapes[0].get(0), latent));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long batch = inputShapes[0].get(0);
        if (tokens == null) {
            return new Shape[] {new Shape(batch, 1, 2L * latent), new Shape(batch, 1)};
        }
        Shape[] sequence = tokens.getOutputShapes(new Shape[] {new Shape(batch, latent)});
        return new Shape[] {sequence[0], new Shape(batch, latent)};
    }
}
