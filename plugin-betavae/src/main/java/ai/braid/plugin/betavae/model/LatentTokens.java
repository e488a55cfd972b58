package ai.braid.plugin.betavae.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * Turns a latent code into one token per latent unit: token {@code i} is {@code z_i * w_i +
 * e_i}, a learned direction scaled by the unit's value plus a learned embedding that says which
 * unit it is. A fusion can then attend to individual factors of variation.
 *
 * <p>Input {@code [z (B, Z)]}; output {@code [tokens (B, Z, D)]}.
 */
public final class LatentTokens extends AbstractBlock {

    private final int dim;
    private final Parameter direction;
    private final Parameter embedding;

    /**
     * Creates the block.
     *
     * @param latent Z, the number of latent units
     * @param dim D, the token width
     */
    public LatentTokens(int latent, int dim) {
        this.dim = dim;
        direction = addParameter(Parameter.builder().setName("direction")
                .setType(Parameter.Type.WEIGHT).optShape(new Shape(latent, dim))
                .optInitializer(new NormalInitializer(1f)).build());
        embedding = addParameter(Parameter.builder().setName("embedding")
                .setType(Parameter.Type.WEIGHT).optShape(new Shape(latent, dim))
                .optInitializer(new NormalInitializer(0.02f)).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray z = inputs.head();
        NDArray w = store.getValue(direction, z.getDevice(), training);
        NDArray e = store.getValue(embedding, z.getDevice(), training);
        return new NDList(z.expandDims(2).mul(w).add(e));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), inputShapes[0].get(1), dim)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        // No children; the parameters have fixed shapes.
    }
}
