package ai.braid.runtime.engine;

import ai.braid.api.nn.Scalars;
import ai.braid.api.spi.LossWeighting;
import ai.braid.runtime.engine.optim.GradientClipping;
import ai.braid.runtime.engine.optim.ParameterOptimizer;
import ai.braid.runtime.engine.quant.WeightQuantizer;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One optimisation step: forward, objectives, weighting, backward, clipping, update. With
 * quantization-aware training, forward and backward see the fake-quantised weights and the
 * update applies their gradient to the float weights ({@link WeightQuantizer}).
 *
 * <p>With a gradient-based weighting (MGDA) each objective is back-propagated separately over
 * the same forward pass (keeping the graph until the last), the gradients are snapshot, their
 * inner products on the shared parameters go to the weighting, and the weighted sum is written
 * back as the gradient: exactly the gradient of {@code sum_i w_i L_i}.
 */
final class TrainingStep {

    private final ModelSetup setup;
    private final ObjectiveSet objectives;
    private final LossWeighting weighting;
    private final ParameterOptimizer optimizer;
    private final double clipNorm;
    private final long seed;
    private final List<Pair<String, Parameter>> trainable;

    /**
     * Creates the step.
     *
     * @param seed the run's seed; each step reseeds the engine with it and the step, so the
     *     random state (dropout) is a function of the two and a resumed run repeats it
     */
    TrainingStep(ModelSetup setup, ObjectiveSet objectives, LossWeighting weighting,
            ParameterOptimizer optimizer, double clipNorm, long seed) {
        this.setup = Objects.requireNonNull(setup, "setup");
        this.objectives = Objects.requireNonNull(objectives, "objectives");
        this.weighting = Objects.requireNonNull(weighting, "weighting");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.clipNorm = clipNorm;
        this.seed = seed;
        this.trainable = new ArrayList<>();
        // Frozen parameters (requiresGradient false) are left out of every gradient step.
        setup.model().namedParameters().stream()
                .filter(pair -> pair.getValue().requiresGradient())
                .forEach(trainable::add);
    }

    /**
     * Runs one step on an encoded batch. Every array made here belongs to {@code manager},
     * which the caller closes.
     *
     * @param batch the batch, with sample ids for error messages
     * @param step the 0-based global step
     * @return the logged values of the step
     * @throws TrainingDivergedException if a loss term is NaN or infinite
     */
    Map<String, Double> run(EncodedBatch batch, long step, NDManager manager) {
        Engine.getInstance().setRandomSeed(Long.hashCode(seed * 31 + step));
        objectives.beginStep(step);
        Map<String, Double> logged = new LinkedHashMap<>();
        double[] weights;
        // Quantization-aware training: forward and backward run on the fake-quantised weights,
        // so the gradient the float weights get is the one at q(w) (straight-through). The
        // collector closes first, then the float weights go back in place, before clipping
        // and the update. Without quantization the first resource does nothing.
        try (WeightQuantizer.FloatWeights floats = setup.quantizer().fakeQuantize(manager);
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList outputs = setup.model().forward(setup.store(), batch.inputs(), true);
            List<ObjectiveSet.Evaluated> evaluated = objectives.compute(outputs, batch.targets());
            double[] losses = new double[evaluated.size()];
            for (int i = 0; i < evaluated.size(); i++) {
                Map<String, Double> values = evaluated.get(i).values();
                values.forEach((term, value) -> {
                    if (!Double.isFinite(value)) {
                        throw new TrainingDivergedException(step, term, value, batch.ids());
                    }
                });
                logged.putAll(values);
                losses[i] = values.values().stream().mapToDouble(Double::doubleValue).sum();
            }
            if (weighting.needsGradients() && evaluated.size() > 1) {
                weights = backwardEachAndCombine(collector, evaluated, losses, manager);
            } else {
                weights = weighting.weights(objectives.fixedWeights(), losses, null);
                NDArray loss = Scalars.mul(evaluated.get(0).total(), (float) weights[0]);
                for (int i = 1; i < evaluated.size(); i++) {
                    loss = loss.add(Scalars.mul(evaluated.get(i).total(), (float) weights[i]));
                }
                collector.backward(loss);
            }
            double total = 0;
            for (int i = 0; i < losses.length; i++) {
                total += weights[i] * losses[i];
            }
            logged.put("loss", total);
        }
        if (objectives.size() > 1) {
            List<String> names = objectives.names();
            for (int i = 0; i < weights.length; i++) {
                logged.put("weight/" + names.get(i), weights[i]);
            }
        }
        double norm = GradientClipping.clip(trainable, clipNorm);
        if (!Double.isFinite(norm)) {
            // Stop before the update writes NaN into the weights, naming where it came from.
            throw new TrainingDivergedException(step, "gradient of "
                    + GradientClipping.nonFinite(trainable), norm, batch.ids());
        }
        logged.put("grad_norm", norm);
        optimizer.step(trainable, step);
        return logged;
    }

    private double[] backwardEachAndCombine(GradientCollector collector,
            List<ObjectiveSet.Evaluated> evaluated, double[] losses, NDManager manager) {
        int n = evaluated.size();
        List<List<NDArray>> gradients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            NDArray total = evaluated.get(i).total();
            if (i < n - 1) {
                // DJL's collector frees the graph after one backward; keep it for the next.
                try (NDArray ones = total.onesLike()) {
                    JniUtils.backward((PtNDArray) total, (PtNDArray) ones, true, false);
                }
            } else {
                collector.backward(total);
            }
            gradients.add(takeGradients(manager));
        }
        double[][] gram = new double[n][n];
        for (int p = 0; p < trainable.size(); p++) {
            double[] norms = new double[n];
            boolean shared = true;
            for (int i = 0; i < n; i++) {
                norms[i] = gradients.get(i).get(p).square().sum().getFloat();
                shared &= norms[i] > 0;
            }
            if (!shared) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                gram[i][i] += norms[i];
                for (int j = i + 1; j < n; j++) {
                    double dot = gradients.get(i).get(p).mul(gradients.get(j).get(p)).sum()
                            .getFloat();
                    gram[i][j] += dot;
                    gram[j][i] += dot;
                }
            }
        }
        double[] weights = weighting.weights(objectives.fixedWeights(), losses, gram);
        for (int p = 0; p < trainable.size(); p++) {
            try (NDArray gradient = trainable.get(p).getValue().getArray().getGradient()) {
                for (int i = 0; i < n; i++) {
                    gradient.addi(gradients.get(i).get(p).mul((float) weights[i]));
                }
            }
        }
        return weights;
    }

    /** Copies every trainable gradient onto the step's manager and zeroes the original. */
    private List<NDArray> takeGradients(NDManager manager) {
        List<NDArray> copies = new ArrayList<>(trainable.size());
        for (Pair<String, Parameter> entry : trainable) {
            try (NDArray gradient = entry.getValue().getArray().getGradient()) {
                NDArray copy = gradient.duplicate();
                copy.attach(manager);
                copies.add(copy);
                gradient.subi(gradient);
            }
        }
        return copies;
    }
}
