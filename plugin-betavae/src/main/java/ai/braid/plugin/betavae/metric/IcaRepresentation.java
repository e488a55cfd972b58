package ai.braid.plugin.betavae.metric;

import ai.braid.api.UserInputException;
import ai.braid.plugin.betavae.DSpritesFactors;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Independent components of the pixels as codes: the paper's ICA baseline (42.03%).
 *
 * <p>Whitening 4096 binary pixels is singular (many pixels are almost never lit), so
 * {@link #fit} first reduces uniformly drawn images to their leading principal components, then
 * runs Smile's FastICA on those, standardised (see {@link IndependentComponents}, which also
 * works around two defects of Smile 2.6.0's ICA). {@link #encode} renders each image and
 * applies the same steps. Over the fitting sample the codes have unit variance and zero
 * correlation.
 */
public final class IcaRepresentation implements FactorRepresentation {

    private final PrincipalComponents principal;
    private final IndependentComponents independent;

    private IcaRepresentation(PrincipalComponents principal, IndependentComponents independent) {
        this.principal = principal;
        this.independent = independent;
    }

    /**
     * Fits {@value PcaRepresentation#DEFAULT_COMPONENTS} independent components.
     *
     * @param sampleSize number of images to fit on, more than 10
     * @param seed seed of the images' factors and of FastICA's starting directions
     * @return the fitted representation
     * @throws UserInputException if the sizes are out of range
     */
    public static IcaRepresentation fit(int sampleSize, long seed) {
        return fit(sampleSize, PcaRepresentation.DEFAULT_COMPONENTS, seed);
    }

    /**
     * Fits independent components of the leading principal components of uniformly drawn
     * images; as many of each.
     *
     * @param sampleSize number of images to fit on, more than {@code components}
     * @param components number of principal and of independent components, 1 to 4096
     * @param seed seed of the images' factors and of FastICA's starting directions
     * @return the fitted representation
     * @throws UserInputException if the sizes are out of range
     */
    public static IcaRepresentation fit(int sampleSize, int components, long seed) {
        return fit(PcaRepresentation.fit(sampleSize, components, seed), sampleSize, seed);
    }

    /**
     * Fits independent components of an already fitted PCA's components, on the images that
     * PCA was fitted on, so a caller scoring both does not fit PCA twice.
     *
     * @param pca a PCA fitted with the same {@code sampleSize} and {@code seed}
     * @param sampleSize the number of images PCA was fitted on
     * @param seed the seed PCA was fitted with; also seeds FastICA's starting directions
     * @return the fitted representation, as many independent as principal components
     * @throws UserInputException if the sizes are out of range
     */
    public static IcaRepresentation fit(PcaRepresentation pca, int sampleSize, long seed) {
        PrincipalComponents principal = pca.principalComponents();
        int components = principal.components();
        List<DSpritesFactors> sample = PcaRepresentation.sample(sampleSize, seed);
        double[][] signals = new double[components][sampleSize];
        IntStream.range(0, sampleSize).parallel().forEach(i -> {
            double[] code = principal.projectBinary(Images.render(sample.get(i)));
            for (int c = 0; c < components; c++) {
                signals[c][i] = code[c];
            }
        });
        return new IcaRepresentation(principal,
                IndependentComponents.fit(signals, components, seed));
    }

    /**
     * The number of independent components, the code width.
     *
     * @return p
     */
    public int getComponents() {
        return independent.components();
    }

    /**
     * Projects each image onto the independent components.
     *
     * @param factors N images' factors
     * @return (N, p) codes
     */
    @Override
    public double[][] encode(List<DSpritesFactors> factors) {
        double[][] codes = new double[factors.size()][];
        IntStream.range(0, codes.length).parallel().forEach(
                i -> codes[i] = independent.project(principalCodes(factors.get(i))));
        return codes;
    }

    /** (k) the image's principal components, the signals FastICA separates. */
    double[] principalCodes(DSpritesFactors factors) {
        return principal.projectBinary(Images.render(factors));
    }

    /** The fitted FastICA stage, for tests of its whitening. */
    IndependentComponents independent() {
        return independent;
    }
}
