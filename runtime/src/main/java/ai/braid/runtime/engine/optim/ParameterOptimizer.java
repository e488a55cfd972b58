package ai.braid.runtime.engine.optim;

import ai.braid.runtime.pipeline.TrainSettings;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * AdamW, Adam, SGD with momentum or Adagrad over a model's parameters, with state that can be
 * saved and restored exactly. The first three run on the engine's fused update kernels; the
 * engine has none for Adagrad (ENVIRONMENT.md), so its update is written out in array ops.
 *
 * <p>DJL's own optimizers keep their moments in private maps that its checkpoints do not save
 * (ENVIRONMENT.md), so a resumed run would restart them. This class keeps the moments by
 * parameter name, on the parameters' manager, and exposes them as a named {@link NDList}.
 * The learning rate comes from the global step, not from per-parameter update counts.
 */
public final class ParameterOptimizer {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;
    private static final float MOMENTUM = 0.9f;
    /** PyTorch's Adagrad default, added to the root of the summed squares. */
    private static final float ADAGRAD_EPSILON = 1e-10f;
    /**
     * Where Adagrad's summed squares start, TensorFlow's default. From zero, the first step
     * moves every weight by the full rate whatever its gradient's size, which blew up the
     * beta-VAE's 14M-parameter FC model in one of two runs at the paper's rate of 1e-2.
     */
    private static final float ADAGRAD_INITIAL_SUM = 0.1f;
    private static final List<String> KINDS = List.of("adamw", "adam", "sgd", "adagrad");
    private static final String FIRST = ".m";
    private static final String SECOND = ".v";

    private final String kind;
    private final float weightDecay;
    private final LearningRateSchedule schedule;
    private final Map<String, NDArray> state = new HashMap<>();

    /**
     * Creates an optimizer.
     *
     * @param kind "adamw", "adam", "sgd" or "adagrad"
     * @param weightDecay decoupled weight decay, applied by adamw only
     * @param schedule the learning rate per step
     */
    public ParameterOptimizer(String kind, float weightDecay, LearningRateSchedule schedule) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.weightDecay = weightDecay;
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("unknown optimizer " + kind);
        }
    }

    /**
     * Creates the optimizer a pipeline's {@code train:} section describes.
     *
     * @param settings the training settings: optimizer, lr, weightDecay, warmupSteps, schedule
     * @param totalSteps the steps of the whole run, where the schedule ends
     * @return the optimizer
     */
    public static ParameterOptimizer of(TrainSettings settings, long totalSteps) {
        return new ParameterOptimizer(settings.config().getString("optimizer"),
                settings.config().getFloat("weightDecay"),
                LearningRateSchedule.of(settings.config().getString("schedule"),
                        settings.config().getFloat("lr"),
                        settings.config().getInt("warmupSteps"), totalSteps));
    }

    /**
     * Returns the learning rate of a step.
     *
     * @param step the 0-based step
     * @return the rate {@link #step} uses there
     */
    public float learningRate(long step) {
        return schedule.at(step);
    }

    /**
     * Updates every trainable parameter from its gradient; the kernels zero the gradients.
     *
     * @param parameters the model's parameters by name
     * @param step the 0-based step being taken
     */
    public void step(List<Pair<String, Parameter>> parameters, long step) {
        float rate = schedule.at(step);
        long t = step + 1;
        float correction = (float) (rate * Math.sqrt(1 - Math.pow(BETA2, t))
                / (1 - Math.pow(BETA1, t)));
        for (Pair<String, Parameter> entry : parameters) {
            Parameter parameter = entry.getValue();
            if (!parameter.requiresGradient()) {
                continue;
            }
            NDArray weight = parameter.getArray();
            try (NDArray grad = weight.getGradient()) {
                if ("adagrad".equals(kind)) {
                    adagrad(entry.getKey(), weight, grad, rate);
                } else if ("sgd".equals(kind)) {
                    NDArray velocity = moment(entry.getKey() + FIRST, weight, 0f);
                    weight.getNDArrayInternal().sgdUpdate(new NDList(weight, grad, velocity),
                            new NDList(weight), rate, 0f, 1f, -1f, MOMENTUM, true);
                } else {
                    NDList inputs = new NDList(weight, grad,
                            moment(entry.getKey() + FIRST, weight, 0f),
                            moment(entry.getKey() + SECOND, weight, 0f));
                    boolean decoupled = "adamw".equals(kind);
                    weight.getNDArrayInternal().adamUpdate(inputs, new NDList(weight), rate,
                            correction, decoupled ? weightDecay : 0f, 1f, -1f, BETA1, BETA2,
                            EPSILON, true, decoupled);
                }
            }
        }
    }

    /**
     * Adagrad (Duchi et al. 2011): s += g^2; w -= rate * g / (sqrt(s) + eps), with s starting
     * at {@value #ADAGRAD_INITIAL_SUM}. Zeroes the gradient, as the fused kernels do.
     */
    private void adagrad(String name, NDArray weight, NDArray grad, float rate) {
        NDArray squares = moment(name + SECOND, weight, ADAGRAD_INITIAL_SUM);
        try (NDArray squared = grad.square()) {
            squares.addi(squared);
        }
        try (NDArray root = squares.sqrt(); NDArray update = grad.mul(rate)) {
            root.addi(ADAGRAD_EPSILON);
            update.divi(root);
            weight.subi(update);
        }
        grad.subi(grad);
    }

    /**
     * Returns the state as named arrays, for a checkpoint.
     *
     * @return the moments, named {@code <parameter>.m} and {@code <parameter>.v} (Adagrad's
     *     summed squares are {@code .v})
     */
    public NDList state() {
        NDList list = new NDList();
        state.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            entry.getValue().setName(entry.getKey());
            list.add(entry.getValue());
        });
        return list;
    }

    /**
     * Restores a state written by {@link #state()}; the arrays are copied onto the parameters'
     * managers and devices.
     *
     * @param saved the named arrays
     * @param parameters the model's parameters by name, already loaded
     * @throws IllegalArgumentException if an entry names no parameter or has the wrong shape
     */
    public void restore(NDList saved, List<Pair<String, Parameter>> parameters) {
        Map<String, NDArray> weights = new HashMap<>();
        parameters.forEach(entry -> weights.put(entry.getKey(), entry.getValue().getArray()));
        state.values().forEach(NDArray::close);
        state.clear();
        for (NDArray array : saved) {
            String name = array.getName();
            String parameter = name.substring(0, name.length() - FIRST.length());
            NDArray weight = weights.get(parameter);
            if (weight == null || !weight.getShape().equals(array.getShape())) {
                throw new IllegalArgumentException("optimizer state '" + name
                        + "' does not match the model's parameters");
            }
            // A real copy on the weight's manager and device: decoded arrays may share
            // memory with their buffers, which die with the caller's manager.
            NDArray copy = weight.zerosLike();
            copy.addi(array.toDevice(weight.getDevice(), false));
            state.put(name, copy);
        }
    }

    /** The named state, created filled with {@code start} on first use. */
    private NDArray moment(String name, NDArray weight, float start) {
        return state.computeIfAbsent(name, key -> weight.zerosLike().addi(start));
    }
}
