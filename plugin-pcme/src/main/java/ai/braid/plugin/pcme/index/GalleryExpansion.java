package ai.braid.plugin.pcme.index;

import ai.braid.api.UserInputException;
import ai.braid.plugin.pcme.similarity.GaussianSet;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Objects;

/**
 * Grows a gallery of real Gaussian embeddings to any size by sampling from the items' own
 * Gaussians, for benchmarking search at sizes no real data set here reaches.
 *
 * <p>Rows 0 to S - 1 are the S seed items themselves; every further row j is a draw z = mu +
 * eps * sigma (eps ~ N(0, I)) from seed item j mod S, scaled to unit length like the model's
 * means, with that item's log sigma. A 1,000,000-row gallery grown from real items is thus "1M
 * vectors drawn from the model's predicted Gaussians of the real gallery items": as clustered
 * as the model's uncertainty says, not uniform noise. Draws come from the engine's random
 * generator; seed it ({@code Engine.getInstance().setRandomSeed}) for a repeatable gallery.
 */
public final class GalleryExpansion {

    private static final long BLOCK_ROWS = 65_536;

    private GalleryExpansion() {}

    /**
     * Returns a gallery of {@code size} rows grown from the seed items.
     *
     * @param seed S seed embeddings (S, D), with sigma
     * @param size rows wanted; the first min(size, S) are the seed's own
     * @param manager owner of the result; its device is where it is made
     * @return (size, D) mu (drawn rows unit length) and log sigma, on the manager
     * @throws UserInputException if the seed is empty or has no sigma, or size is below 1
     */
    public static GaussianSet expand(GaussianSet seed, long size, NDManager manager) {
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(manager, "manager");
        if (seed.logSigma() == null) {
            throw new UserInputException("growing a gallery samples each item's Gaussian, but"
                    + " the seed gallery has no sigma");
        }
        if (seed.size() == 0) {
            throw new UserInputException("the seed gallery is empty");
        }
        if (size < 1) {
            throw new UserInputException("the gallery size must be 1 or more, got " + size);
        }
        long items = seed.size();
        NDList mu = new NDList();
        NDList logSigma = new NDList();
        try (NDManager work = manager.newSubManager()) {
            GaussianSet local = IndexSupport.rowsOn(seed, 0, items, work);
            long own = Math.min(size, items);
            mu.add(local.mu().get("0:" + own).duplicate());
            logSigma.add(local.logSigma().get("0:" + own).duplicate());
            for (long from = own; from < size; from += BLOCK_ROWS) {
                long to = Math.min(size, from + BLOCK_ROWS);
                try (NDManager block = work.newSubManager()) {
                    // Offsets within a block stay small, so arange is exact whatever its float
                    // path does.
                    NDArray source = block.arange(0, (int) (to - from), 1, DataType.INT64)
                            .add(from).mod(items);
                    NDArray center = local.mu().get(source);
                    center.attach(block);
                    NDArray spread = local.logSigma().get(source);
                    NDArray sigma = spread.exp();
                    sigma.attach(block);
                    NDArray draw = center.add(block.randomNormal(center.getShape()).mul(sigma));
                    NDArray unit = draw.div(draw.norm(new int[] {1}, true));
                    unit.attach(work);
                    mu.add(unit);
                    logSigma.add(spread);
                }
            }
            NDArray allMu = mu.size() == 1 ? mu.get(0) : NDArrays.concat(mu, 0);
            NDArray allLogSigma = logSigma.size() == 1 ? logSigma.get(0)
                    : NDArrays.concat(logSigma, 0);
            allMu.attach(manager);
            allLogSigma.attach(manager);
            return new GaussianSet(allMu, allLogSigma);
        }
    }
}
