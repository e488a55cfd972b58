package ai.braid.plugin.betavae.objective;

import ai.braid.api.UserInputException;
import ai.braid.api.nn.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.Locale;

/**
 * The decoder's distribution over pixels, as a negative log-likelihood of the target pixels
 * given the decoder's logits, summed over pixels and averaged over the batch.
 */
public enum PixelLikelihood {
    /**
     * Independent Bernoulli pixels (binary images, dSprites): the sigmoid cross-entropy {@code
     * softplus(l) - l x}, which equals {@code -x log sigmoid(l) - (1 - x) log(1 - sigmoid(l))};
     * the engine's softplus is stable for large logits. Targets may be grey levels in [0, 1].
     */
    BERNOULLI,
    /**
     * Gaussian pixels of unit variance around {@code sigmoid(l)}: {@code 0.5 (x -
     * sigmoid(l))^2}, dropping the constant {@code 0.5 log 2 pi} per pixel.
     */
    GAUSSIAN;

    /**
     * Parses a pipeline value.
     *
     * @param name "bernoulli" or "gaussian", any case
     * @param where the YAML path, for the error message
     * @return the likelihood
     * @throws UserInputException for another name
     */
    public static PixelLikelihood of(String name, String where) {
        for (PixelLikelihood likelihood : values()) {
            if (likelihood.name().equalsIgnoreCase(name)) {
                return likelihood;
            }
        }
        throw new UserInputException(where + ": expected bernoulli or gaussian, got '" + name
                + "'");
    }

    /**
     * Computes the negative log-likelihood.
     *
     * @param logits (B, P) decoder logits
     * @param pixels (B, P) targets in [0, 1]
     * @return a scalar: the per-sample sum over the P pixels, averaged over the B samples
     */
    public NDArray negativeLogLikelihood(NDArray logits, NDArray pixels) {
        NDArray x = pixels.toType(logits.getDataType(), false);
        NDArray perPixel;
        if (this == BERNOULLI) {
            // one fused kernel instead of the five of max(l, 0) + log(1 + exp(-|l|))
            perPixel = Activation.softPlus(logits).sub(logits.mul(x));
        } else {
            perPixel = Scalars.mul(Activation.sigmoid(logits).sub(x).square(),
                    0.5f);
        }
        return perPixel.sum(new int[] {1}).mean();
    }

    /**
     * Returns the name pipelines use.
     *
     * @return "bernoulli" or "gaussian"
     */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
