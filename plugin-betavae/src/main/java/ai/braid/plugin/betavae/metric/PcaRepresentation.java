package ai.braid.plugin.betavae.metric;

import ai.braid.api.UserInputException;
import ai.braid.plugin.betavae.DSpritesFactors;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Principal components of the pixels as codes: the paper's PCA baseline (84.9%).
 *
 * <p>{@link #fit} renders images with uniformly drawn factors and keeps the leading principal
 * components of their pixels (see {@link PrincipalComponents} for how they are computed with
 * Smile); {@link #encode} renders each image and projects its centred pixels onto them.
 */
public final class PcaRepresentation implements FactorRepresentation {

    /** The number of components the paper's baselines keep, the size of the models' latent. */
    public static final int DEFAULT_COMPONENTS = 10;

    private final PrincipalComponents components;

    private PcaRepresentation(PrincipalComponents components) {
        this.components = components;
    }

    /**
     * Fits {@value #DEFAULT_COMPONENTS} components.
     *
     * @param sampleSize number of images to fit on, more than 10; memory grows as
     *     {@code sampleSize * 32 KiB}, time as {@code min(sampleSize, 4096)^2 * 4096} plus an
     *     eigendecomposition of that size
     * @param seed seed of the images' factors
     * @return the fitted representation
     * @throws UserInputException if the sizes are out of range
     */
    public static PcaRepresentation fit(int sampleSize, long seed) {
        return fit(sampleSize, DEFAULT_COMPONENTS, seed);
    }

    /**
     * Fits the leading principal components of uniformly drawn images.
     *
     * @param sampleSize number of images to fit on, more than {@code components}
     * @param components number of components kept, 1 to 4096
     * @param seed seed of the images' factors
     * @return the fitted representation
     * @throws UserInputException if the sizes are out of range
     */
    public static PcaRepresentation fit(int sampleSize, int components, long seed) {
        return new PcaRepresentation(fitComponents(sampleSize, components, seed));
    }

    /** The fitted components, which ICA builds on. */
    PrincipalComponents principalComponents() {
        return components;
    }

    /**
     * The number of components, the code width.
     *
     * @return k
     */
    public int getComponents() {
        return components.components();
    }

    /**
     * The fitting sample's variance along each component.
     *
     * @return (k) variances, largest first
     */
    public double[] getVariances() {
        return components.variances();
    }

    /**
     * Projects each image's pixels onto the components.
     *
     * @param factors N images' factors
     * @return (N, k) codes
     */
    @Override
    public double[][] encode(List<DSpritesFactors> factors) {
        double[][] codes = new double[factors.size()][];
        IntStream.range(0, codes.length).parallel().forEach(
                i -> codes[i] = components.projectBinary(Images.render(factors.get(i))));
        return codes;
    }

    /** Fits the components on {@link #sample} images; shared with the ICA baseline. */
    static PrincipalComponents fitComponents(int sampleSize, int components, long seed) {
        if (components < 1 || components > Images.PIXELS) {
            throw new UserInputException("The number of principal components must be in [1, "
                    + Images.PIXELS + "], got " + components);
        }
        if (sampleSize <= components) {
            throw new UserInputException("Fitting " + components + " principal components needs "
                    + "more than " + components + " sample images, got " + sampleSize);
        }
        try {
            return PrincipalComponents.fit(Images.pixels(sample(sampleSize, seed)), components);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage() + "; fit on more than " + sampleSize
                    + " images", e);
        }
    }

    /** The factors of the images a baseline is fitted on: uniform, from {@code seed}. */
    static List<DSpritesFactors> sample(int sampleSize, long seed) {
        return Factors.uniform(sampleSize, new SplittableRandom(seed));
    }
}
