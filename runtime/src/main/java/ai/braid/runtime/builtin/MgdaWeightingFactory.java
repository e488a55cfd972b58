package ai.braid.runtime.builtin;

import ai.braid.api.UserInputException;
import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.spi.LossWeighting;
import ai.braid.api.spi.LossWeightingFactory;
import java.util.List;

/**
 * Multiple-gradient descent for two objectives (Sener and Koltun 2018), in closed form: the
 * convex combination {@code c*g1 + (1-c)*g2} of the two gradients on the shared parameters with
 * the smallest norm, recomputed at every step.
 *
 * <p>{@code normalize} follows the authors' gradient normalisers: the weights are solved on
 * g_i / n_i, with n_i = |g_i| ({@code l2}), the loss ({@code loss}) or both ({@code loss+}), and
 * applied to the raw losses. Without it, an objective with a much smaller gradient takes
 * almost all the weight and the step shrinks to that gradient (a supervised contrastive loss at
 * a low temperature next to cross-entropy, say); with {@code l2} both directions count alike.
 */
public final class MgdaWeightingFactory implements LossWeightingFactory {

    private static final String NONE = "none";
    private static final String L2 = "l2";
    private static final String LOSS = "loss";
    private static final String LOSS_PLUS = "loss+";

    private static final OptionSchema OPTIONS = OptionSchema.builder()
            .addNumber("minWeight", 0.001, 0, 0.5,
                    "keeps each objective's weight in [minWeight, 1 - minWeight]")
            .addChoice("normalize", NONE, List.of(NONE, L2, LOSS, LOSS_PLUS),
                    "solve the weights on normalised gradients g_i / n_i: n_i = |g_i| (l2),"
                            + " the loss (loss) or both (loss+); none: the raw gradients")
            .build();

    @Override
    public String name() {
        return "mgda";
    }

    @Override
    public String description() {
        return "MGDA two-objective closed form: the min-norm combination of the gradients";
    }

    @Override
    public OptionSchema options() {
        return OPTIONS;
    }

    @Override
    public LossWeighting create(ComponentConfig config, List<String> objectives) {
        if (objectives.size() != 2) {
            throw new UserInputException("mgda combines exactly two"
                    + " objectives, the pipeline has " + objectives.size() + " " + objectives
                    + "; list two objectives or use weighting: fixed");
        }
        double minWeight = config.getDouble("minWeight");
        String normalize = config.getString("normalize");
        return new LossWeighting() {
            @Override
            public boolean needsGradients() {
                return true;
            }

            @Override
            public double[] weights(double[] fixedWeights, double[] losses, double[][] gram) {
                double n1 = normalizer(normalize, gram[0][0], losses[0]);
                double n2 = normalizer(normalize, gram[1][1], losses[1]);
                double c = firstWeight(gram[0][0] / (n1 * n1), gram[0][1] / (n1 * n2),
                        gram[1][1] / (n2 * n2), minWeight);
                return new double[] {c, 1 - c};
            }
        };
    }

    /**
     * The normaliser n_i of one gradient, never 0.
     *
     * @param normalize none, l2, loss or loss+
     * @param squaredNorm g_i . g_i
     * @param loss the objective's loss
     * @return n_i
     */
    static double normalizer(String normalize, double squaredNorm, double loss) {
        double n = switch (normalize) {
            case L2 -> Math.sqrt(squaredNorm);
            case LOSS -> Math.abs(loss);
            case LOSS_PLUS -> Math.abs(loss) * Math.sqrt(squaredNorm);
            default -> 1;
        };
        return n > 1e-12 && Double.isFinite(n) ? n : 1;
    }

    /**
     * The weight of the first objective: the minimiser over c in [0, 1] of
     * {@code |c*g1 + (1-c)*g2|^2}, kept within [minWeight, 1 - minWeight] as in the authors'
     * code.
     *
     * @param v11 g1 . g1
     * @param v12 g1 . g2
     * @param v22 g2 . g2
     * @param minWeight the bound, 0.001 in the reference
     * @return c
     */
    static double firstWeight(double v11, double v12, double v22, double minWeight) {
        if (v12 >= v11) {
            return 1 - minWeight;
        }
        if (v12 >= v22) {
            return minWeight;
        }
        double c = (v22 - v12) / (v11 + v22 - 2 * v12);
        return Math.min(1 - minWeight, Math.max(minWeight, c));
    }
}
