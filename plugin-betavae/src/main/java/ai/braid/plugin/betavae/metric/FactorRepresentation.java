package ai.braid.plugin.betavae.metric;

import ai.braid.plugin.betavae.DSpritesFactors;
import java.util.List;

/**
 * Maps dSprites images, given by their generative factors, to codes: the representation whose
 * disentanglement {@link DisentanglementMetric} scores.
 *
 * <p>A model's encoder implements it by rendering the images and returning its posterior means;
 * the baselines in this package compute codes without a model. The metric passes many images
 * per call so that an encoder can batch them.
 */
@FunctionalInterface
public interface FactorRepresentation {

    /**
     * Encodes a batch of images.
     *
     * @param factors N images' factors
     * @return (N, D) codes, row i for image i; D must be the same on every call
     */
    double[][] encode(List<DSpritesFactors> factors);
}
