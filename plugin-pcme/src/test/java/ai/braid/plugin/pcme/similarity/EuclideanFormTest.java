package ai.braid.plugin.pcme.similarity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EuclideanFormTest {

    private static final int D = 6;
    private static final int G = 40;

    @Test
    void theAugmentedDistanceRanksTheGalleryAsTheClosedFormSampledDistance() {
        Random random = new Random(3);
        float[][] mu = new float[G][];
        float[][] logSigma = new float[G][];
        for (int g = 0; g < G; g++) {
            mu[g] = gaussian(random, 1.0);
            // widely different sigmas, so the variance term reorders the means' ranking
            logSigma[g] = constant(-3 + 2.5 * random.nextDouble());
        }
        float[] queryMu = gaussian(random, 1.0);
        float[] queryLogSigma = constant(-1);
        EuclideanForm form = new CsdSimilarity().euclideanForm().orElseThrow();

        Integer[] byCsd = ranked(g -> -csd(queryMu, queryLogSigma, mu[g], logSigma[g]));
        float[] query = form.query(queryMu);
        Integer[] byAugmented = ranked(g -> -squaredDistance(query, form.gallery(mu[g],
                logSigma[g])));
        Integer[] byMeans = ranked(g -> -csd(queryMu, queryLogSigma, mu[g], constant(-30)));

        assertThat(form.width(D)).isEqualTo(D + 1);
        assertThat(byAugmented).containsExactly(byCsd);
        // the means alone order the gallery otherwise, which is why the form exists
        assertThat(byMeans).isNotEqualTo(byCsd);
    }

    @Test
    void withoutVarianceItRanksByTheDistanceOfTheMeans() {
        Random random = new Random(5);
        float[][] mu = new float[G][];
        for (int g = 0; g < G; g++) {
            mu[g] = gaussian(random, 2.0);
        }
        float[] queryMu = gaussian(random, 2.0);
        EuclideanForm form = new MuSimilarity().euclideanForm().orElseThrow();

        Integer[] byDistance = ranked(g -> -squaredDistance(queryMu, mu[g]));
        float[] query = form.query(queryMu);
        Integer[] byAugmented = ranked(g -> -squaredDistance(query, form.gallery(mu[g], null)));

        assertThat(form.readsSigma()).isFalse();
        assertThat(byAugmented).containsExactly(byDistance);
        assertThat(new ElkSimilarity().euclideanForm()).isEmpty();
    }

    private static Integer[] ranked(java.util.function.IntToDoubleFunction score) {
        return IntStream.range(0, G).boxed()
                .sorted(Comparator.comparingDouble(g -> -score.applyAsDouble(g)))
                .toArray(Integer[]::new);
    }

    private static double csd(float[] muQ, float[] logSigmaQ, float[] muG, float[] logSigmaG) {
        double sum = squaredDistance(muQ, muG);
        for (int d = 0; d < D; d++) {
            sum += Math.exp(2.0 * logSigmaQ[d]) + Math.exp(2.0 * logSigmaG[d]);
        }
        return sum;
    }

    private static double squaredDistance(float[] a, float[] b) {
        double sum = 0;
        for (int d = 0; d < a.length; d++) {
            sum += (a[d] - b[d]) * (double) (a[d] - b[d]);
        }
        return sum;
    }

    private static float[] gaussian(Random random, double scale) {
        float[] values = new float[D];
        for (int d = 0; d < D; d++) {
            values[d] = (float) (scale * random.nextGaussian());
        }
        return values;
    }

    private static float[] constant(double value) {
        float[] values = new float[D];
        Arrays.fill(values, (float) value);
        return values;
    }
}
