package ai.braid.plugin.pcme.ranking;

import static ai.braid.plugin.pcme.ranking.RetrievalRankingTest.SCORES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.UserInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PmrpTest {

    // gallery label sets; item 3 has none and is never plausible
    private static final int[][] GALLERY = {{1, 2}, {1}, {1, 2, 3}, {}, {4}};

    @Test
    void plausibleMatchPrecisionAtZetaZeroOneAndTwo() {
        // q0 {1, 2}, ranked 0, 3, 2, 4, 1; Hamming distances to items 0..4: 0, 1, 1, -, 3
        //   zeta 0: plausible {0},       R = 1, top 1 {0}        -> 1
        //   zeta 1: plausible {0, 1, 2}, R = 3, top 3 {0, 3, 2}  -> 2/3
        //   zeta 2: the same                                     -> 2/3
        // q1 {4}, ranked 1, 2, 4, 0, 3; distances 3, 2, 4, -, 0
        //   zeta 0: plausible {4},    R = 1, top 1 {1}           -> 0
        //   zeta 1: the same                                     -> 0
        //   zeta 2: plausible {1, 4}, R = 2, top 2 {1, 2}        -> 1/2
        // q2 {}: left out
        // q3 {9}, ranked 4, 0, 1, 2, 3; distances 3, 2, 4, -, 2
        //   zeta 0, 1: R = 0, left out
        //   zeta 2: plausible {1, 4}, R = 2, top 2 {4, 0}        -> 1/2
        // per zeta: 0 -> (1 + 0)/2 = 1/2, 1 -> (2/3 + 0)/2 = 1/3, 2 -> (2/3 + 1/2 + 1/2)/3 = 5/9
        // PMRP = (1/2 + 1/3 + 5/9) / 3 = 25/54
        RetrievalRanking ranking = RetrievalRanking.builder(5).optGalleryLabels(GALLERY).build();
        ranking.add(SCORES[0], QueryRelevance.matches(0).withLabels(1, 2));
        ranking.add(SCORES[1], QueryRelevance.matches(4).withLabels(4));
        ranking.add(SCORES[2], QueryRelevance.matches(4).withLabels());
        ranking.add(SCORES[2], QueryRelevance.matches(4).withLabels(9));
        RetrievalResult result = ranking.result();
        Map<Integer, Double> byZeta = result.plausiblePrecision();
        assertThat(byZeta.keySet()).containsExactly(0, 1, 2);
        assertThat(byZeta.get(0)).isCloseTo(0.5, within(1e-12));
        assertThat(byZeta.get(1)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(byZeta.get(2)).isCloseTo(5.0 / 9, within(1e-12));
        assertThat(result.plausibleQueryCounts()).containsExactly(Map.entry(0, 2),
                Map.entry(1, 2), Map.entry(2, 3));
        assertThat(result.pmrp()).hasValueCloseTo(25.0 / 54, within(1e-12));
        // every query still has a rank
        assertThat(result.ranks()).containsExactly(0, 2, 0, 0);
        assertThat(result.metricValues("t2i")).anySatisfy(v -> {
            assertThat(v.name()).isEqualTo("pmrp_t2i");
            assertThat(v.value()).isCloseTo(25.0 / 54, within(1e-12));
        });
    }

    @Test
    void otherThresholdsCanBeChosen() {
        // q0 at zeta 3: plausible {0, 1, 2, 4}, R = 4, top 4 {0, 3, 2, 4} -> 3/4
        RetrievalRanking ranking = RetrievalRanking.builder(5).optGalleryLabels(GALLERY)
                .optPlausibleThresholds(3).build();
        ranking.add(SCORES[0], QueryRelevance.matches(0).withLabels(1, 2));
        assertThat(ranking.result().pmrp()).hasValueCloseTo(0.75, within(1e-12));
    }

    @Test
    void hammingDistanceIsTheSizeOfTheSymmetricDifference() {
        assertThat(LabelSets.hammingDistance(new int[] {1, 2, 5}, new int[] {2, 3})).isEqualTo(3);
        assertThat(LabelSets.hammingDistance(new int[] {}, new int[] {7})).isEqualTo(1);
        assertThat(LabelSets.hammingDistance(new int[] {4, 8}, new int[] {4, 8})).isZero();
    }

    @Test
    void labelSetsMustBeSortedAndQueriesMustHaveThem() {
        assertThatThrownBy(() -> QueryRelevance.matches(0).withLabels(2, 1))
                .isInstanceOf(UserInputException.class).hasMessageContaining("sorted");
        assertThatThrownBy(() -> RetrievalRanking.builder(2)
                .optGalleryLabels(new int[][] {{1}, {3, 3}}))
                .isInstanceOf(UserInputException.class).hasMessageContaining("gallery item 1");
        assertThatThrownBy(() -> RetrievalRanking.builder(2).optGalleryLabels(new int[][] {{1}}))
                .isInstanceOf(UserInputException.class).hasMessageContaining("got 1");
        RetrievalRanking ranking = RetrievalRanking.builder(5).optGalleryLabels(GALLERY).build();
        assertThatThrownBy(() -> ranking.add(SCORES[0], QueryRelevance.matches(0)))
                .isInstanceOf(UserInputException.class).hasMessageContaining("withLabels");
        assertThatThrownBy(() -> RetrievalRanking.builder(5).optPlausibleThresholds(-1))
                .isInstanceOf(UserInputException.class);
    }
}
