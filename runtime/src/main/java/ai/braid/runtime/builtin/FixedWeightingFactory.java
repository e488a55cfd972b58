package ai.braid.runtime.builtin;

import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.spi.LossWeighting;
import ai.braid.api.spi.LossWeightingFactory;
import java.util.List;

/** The weights written in the pipeline, at every step: {@code L = sum_i weight_i * L_i}. */
public final class FixedWeightingFactory implements LossWeightingFactory {

    @Override
    public String name() {
        return "fixed";
    }

    @Override
    public String description() {
        return "each objective's loss times the weight the pipeline gives it (default 1)";
    }

    @Override
    public OptionSchema options() {
        return OptionSchema.EMPTY;
    }

    @Override
    public LossWeighting create(ComponentConfig config, List<String> objectives) {
        return new LossWeighting() {
            @Override
            public boolean needsGradients() {
                return false;
            }

            @Override
            public double[] weights(double[] fixedWeights, double[] losses, double[][] gram) {
                return fixedWeights.clone();
            }
        };
    }
}
