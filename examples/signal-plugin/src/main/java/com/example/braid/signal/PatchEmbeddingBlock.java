package com.example.braid.signal;

import ai.braid.api.UserInputException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * Embeds a batch of 1-D signals as a sequence of patch tokens.
 *
 * <p>Input: {@code [values (B, T)]}. The signal is cut into {@code L = T / patch}
 * non-overlapping patches (a remainder shorter than a patch is dropped), each patch is mapped to
 * {@code dim} by one {@link Linear} layer followed by a GELU, and a learned embedding per patch
 * position is added. Output: {@code [embeddings (B, L, dim), mask (B, L)]}, the mask all ones
 * (float32) since no token is padding.
 *
 * <p>The position table has one row per patch position, so its size is fixed by the input
 * shape the block is initialised with: a trained block accepts signals of that length (give or
 * take the dropped remainder) only, and says so with a {@link UserInputException}.
 *
 * <p>Everything runs on the input's device; parameters come from the {@link ParameterStore} for
 * that device.
 */
public final class PatchEmbeddingBlock extends AbstractBlock {

    private static final byte VERSION = 1;
    // Small, as for transformer position embeddings: positions start as a slight perturbation.
    private static final float POSITION_SIGMA = 0.02f;

    private final int patch;
    private final int dim;
    private final Linear projection;
    private final Parameter position;

    /**
     * Creates an uninitialised block.
     *
     * @param patch values per patch, at least 1
     * @param dim the embedding width, at least 1
     * @throws IllegalArgumentException if a size is below 1
     */
    public PatchEmbeddingBlock(int patch, int dim) {
        super(VERSION);
        if (patch < 1 || dim < 1) {
            throw new IllegalArgumentException(
                    "patch and dim must be at least 1, got patch " + patch + ", dim " + dim);
        }
        this.patch = patch;
        this.dim = dim;
        this.projection = addChildBlock("projection", Linear.builder().setUnits(dim).build());
        // Type OTHER keeps this initializer when the runtime sets one for all WEIGHT parameters.
        this.position = addParameter(Parameter.builder()
                .setName("position")
                .setType(Parameter.Type.OTHER)
                .optInitializer(new NormalInitializer(POSITION_SIGMA))
                .build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray values = inputs.singletonOrThrow();
        Shape shape = values.getShape();
        long batch = shape.get(0);
        long patches = patchCount(shape);
        NDArray table = parameterStore.getValue(position, values.getDevice(), training);
        if (table.getShape().get(0) != patches) {
            // The user can fix this (same-length signals), so it is not reported as a bug.
            throw new UserInputException("the signal-patches block was built for "
                    + table.getShape().get(0) * patch + " values (" + table.getShape().get(0)
                    + " patches of " + patch + "), but got signals of " + shape.get(1)
                    + "; expected signals of the length the model was trained on");
        }
        NDArray kept = shape.get(1) == patches * patch
                ? values
                : values.get(new NDIndex(":, :{}", patches * patch));
        NDArray projected = projection.forward(parameterStore,
                new NDList(kept.reshape(batch, patches, patch)), training, params).head();
        // Without a nonlinearity, projector, mean pooling and linear heads compose to one affine
        // map of the signal, which cannot tell waveform shapes apart at random phases.
        NDArray tokens = Activation.gelu(projected);
        // Activation first: the result then belongs to the activation's (per-step) manager.
        NDArray embeddings = tokens.add(table);
        NDArray mask = values.getManager().ones(
                new Shape(batch, patches), DataType.FLOAT32, values.getDevice());
        return new NDList(embeddings, mask);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape input = single(inputShapes);
        long patches = patchCount(input);
        return new Shape[] {
            new Shape(input.get(0), patches, dim), new Shape(input.get(0), patches)
        };
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        position.setShape(new Shape(patchCount(single(inputShapes)), dim));
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape input = single(inputShapes);
        projection.initialize(manager, dataType,
                new Shape(input.get(0), patchCount(input), patch));
    }

    private static Shape single(Shape[] inputShapes) {
        if (inputShapes.length != 1) {
            throw new IllegalArgumentException(
                    "expected one input, values (B, T); got " + inputShapes.length);
        }
        return inputShapes[0];
    }

    private long patchCount(Shape input) {
        if (input.dimension() != 2) {
            throw new IllegalArgumentException("expected values (B, T), got shape " + input);
        }
        long patches = input.get(1) / patch;
        if (patches < 1) {
            throw new IllegalArgumentException("signals of length " + input.get(1)
                    + " are shorter than one patch of " + patch + " values");
        }
        return patches;
    }
}
