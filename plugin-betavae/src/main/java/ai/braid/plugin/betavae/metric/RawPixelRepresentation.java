package ai.braid.plugin.betavae.metric;

import ai.braid.plugin.betavae.DSpritesFactors;
import java.util.List;

/** The rendered pixels as codes: the paper's raw-pixel baseline (45.75%). */
public final class RawPixelRepresentation implements FactorRepresentation {

    /**
     * Renders each image.
     *
     * @param factors N images' factors
     * @return (N, 4096) codes, the 64x64 pixels row-major, 0 or 1
     */
    @Override
    public double[][] encode(List<DSpritesFactors> factors) {
        return Images.pixels(factors);
    }
}
