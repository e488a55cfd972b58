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
 */
public final class MgdaWeightingFactory implements LossWeightingFactory {

    private static final OptionSchema OPTIONS = OptionSchema.builder()
            .addNumber("minWeight", 0.001, 0, 0.5,
                    "keeps each objective's weight in [minWeight, 1 - minWeight]")
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
        return new LossWeighting() {
            @Override
            public boolean needsGradients() {
                return true;
            }

            @Override
            public double[] weights(double[] fixedWeights, double[] losses, double[][] gram) {
                double c = firstWeight(gram[0][0], gram[0][1], gram[1][1], minWeight);
                return new double[] {c, 1 - c};
            }
        };
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
