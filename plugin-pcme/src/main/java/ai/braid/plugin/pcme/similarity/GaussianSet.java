package ai.braid.plugin.pcme.similarity;

import ai.braid.api.UserInputException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import java.util.Objects;
import java.util.Optional;

/**
 * N diagonal Gaussian embeddings N(mu, diag(sigma^2)) in R^D, the unit PCME embeds every
 * input as.
 *
 * <p>Sigma is held as its logarithm (log standard deviation), as the model's sigma head
 * outputs it. A deterministic embedding has no sigma; only similarities that read mu alone
 * accept it.
 *
 * @param mu (N, D) the means
 * @param logSigma (N, D) the log standard deviations, or null for deterministic embeddings
 */
public record GaussianSet(NDArray mu, NDArray logSigma) {

    /**
     * Checks the shapes.
     *
     * @throws UserInputException if mu is not (N, D) or logSigma has another shape
     */
    public GaussianSet {
        Objects.requireNonNull(mu, "mu");
        Shape shape = mu.getShape();
        if (shape.dimension() != 2) {
            throw new UserInputException("Gaussian embeddings need mu of shape (N, D), got "
                    + shape);
        }
        if (logSigma != null && !logSigma.getShape().equals(shape)) {
            throw new UserInputException("Gaussian embeddings need log sigma of mu's shape "
                    + shape + ", got " + logSigma.getShape());
        }
    }

    /**
     * Deterministic embeddings: points, no sigma.
     *
     * @param mu (N, D)
     * @return the set
     */
    public static GaussianSet points(NDArray mu) {
        return new GaussianSet(mu, null);
    }

    /**
     * Returns the number N of embeddings.
     *
     * @return N
     */
    public long size() {
        return mu.getShape().get(0);
    }

    /**
     * Returns the dimension D.
     *
     * @return D
     */
    public long dimension() {
        return mu.getShape().get(1);
    }

    /**
     * Returns the log standard deviations if the embeddings are probabilistic.
     *
     * @return (N, D), or empty for points
     */
    public Optional<NDArray> findLogSigma() {
        return Optional.ofNullable(logSigma);
    }

    /**
     * Returns rows {@code [from, to)}, views of this set's arrays.
     *
     * @param from first row, inclusive
     * @param to last row, exclusive
     * @return the rows
     */
    public GaussianSet rows(long from, long to) {
        String range = from + ":" + to;
        return new GaussianSet(mu.get(range), logSigma == null ? null : logSigma.get(range));
    }
}
