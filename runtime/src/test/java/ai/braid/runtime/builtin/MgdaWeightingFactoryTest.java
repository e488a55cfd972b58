package ai.braid.runtime.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MgdaWeightingFactoryTest {

    /** Minimises |c*g1 + (1-c)*g2|^2 over a fine grid of c, independently of the closed form. */
    private static double bruteForce(double[] g1, double[] g2) {
        double best = 0;
        double bestNorm = Double.MAX_VALUE;
        for (int i = 0; i <= 100_000; i++) {
            double c = i / 100_000.0;
            double norm = 0;
            for (int k = 0; k < g1.length; k++) {
                double v = c * g1[k] + (1 - c) * g2[k];
                norm += v * v;
            }
            if (norm < bestNorm) {
                bestNorm = norm;
                best = c;
            }
        }
        return best;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += a[k] * b[k];
        }
        return sum;
    }

    private static double closedForm(double[] g1, double[] g2) {
        return MgdaWeightingFactory.firstWeight(dot(g1, g1), dot(g1, g2), dot(g2, g2), 0.001);
    }

    @Test
    void conflictingGradientsGetTheMinNormCombination() {
        double[] g1 = {1, 0.5, -2};
        double[] g2 = {-1, 1, 1};
        // v11 = 5.25, v12 = -2.5, v22 = 3: c = (3 + 2.5) / (5.25 + 3 + 5) = 0.41509...
        assertThat(closedForm(g1, g2)).isCloseTo(5.5 / 13.25, within(1e-12));
        assertThat(closedForm(g1, g2)).isCloseTo(bruteForce(g1, g2), within(1e-4));
    }

    @Test
    void whenOneGradientDominatesTheWeightGoesToTheBound() {
        double[] small = {0.1, 0.1};
        double[] large = {1, 1};
        // v12 >= v11: the min-norm point is g1 itself, c = 0.999 in the reference code.
        assertThat(closedForm(small, large)).isEqualTo(0.999);
        // v12 >= v22: the min-norm point is g2, c = 0.001.
        assertThat(closedForm(large, small)).isEqualTo(0.001);
    }

    @Test
    void equalNormOrthogonalGradientsAreWeightedEqually() {
        assertThat(closedForm(new double[] {1, 0}, new double[] {0, 1}))
                .isCloseTo(0.5, within(1e-12));
    }

    @Test
    void l2NormalisedGradientsWeighTwoDirectionsAlikeWhateverTheirLengths() {
        double[] small = {0.01, 0};
        double[] large = {0, 3};
        double[] unitSmall = {1, 0};
        double[] unitLarge = {0, 1};
        double n1 = MgdaWeightingFactory.normalizer("l2", dot(small, small), 0.7);
        double n2 = MgdaWeightingFactory.normalizer("l2", dot(large, large), 3.4);
        assertThat(n1).isCloseTo(0.01, within(1e-12));
        assertThat(n2).isCloseTo(3, within(1e-12));
        double c = MgdaWeightingFactory.firstWeight(dot(small, small) / (n1 * n1),
                dot(small, large) / (n1 * n2), dot(large, large) / (n2 * n2), 0.001);
        assertThat(c).isCloseTo(bruteForce(unitSmall, unitLarge), within(1e-4));
        assertThat(c).isCloseTo(0.5, within(1e-12));
        // raw: the min-norm point is almost the small gradient
        assertThat(closedForm(small, large)).isGreaterThan(0.99);
    }

    @Test
    void lossNormalisersDivideByTheLossAndNeverByZero() {
        assertThat(MgdaWeightingFactory.normalizer("loss", 4, -2.5)).isEqualTo(2.5);
        assertThat(MgdaWeightingFactory.normalizer("loss+", 4, 2.5)).isEqualTo(5);
        assertThat(MgdaWeightingFactory.normalizer("none", 4, 2.5)).isEqualTo(1);
        assertThat(MgdaWeightingFactory.normalizer("l2", 0, 2.5)).isEqualTo(1);
    }
}
