package ai.braid.plugin.pcme.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * PCME's two learnable scalars of the match logit {@code s = -a * ||v - t|| + b}: the negative
 * scale a and the shift b.
 *
 * <p>They belong to the model, not the loss, so they train with it and are saved in its
 * checkpoints; the head appends them to its outputs for the objectives to read. Input: any
 * arrays, at least one. Output: {@code [a (1), b (1)]} on the first input's manager. The
 * parameters have type {@link Parameter.Type#OTHER}, so a weight initialiser keeps their
 * initial values.
 */
public final class MatchScale extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final Shape SCALAR = new Shape(1);

    private final Parameter scale;
    private final Parameter shift;

    /**
     * Creates the scalars.
     *
     * @param initialScale a at initialisation (PCME: 5 on CUB-size data, 15 on COCO)
     * @param initialShift b at initialisation
     */
    public MatchScale(float initialScale, float initialShift) {
        super(VERSION);
        this.scale = addParameter(scalar("scale", initialScale));
        this.shift = addParameter(scalar("shift", initialShift));
    }

    /**
     * Returns the current a, for scoring outside a forward pass.
     *
     * @return a
     * @throws IllegalStateException before the block is initialised
     */
    public float scale() {
        return value(scale);
    }

    /**
     * Returns the current b, for scoring outside a forward pass.
     *
     * @return b
     * @throws IllegalStateException before the block is initialised
     */
    public float shift() {
        return value(shift);
    }

    private static float value(Parameter parameter) {
        if (!parameter.isInitialized()) {
            throw new IllegalStateException("the match scale is not initialised yet");
        }
        return parameter.getArray().toType(DataType.FLOAT32, false).getFloat(0);
    }

    private static Parameter scalar(String name, float value) {
        return Parameter.builder().setName(name).setType(Parameter.Type.OTHER)
                .optShape(SCALAR).optInitializer(new ConstantInitializer(value)).build();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray first = inputs.head();
        // Start from an array of the step's manager so the results are freed with the step.
        NDManager manager = first.getManager();
        NDArray a = manager.zeros(SCALAR, first.getDataType())
                .add(store.getValue(scale, first.getDevice(), training));
        NDArray b = manager.zeros(SCALAR, first.getDataType())
                .add(store.getValue(shift, first.getDevice(), training));
        return new NDList(a, b);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {SCALAR, SCALAR};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        // no children
    }
}
