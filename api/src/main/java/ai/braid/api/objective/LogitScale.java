package ai.braid.api.objective;

import ai.braid.api.UserInputException;
import ai.braid.api.nn.Scalars;
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
import java.util.Arrays;

/**
 * The learnable inverse temperature of a contrastive loss (CLIP's {@code logit_scale}): one
 * scalar parameter holding {@code log(1/tau)}.
 *
 * <p>A task head includes this block as a child and passes its arrays through it: the forward
 * returns the input arrays unchanged, followed by {@code exp(param)} clamped to at most {@value
 * #MAX_SCALE}, shape (1), named {@value #DEFAULT_OUTPUT} (or the configured name). {@link
 * InfoNce} reads the scale from that output, so the temperature trains with the model and is
 * saved with its parameters. The clamp keeps training stable as in CLIP; while clamped the
 * parameter gets no gradient.
 *
 * <p>The parameter has type {@link Parameter.Type#OTHER}, so a training configuration's weight
 * initialiser does not replace its initial value.
 */
public final class LogitScale extends AbstractBlock {

    /** Default name of the scale in the output list. */
    public static final String DEFAULT_OUTPUT = "logit_scale";
    /** Largest scale the forward returns (CLIP's clamp). */
    public static final float MAX_SCALE = 100f;
    /** Default initial temperature (CLIP's). */
    public static final float DEFAULT_TEMPERATURE = 0.07f;

    private static final Shape SCALE_SHAPE = new Shape(1);

    private final String outputName;
    private final Parameter logScale;

    /** Creates a scale named {@value #DEFAULT_OUTPUT} starting at temperature 0.07. */
    public LogitScale() {
        this(DEFAULT_OUTPUT, DEFAULT_TEMPERATURE);
    }

    /**
     * Creates a scale with the given output name and initial temperature.
     *
     * @param outputName the name of the scale array among the outputs
     * @param initialTemperature tau at initialisation; the parameter starts at {@code log(1/tau)}
     * @throws UserInputException if the temperature is not positive or the name is blank
     */
    public LogitScale(String outputName, float initialTemperature) {
        this.outputName = NamedArrays.name(outputName, "outputName");
        float tau = NamedArrays.positiveTemperature(initialTemperature);
        if (1f / tau > MAX_SCALE) {
            throw new UserInputException("initial temperature must be at least " + 1f / MAX_SCALE
                    + " (scale at most " + MAX_SCALE + "), got " + tau);
        }
        this.logScale = addParameter(Parameter.builder()
                .setName("log_scale")
                .setType(Parameter.Type.OTHER)
                .optShape(SCALE_SHAPE)
                .optInitializer(new ConstantInitializer((float) Math.log(1.0 / tau)))
                .build());
    }

    /**
     * Returns the name of the scale array among the outputs.
     *
     * @return e.g. {@value #DEFAULT_OUTPUT}
     */
    public String outputName() {
        return outputName;
    }

    /**
     * Passes the inputs through and appends the scale.
     *
     * @param store the parameter store
     * @param inputs any arrays, at least one (the scale is created on the first one's manager)
     * @param training whether this is a training pass
     * @param params unused
     * @return the inputs followed by the scale (1), named {@link #outputName()}
     */
    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("LogitScale needs at least one input array");
        }
        NDArray first = inputs.head();
        NDArray value = store.getValue(logScale, first.getDevice(), training);
        // Start from an array of the step's manager so the result is freed with the step.
        NDManager manager = first.getManager();
        NDArray scale = Scalars.minimum(manager.zeros(SCALE_SHAPE, value.getDataType())
                .add(value).exp(), MAX_SCALE);
        scale.setName(outputName);
        NDList outputs = new NDList(inputs.size() + 1);
        outputs.addAll(inputs);
        outputs.add(scale);
        return outputs;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] shapes = Arrays.copyOf(inputShapes, inputShapes.length + 1);
        shapes[inputShapes.length] = SCALE_SHAPE;
        return shapes;
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        // no children
    }
}
