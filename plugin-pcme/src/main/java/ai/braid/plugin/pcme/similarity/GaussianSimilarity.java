package ai.braid.plugin.pcme.similarity;

import ai.braid.api.UserInputException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Objects;

/**
 * The checks and memory handling every similarity shares: inputs are validated, copied as
 * float32 onto a scratch manager below the queries' manager, and only the (Q, G) result is
 * moved to the queries' manager, so no intermediate outlives the call and the caller's arrays
 * keep their owners.
 */
abstract class GaussianSimilarity implements Similarity {

    private final String name;
    private final boolean needsSigma;

    GaussianSimilarity(String name, boolean needsSigma) {
        this.name = name;
        this.needsSigma = needsSigma;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final boolean needsSigma() {
        return needsSigma;
    }

    @Override
    public final NDArray score(GaussianSet queries, GaussianSet gallery) {
        Objects.requireNonNull(queries, "queries");
        Objects.requireNonNull(gallery, "gallery");
        check(queries, gallery);
        NDManager owner = queries.mu().getManager();
        if (queries.size() == 0 || gallery.size() == 0) {
            return owner.zeros(new Shape(queries.size(), gallery.size()), DataType.FLOAT32);
        }
        try (NDManager scratch = owner.newSubManager()) {
            NDArray scores = compute(Moments.copyOf(queries, scratch),
                    Moments.copyOf(gallery, scratch));
            scores.attach(owner);
            return scores;
        }
    }

    /**
     * Computes the scores from float32 copies that live on one scratch manager.
     *
     * @param queries Q Gaussians (Q, D)
     * @param gallery G Gaussians (G, D), of the same D
     * @return (Q, G) float32 similarities, on the scratch manager
     */
    abstract NDArray compute(Moments queries, Moments gallery);

    private void check(GaussianSet queries, GaussianSet gallery) {
        if (queries.dimension() != gallery.dimension()) {
            throw new UserInputException("similarity '" + name + "' needs queries and gallery "
                    + "of one embedding dimension D, got queries " + queries.mu().getShape()
                    + " and gallery " + gallery.mu().getShape());
        }
        if (!queries.mu().getDevice().equals(gallery.mu().getDevice())) {
            throw new UserInputException("similarity '" + name + "' needs queries and gallery "
                    + "on one device, got " + queries.mu().getDevice() + " and "
                    + gallery.mu().getDevice());
        }
        if (needsSigma) {
            requireSigma(queries, "queries");
            requireSigma(gallery, "gallery");
        }
    }

    private void requireSigma(GaussianSet set, String side) {
        if (set.logSigma() == null) {
            throw new UserInputException("similarity '" + name + "' reads sigma, but the "
                    + side + " are deterministic embeddings without log sigma; use 'mu' for "
                    + "point embeddings");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
