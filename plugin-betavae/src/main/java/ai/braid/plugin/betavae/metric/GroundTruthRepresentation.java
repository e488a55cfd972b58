package ai.braid.plugin.betavae.metric;

import ai.braid.plugin.betavae.DSpritesFactors;
import java.util.List;

/**
 * The factors themselves as codes: the perfectly disentangled representation, the metric's
 * upper reference (100% in the paper).
 */
public final class GroundTruthRepresentation implements FactorRepresentation {

    /**
     * Returns each image's factor indices.
     *
     * @param factors N images' factors
     * @return (N, 5) codes: shape, scale, orientation, position x and position y indices
     */
    @Override
    public double[][] encode(List<DSpritesFactors> factors) {
        double[][] codes = new double[factors.size()][Factors.COUNT];
        for (int i = 0; i < codes.length; i++) {
            for (int k = 0; k < Factors.COUNT; k++) {
                codes[i][k] = Factors.get(factors.get(i), k);
            }
        }
        return codes;
    }
}
