package ai.braid.plugin.betavae.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.UserInputException;
import ai.braid.plugin.betavae.DSpritesFactors;
import ai.braid.plugin.betavae.DSpritesRenderer;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import smile.projection.PCA;

class BaselineRepresentationTest {

    private static final List<DSpritesFactors> SOME = List.of(
            new DSpritesFactors(0, 0, 0, 0, 0), new DSpritesFactors(2, 5, 39, 31, 31),
            new DSpritesFactors(1, 3, 17, 9, 22));

    private static double mean(double[][] rows, int column) {
        double sum = 0;
        for (double[] row : rows) {
            sum += row[column];
        }
        return sum / rows.length;
    }

    /** Population covariance of two columns. */
    private static double covariance(double[][] rows, int a, int b) {
        double meanA = mean(rows, a);
        double meanB = mean(rows, b);
        double sum = 0;
        for (double[] row : rows) {
            sum += (row[a] - meanA) * (row[b] - meanB);
        }
        return sum / rows.length;
    }

    private static double correlation(double[][] rows, int a, int b) {
        return covariance(rows, a, b)
                / Math.sqrt(covariance(rows, a, a) * covariance(rows, b, b));
    }

    @Test
    void theGroundTruthCodesAreTheFactorIndices() {
        double[][] codes = new GroundTruthRepresentation().encode(SOME);

        assertThat(codes[0]).containsExactly(0, 0, 0, 0, 0);
        assertThat(codes[1]).containsExactly(2, 5, 39, 31, 31);
        assertThat(codes[2]).containsExactly(1, 3, 17, 9, 22);
    }

    @Test
    void rawPixelCodesAreTheRenderedImage() {
        double[][] codes = new RawPixelRepresentation().encode(SOME);

        assertThat(codes).hasDimensions(3, 4096);
        byte[] pixels = new DSpritesRenderer().render(SOME.get(2));
        for (int p = 0; p < pixels.length; p++) {
            assertThat(codes[2][p]).isEqualTo(pixels[p]);
        }
    }

    @Test
    void principalComponentsMatchSmilePcaThroughEitherRoute() {
        Random random = new Random(11);
        // 40 samples of 6 dimensions (covariance route) and 5 of 8 (Gram route).
        for (int[] size : new int[][] {{40, 6}, {5, 8}}) {
            double[][] rows = new double[size[0]][size[1]];
            for (double[] row : rows) {
                for (int j = 0; j < row.length; j++) {
                    // Uneven scales, so the eigenvalues are distinct.
                    row[j] = random.nextGaussian() * (j + 1) + (j == 0 ? row[1] : 0);
                }
            }
            int k = 3;
            PrincipalComponents ours = PrincipalComponents.fit(rows, k);
            PCA smile = PCA.fit(rows);
            // Smile divides the scatter by n only when n <= m; its SVD route (n > m) reports the
            // squared singular values.
            double divisor = size[0] > size[1] ? size[0] : 1;

            double[][] loadings = ours.loadings();
            for (int c = 0; c < k; c++) {
                assertThat(ours.variances()[c])
                        .isCloseTo(smile.getVariance()[c] / divisor, within(1e-9));
                double[] expected = smile.getLoadings().col(c);
                double sign = Math.signum(expected[0] * loadings[c][0]);
                for (int j = 0; j < expected.length; j++) {
                    assertThat(loadings[c][j]).isCloseTo(sign * expected[j], within(1e-9));
                }
            }
            double[] code = ours.project(rows[0]);
            double[] centre = smile.getCenter();
            for (int c = 0; c < k; c++) {
                double expected = 0;
                for (int j = 0; j < centre.length; j++) {
                    expected += loadings[c][j] * (rows[0][j] - centre[j]);
                }
                assertThat(code[c]).isCloseTo(expected, within(1e-9));
            }
        }
    }

    @Test
    void pcaCodesHaveTheFittedVariancesAndMatchTheDenseProjection() {
        PcaRepresentation pca = PcaRepresentation.fit(300, 10, 5);
        List<DSpritesFactors> sample = PcaRepresentation.sample(300, 5);
        double[][] codes = pca.encode(sample);

        assertThat(pca.getComponents()).isEqualTo(10);
        assertThat(codes).hasDimensions(300, 10);
        double[] variances = pca.getVariances();
        for (int c = 0; c < 10; c++) {
            assertThat(covariance(codes, c, c)).isCloseTo(variances[c], within(1e-9));
            assertThat(mean(codes, c)).isCloseTo(0, within(1e-9));
            if (c > 0) {
                assertThat(variances[c]).isLessThanOrEqualTo(variances[c - 1]);
                assertThat(correlation(codes, 0, c)).isCloseTo(0, within(1e-9));
            }
        }
        PrincipalComponents components = PcaRepresentation.fitComponents(300, 10, 5);
        double[] dense = components.project(Images.pixels(SOME)[1]);
        assertThat(pca.encode(SOME)[1]).containsExactly(dense, within(1e-9));
        assertThat(PcaRepresentation.fit(300, 10, 5).encode(SOME)).isEqualTo(pca.encode(SOME));
    }

    @Test
    void fastIcaSeparatesAMixtureOfNonGaussianSources() {
        int n = 2000;
        SplittableRandom random = new SplittableRandom(2);
        double[][] sources = new double[3][n];
        for (int j = 0; j < n; j++) {
            sources[0][j] = random.nextDouble(-1, 1);
            sources[1][j] = (random.nextBoolean() ? 1 : -1) * Math.log(random.nextDouble());
            sources[2][j] = Math.sin(j * 0.05);
        }
        double[][] mixing = {{1, 0.6, 0.3}, {0.4, 1, -0.5}, {0.2, 0.7, 1}};
        double[][] signals = new double[3][n];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < n; j++) {
                for (int s = 0; s < 3; s++) {
                    signals[i][j] += mixing[i][s] * sources[s][j];
                }
            }
        }
        IndependentComponents ica = IndependentComponents.fit(signals, 3, 8);
        double[][] rows = new double[n][];
        for (int j = 0; j < n; j++) {
            double[] codes = ica.project(new double[] {signals[0][j], signals[1][j],
                    signals[2][j]});
            rows[j] = new double[] {codes[0], codes[1], codes[2], sources[0][j], sources[1][j],
                    sources[2][j]};
        }

        // Each component matches one source (up to sign and order).
        boolean[] matched = new boolean[3];
        for (int c = 0; c < 3; c++) {
            int best = 0;
            for (int s = 1; s < 3; s++) {
                if (Math.abs(correlation(rows, c, 3 + s))
                        > Math.abs(correlation(rows, c, 3 + best))) {
                    best = s;
                }
            }
            assertThat(Math.abs(correlation(rows, c, 3 + best))).isGreaterThan(0.98);
            matched[best] = true;
        }
        assertThat(matched).containsOnly(true);
    }

    @Test
    void icaCodesAreWhiteAndFastIcaFixedPointsInOurWhitening() {
        int n = 500;
        IcaRepresentation ica = IcaRepresentation.fit(n, 10, 9);
        List<DSpritesFactors> sample = PcaRepresentation.sample(n, 9);
        double[][] codes = ica.encode(sample);

        assertThat(ica.getComponents()).isEqualTo(10);
        assertThat(codes).hasDimensions(n, 10);
        for (int a = 0; a < 10; a++) {
            assertThat(mean(codes, a)).isCloseTo(0, within(1e-9));
            assertThat(covariance(codes, a, a)).isCloseTo(1, within(1e-9));
            for (int b = 0; b < a; b++) {
                assertThat(covariance(codes, a, b)).isCloseTo(0, within(1e-9));
            }
        }

        // One more FastICA step (tanh contrast, deflation) in our reconstruction of Smile's
        // whitened space leaves every component where Smile stopped: the space is Smile's.
        IndependentComponents independent = ica.independent();
        double[][] whitened = new double[n][];
        for (int i = 0; i < n; i++) {
            whitened[i] = independent.whiten(ica.principalCodes(sample.get(i)));
        }
        double[][] unmixing = independent.unmixing();
        for (int c = 0; c < unmixing.length; c++) {
            double[] w = unmixing[c];
            double[] next = new double[w.length];
            double slope = 0;
            for (double[] y : whitened) {
                double projection = 0;
                for (int d = 0; d < w.length; d++) {
                    projection += w[d] * y[d];
                }
                double tanh = Math.tanh(projection);
                for (int d = 0; d < w.length; d++) {
                    next[d] += y[d] * tanh / n;
                }
                slope += (1 - tanh * tanh) / n;
            }
            for (int d = 0; d < w.length; d++) {
                next[d] -= slope * w[d];
            }
            for (int previous = 0; previous < c; previous++) {
                double dot = 0;
                for (int d = 0; d < w.length; d++) {
                    dot += unmixing[previous][d] * next[d];
                }
                for (int d = 0; d < w.length; d++) {
                    next[d] -= dot * unmixing[previous][d];
                }
            }
            double norm = 0;
            double alignment = 0;
            for (int d = 0; d < w.length; d++) {
                norm += next[d] * next[d];
            }
            for (int d = 0; d < w.length; d++) {
                alignment += w[d] * next[d] / Math.sqrt(norm);
            }
            assertThat(Math.abs(alignment)).as("component %d moved", c).isGreaterThan(1 - 1e-5);
        }
        assertThat(IcaRepresentation.fit(n, 10, 9).encode(SOME)).isEqualTo(ica.encode(SOME));
    }

    @Test
    void badSizesAreRejected() {
        assertThatThrownBy(() -> PcaRepresentation.fit(10, 10, 1))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("more than 10 sample images, got 10");
        assertThatThrownBy(() -> PcaRepresentation.fit(100, 0, 1))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("must be in [1, 4096], got 0");
        assertThatThrownBy(() -> IcaRepresentation.fit(3, 1))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("more than 10 sample images, got 3");
    }
}
