package ai.braid.plugin.pcme.similarity;

import ai.braid.api.UserInputException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Objects;

/**
 * PCME's uncertainty of an input: the geometric mean of its sigma over the D dimensions,
 * {@code exp(mean_d log sigma)}. Ambiguous inputs (a generic caption, a cluttered image) get
 * broad Gaussians and a high value.
 */
public final class Uncertainty {

    private Uncertainty() {}

    /**
     * Computes the uncertainty of every embedding.
     *
     * @param set N Gaussians (N, D)
     * @return (N) float32 geometric means of sigma, on the manager of the set's log sigma
     * @throws UserInputException if the set has no sigma
     */
    public static NDArray of(GaussianSet set) {
        Objects.requireNonNull(set, "set");
        NDArray logSigma = set.findLogSigma().orElseThrow(() -> new UserInputException(
                "uncertainty needs probabilistic embeddings with log sigma, got deterministic "
                        + "embeddings " + set.mu().getShape()));
        if (set.dimension() == 0) {
            throw new UserInputException("uncertainty needs embeddings of dimension D >= 1, got "
                    + set.mu().getShape());
        }
        NDManager owner = logSigma.getManager();
        try (NDManager scratch = owner.newSubManager()) {
            NDArray copy = logSigma.toType(DataType.FLOAT32, true);
            copy.attach(scratch);
            NDArray uncertainty = copy.mean(new int[] {1}).exp();
            uncertainty.attach(owner);
            return uncertainty;
        }
    }
}
