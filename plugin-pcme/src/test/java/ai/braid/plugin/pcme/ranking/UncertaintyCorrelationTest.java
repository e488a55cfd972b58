package ai.braid.plugin.pcme.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.UserInputException;
import org.junit.jupiter.api.Test;

class UncertaintyCorrelationTest {

    @Test
    void pointBiserialMatchesTheTextbookFormula() {
        // fail = {3, 4}, success = {1, 2}: (M1 - M0) / sd * sqrt(p q) = (3.5 - 1.5)
        // / sqrt(5/4) * sqrt(1/4) = 2 / sqrt(5) = 0.894427
        double r = UncertaintyCorrelation.pointBiserial(new double[] {1, 2, 3, 4},
                new boolean[] {false, false, true, true});
        assertThat(r).isCloseTo(2 / Math.sqrt(5), within(1e-12));
        // fail = {1, 3, 5}, success = {2, 4}: both means 3 -> r = 0
        assertThat(UncertaintyCorrelation.pointBiserial(new double[] {2, 1, 4, 3, 5},
                new boolean[] {false, true, false, true, true})).isCloseTo(0, within(1e-12));
        // uncertain queries succeeding: negative
        assertThat(UncertaintyCorrelation.pointBiserial(new double[] {1, 2, 3, 4},
                new boolean[] {true, true, false, false})).isCloseTo(-2 / Math.sqrt(5),
                within(1e-12));
    }

    @Test
    void spearmanRanksWithTiesSharingTheirMeanRank() {
        // ranks of y: 1, 3, 2, 5, 4; d = 0, -1, 1, -1, 1; rho = 1 - 6 * 4 / (5 * 24) = 0.8
        assertThat(UncertaintyCorrelation.spearman(new double[] {10, 20, 30, 40, 50},
                new double[] {1, 3, 2, 5, 4})).isCloseTo(0.8, within(1e-12));
        // x ranks 1, 2.5, 2.5, 4 against 1, 2, 3, 4: 4.5 / sqrt(4.5 * 5) = 0.948683
        assertThat(UncertaintyCorrelation.spearman(new double[] {1, 2, 2, 3},
                new double[] {1, 2, 3, 4})).isCloseTo(4.5 / Math.sqrt(22.5), within(1e-12));
        // monotone but not linear: rank correlation 1, Pearson below 1
        double[] x = {1, 2, 3, 4, 5};
        double[] y = {1, 10, 100, 1000, 10000};
        assertThat(UncertaintyCorrelation.spearman(x, y)).isCloseTo(1, within(1e-12));
        assertThat(UncertaintyCorrelation.pearson(x, y)).isLessThan(0.9);
    }

    @Test
    void fisherIntervalWidensWithFewerQueries() {
        // atanh(0.5) = 0.549306, q(0.975) = 1.959964, 1 / sqrt(28 - 3) = 0.2:
        // tanh(0.549306 -+ 0.391993) = 0.156028, 0.735818
        UncertaintyCorrelation.Interval interval = UncertaintyCorrelation.interval(0.5, 28, 0.95);
        assertThat(interval.low()).isCloseTo(0.156028, within(1e-6));
        assertThat(interval.high()).isCloseTo(0.735818, within(1e-6));
        // 199 queries cannot tell r = -0.06 from zero
        UncertaintyCorrelation.Interval images = UncertaintyCorrelation.interval(-0.06, 199, 0.95);
        assertThat(images.low()).isCloseTo(-0.197442, within(1e-6));
        assertThat(images.high()).isCloseTo(0.079756, within(1e-6));
        assertThat(UncertaintyCorrelation.interval(0.5, 10, 0.95).low()).isLessThan(0.156);
        assertThat(UncertaintyCorrelation.interval(1, 10, 0.95).high()).isEqualTo(1);
        assertThatThrownBy(() -> UncertaintyCorrelation.interval(0.5, 3, 0.95))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 queries");
        assertThatThrownBy(() -> UncertaintyCorrelation.interval(Double.NaN, 10, 0.95))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UncertaintyCorrelation.interval(0.5, 10, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void undefinedCorrelationsAreNaNAndBadInputsAreRejected() {
        assertThat(UncertaintyCorrelation.pointBiserial(new double[] {1, 2, 3},
                new boolean[] {true, true, true})).isNaN();
        assertThat(UncertaintyCorrelation.pointBiserial(new double[] {2, 2, 2},
                new boolean[] {true, false, true})).isNaN();
        assertThatThrownBy(() -> UncertaintyCorrelation.pointBiserial(new double[] {1, 2},
                new boolean[] {true})).isInstanceOf(UserInputException.class)
                .hasMessageContaining("2 and 1");
        assertThatThrownBy(() -> UncertaintyCorrelation.spearman(new double[] {1},
                new double[] {1})).isInstanceOf(UserInputException.class);
        assertThatThrownBy(() -> UncertaintyCorrelation.pearson(new double[] {1, Double.NaN},
                new double[] {1, 2})).isInstanceOf(UserInputException.class)
                .hasMessageContaining("finite");
    }
}
