package ai.braid.runtime.engine.quant;

import ai.braid.runtime.pipeline.TrainSettings;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Quantization-aware training by shadow weights: the weights of every {@link Linear} and
 * {@link Convolution} block of a model are swapped in place for their fake-quantised int8
 * values ({@link SymmetricInt8#fakeQuantize}) while the float weights are kept aside, and put
 * back when the returned {@link FloatWeights} is closed.
 *
 * <p>A training step runs forward and backward between the two, so the gradient each weight
 * receives is the gradient at {@code q(w)}: the straight-through estimator, {@code dL/dw :=
 * dL/dq(w)}. Since the scale is {@code max|w| / 127}, nothing is clipped and the estimator needs
 * no clipping mask. The optimizer then updates the float weights. No block changes: any model
 * built from DJL's Linear and convolution blocks (all of the api's) is covered. Biases, norms,
 * embeddings and other parameters stay float. Activations are not quantised.
 *
 * <p>Swap outside a {@link ai.djl.training.GradientCollector}: the writes are in-place changes
 * of leaf arrays, which the engine allows only while it records no graph.
 */
public final class WeightQuantizer {

    private static final WeightQuantizer NONE = new WeightQuantizer(List.of(),
            QuantizationScheme.PER_CHANNEL, false);
    private static final NDIndex ALL = new NDIndex("...");

    private final List<Pair<String, Parameter>> weights;
    private final QuantizationScheme scheme;
    private final boolean enabled;

    private WeightQuantizer(
            List<Pair<String, Parameter>> weights, QuantizationScheme scheme, boolean enabled) {
        this.weights = List.copyOf(weights);
        this.scheme = scheme;
        this.enabled = enabled;
    }

    /**
     * Returns a quantizer that changes nothing: float training and evaluation.
     *
     * @return the quantizer
     */
    public static WeightQuantizer none() {
        return NONE;
    }

    /**
     * Selects the quantised weights of a model.
     *
     * @param model an initialised model
     * @param scheme how scales are shared within a weight
     * @return a quantizer over the weights of every Linear and convolution block in the model
     */
    public static WeightQuantizer of(Block model, QuantizationScheme scheme) {
        Objects.requireNonNull(scheme, "scheme");
        Set<Parameter> selected = Collections.newSetFromMap(new IdentityHashMap<>());
        collect(Objects.requireNonNull(model, "model"), selected);
        List<Pair<String, Parameter>> weights = new ArrayList<>();
        // The model's own names: the keys of checkpoints and of the int8 export.
        model.getParameters().forEach(pair -> {
            if (selected.contains(pair.getValue())) {
                weights.add(pair);
            }
        });
        return new WeightQuantizer(weights, scheme, true);
    }

    /**
     * Returns the quantizer a pipeline's {@code train:} section asks for.
     *
     * @param model an initialised model
     * @param settings {@code quantization} and {@code quantizationScheme}
     * @return {@link #none()} unless {@code quantization: int8-aware}
     */
    public static WeightQuantizer of(Block model, TrainSettings settings) {
        return settings.quantizationAware()
                ? of(model, QuantizationScheme.of(settings.quantizationScheme())) : none();
    }

    /**
     * Returns whether this quantizer swaps anything.
     *
     * @return false for {@link #none()}
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Returns the quantised weights with the model's parameter names.
     *
     * @return (name, parameter) pairs in the model's order; empty for {@link #none()}
     */
    public List<Pair<String, Parameter>> weights() {
        return weights;
    }

    /**
     * Returns how scales are shared within a weight.
     *
     * @return the scheme
     */
    public QuantizationScheme scheme() {
        return scheme;
    }

    /**
     * Replaces every selected weight's values by their fake-quantised int8 values, in place
     * (the parameters keep their arrays, gradients and places in the parameter store).
     *
     * @param parent the manager whose sub-manager holds the float copies until they are put
     *     back; a step's or the model's manager
     * @return the float weights; closing it writes them back (gradients are left as they are)
     */
    public FloatWeights fakeQuantize(NDManager parent) {
        if (weights.isEmpty()) {
            return new FloatWeights(null, List.of(), new NDList());
        }
        NDManager manager = parent.newSubManager();
        List<NDArray> targets = new ArrayList<>(weights.size());
        NDList copies = new NDList(weights.size());
        try {
            for (Pair<String, Parameter> entry : weights) {
                NDArray weight = entry.getValue().getArray();
                NDArray copy = weight.duplicate();
                // Every array computed from the copy then lives on the scratch manager, not on
                // the model's.
                copy.attach(manager);
                targets.add(weight);
                copies.add(copy);
            }
            for (int i = 0; i < targets.size(); i++) {
                targets.get(i).set(ALL, SymmetricInt8.fakeQuantize(copies.get(i), scheme));
            }
            return new FloatWeights(manager, targets, copies);
        } catch (RuntimeException e) {
            new FloatWeights(manager, targets, copies).close();
            throw e;
        }
    }

    private static void collect(Block block, Set<Parameter> selected) {
        if (block instanceof Linear || block instanceof Convolution) {
            for (Parameter parameter : block.getDirectParameters().values()) {
                if (parameter.getType() == Parameter.Type.WEIGHT) {
                    selected.add(parameter);
                }
            }
        }
        for (Block child : block.getChildren().values()) {
            collect(child, selected);
        }
    }

    /** The float weights set aside by {@link #fakeQuantize}; closing puts them back. */
    public static final class FloatWeights implements AutoCloseable {

        private final NDManager manager;
        private final List<NDArray> targets;
        private final NDList copies;
        private boolean closed;

        private FloatWeights(NDManager manager, List<NDArray> targets, NDList copies) {
            this.manager = manager;
            this.targets = targets;
            this.copies = copies;
        }

        /** Writes the float values back into the weights and frees the copies; idempotent. */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                for (int i = 0; i < targets.size(); i++) {
                    targets.get(i).set(ALL, copies.get(i));
                }
            } finally {
                if (manager != null) {
                    manager.close();
                }
            }
        }
    }
}
