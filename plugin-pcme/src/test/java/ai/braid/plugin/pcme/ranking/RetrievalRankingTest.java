package ai.braid.plugin.pcme.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.UserInputException;
import ai.braid.api.data.MetricValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetrievalRankingTest {

    // Three queries over five gallery items. Ranked lists (score descending, ties by index):
    //   q0: 0 (0.9), 3 (0.7), 2 (0.5), 4 (0.3), 1 (0.1)
    //   q1: 1 (0.8), 2 (0.8), 4 (0.6), 0 (0.2), 3 (0.1)   <- items 1 and 2 tie
    //   q2: 4 (0.9), 0 (0.4), 1 (0.3), 2 (0.2), 3 (0.1)
    static final float[][] SCORES = {
        {0.9f, 0.1f, 0.5f, 0.7f, 0.3f},
        {0.2f, 0.8f, 0.8f, 0.1f, 0.6f},
        {0.4f, 0.3f, 0.2f, 0.1f, 0.9f},
    };

    @Test
    void recallTakesTheBestRankOfSeveralGroundTruthItemsAndTiesFavourTheQuery() {
        // q0, truth {1, 3}: best is item 3 (0.7); only item 0 scores higher       -> rank 1
        // q1, truth {2}: item 2 (0.8) ties with item 1, which does not count     -> rank 0
        // q2, truth {2, 3}: best is item 2 (0.2); items 4, 0, 1 score higher      -> rank 3
        // R@1 = 1/3 (q1), R@2 = 2/3 (q0, q1), R@4 = 3/3
        RetrievalRanking ranking = RetrievalRanking.builder(5).optRecallKs(4, 1, 2).build();
        ranking.add(SCORES[0], QueryRelevance.matches(3, 1));
        ranking.add(SCORES[1], QueryRelevance.matches(2));
        ranking.add(SCORES[2], QueryRelevance.matches(2, 3, 2));
        RetrievalResult result = ranking.result();
        assertThat(result.queryCount()).isEqualTo(3);
        assertThat(result.ranks()).containsExactly(1, 0, 3);
        assertThat(result.recall().keySet()).containsExactly(1, 2, 4);
        assertThat(result.recallAt(1)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(result.recallAt(2)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(result.recallAt(4)).isEqualTo(1.0);
        assertThat(result.missedAt(1)).containsExactly(true, false, true);
        assertThat(result.missedAt(3)).containsExactly(false, false, true);
        assertThat(result.rPrecision()).isEmpty();
        assertThat(result.pmrp()).isEmpty();
        assertThat(result.plausiblePrecision()).isEmpty();
        assertThatThrownBy(() -> result.recallAt(5)).isInstanceOf(UserInputException.class);
    }

    @Test
    void defaultCutOffsAreOneFiveAndTen() {
        RetrievalRanking ranking = RetrievalRanking.builder(5).build();
        ranking.add(SCORES[2], QueryRelevance.matches(2));
        // item 2 ranks behind 4, 0, 1: rank 3
        assertThat(ranking.result().recall()).containsExactly(
                java.util.Map.entry(1, 0.0), java.util.Map.entry(5, 1.0),
                java.util.Map.entry(10, 1.0));
    }

    @Test
    void rPrecisionAndMapAtRByClassBreakTiesByGalleryIndex() {
        // gallery classes: items 0, 2 -> class 0; items 1, 3 -> class 1; item 4 -> class 2
        // q0, class 1, R = 2: top 2 = {0, 3}: one relevant, at k = 2
        //     RP = 1/2, mAP@R = (P@2 = 1/2) / 2 = 1/4; R@K: item 3 behind item 0  -> rank 1
        // q1, class 0, R = 2: top 2 = {1, 2} (tie: 1 first), one relevant, at k = 2
        //     RP = 1/2, mAP@R = 1/4 (1/2 if the tie went to item 2);               rank 0
        // q2, class 2, R = 1: top 1 = {4}: RP = 1, mAP@R = 1;                      rank 0
        // means: RP = 2/3, mAP@R = 1/2, R@1 = 2/3
        RetrievalRanking ranking = RetrievalRanking.builder(5)
                .optGalleryClasses(new int[] {0, 1, 0, 1, 2}).build();
        ranking.add(SCORES[0], QueryRelevance.ofClass(1));
        ranking.add(SCORES[1], QueryRelevance.ofClass(0));
        ranking.add(SCORES[2], QueryRelevance.ofClass(2));
        RetrievalResult result = ranking.result();
        assertThat(result.rPrecision()).hasValueCloseTo(2.0 / 3, within(1e-12));
        assertThat(result.mapAtR()).hasValueCloseTo(0.5, within(1e-12));
        assertThat(result.classQueryCount()).isEqualTo(3);
        assertThat(result.ranks()).containsExactly(1, 0, 0);
        assertThat(result.recallAt(1)).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void aQueryWhoseClassIsNotInTheGalleryIsLeftOutOfTheClassMetrics() {
        RetrievalRanking ranking = RetrievalRanking.builder(5)
                .optGalleryClasses(new int[] {0, 1, 0, 1, 2}).build();
        ranking.add(SCORES[2], QueryRelevance.ofClass(2));
        ranking.add(SCORES[0], QueryRelevance.matches(0).withClass(7));
        RetrievalResult result = ranking.result();
        assertThat(result.classQueryCount()).isEqualTo(1);
        assertThat(result.rPrecision()).hasValue(1.0);
        assertThat(result.ranks()).containsExactly(0, 0);
        // by class alone it has no ground truth for Recall@K
        assertThatThrownBy(() -> ranking.add(SCORES[0], QueryRelevance.ofClass(7)))
                .isInstanceOf(UserInputException.class).hasMessageContaining("class 7");
        assertThat(ranking.queryCount()).isEqualTo(2);
    }

    @Test
    void aChunkOfRowsCountsLikeRowsAddedOneByOne() {
        float[] chunk = new float[15];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(SCORES[i], 0, chunk, i * 5, 5);
        }
        List<QueryRelevance> relevances = List.of(QueryRelevance.matches(3, 1).withClass(1),
                QueryRelevance.matches(2).withClass(0), QueryRelevance.matches(2, 3).withClass(2));
        RetrievalRanking chunked = RetrievalRanking.builder(5)
                .optGalleryClasses(new int[] {0, 1, 0, 1, 2}).build();
        chunked.addRows(chunk, relevances);
        RetrievalRanking single = RetrievalRanking.builder(5)
                .optGalleryClasses(new int[] {0, 1, 0, 1, 2}).build();
        for (int i = 0; i < 3; i++) {
            single.add(SCORES[i], relevances.get(i));
        }
        assertThat(chunked.result().ranks()).containsExactly(1, 0, 3);
        assertThat(chunked.result().ranks()).containsExactly(single.result().ranks());
        assertThat(chunked.result().mapAtR()).isEqualTo(single.result().mapAtR());
        assertThatThrownBy(() -> chunked.addRows(new float[14], relevances))
                .isInstanceOf(UserInputException.class).hasMessageContaining("15");
    }

    @Test
    void metricValuesAreNamedWithTheDirection() {
        RetrievalRanking ranking = RetrievalRanking.builder(5)
                .optGalleryClasses(new int[] {0, 1, 0, 1, 2}).build();
        ranking.add(SCORES[2], QueryRelevance.ofClass(2));
        assertThat(ranking.result().metricValues("i2t")).extracting(MetricValue::name)
                .containsExactly("recall@1_i2t", "recall@5_i2t", "recall@10_i2t",
                        "r_precision_i2t", "map@r_i2t");
        assertThat(ranking.result().metricValues("")).extracting(MetricValue::name)
                .contains("recall@1", "map@r");
    }

    @Test
    void invalidRowsAndRelevanceAreRejectedWithoutChangingTheRanking() {
        RetrievalRanking plain = RetrievalRanking.builder(5).build();
        assertThatThrownBy(() -> plain.add(new float[4], QueryRelevance.matches(0)))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("4 values").hasMessageContaining("5 items");
        assertThatThrownBy(() -> plain.add(new float[] {0, Float.NaN, 0, 0, 0},
                QueryRelevance.matches(0)))
                .isInstanceOf(UserInputException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> plain.add(SCORES[0], QueryRelevance.matches(5)))
                .isInstanceOf(UserInputException.class).hasMessageContaining("outside");
        assertThatThrownBy(() -> plain.add(SCORES[0], QueryRelevance.ofClass(1)))
                .isInstanceOf(UserInputException.class).hasMessageContaining("gallery classes");
        assertThatThrownBy(() -> plain.add(SCORES[0], QueryRelevance.matches(1).withLabels(1)))
                .isInstanceOf(UserInputException.class).hasMessageContaining("gallery labels");
        assertThat(plain.queryCount()).isZero();
        assertThat(plain.result().recallAt(1)).isNaN();

        RetrievalRanking classes = RetrievalRanking.builder(5)
                .optGalleryClasses(new int[] {0, 1, 0, 1, 2}).build();
        assertThatThrownBy(() -> classes.add(SCORES[0], QueryRelevance.matches(1)))
                .isInstanceOf(UserInputException.class).hasMessageContaining("withClass");

        assertThatThrownBy(() -> QueryRelevance.matches())
                .isInstanceOf(UserInputException.class);
        assertThatThrownBy(() -> QueryRelevance.matches(-1))
                .isInstanceOf(UserInputException.class);
        assertThatThrownBy(() -> RetrievalRanking.builder(0))
                .isInstanceOf(UserInputException.class);
        assertThatThrownBy(() -> RetrievalRanking.builder(5).optRecallKs(0))
                .isInstanceOf(UserInputException.class);
        assertThatThrownBy(() -> RetrievalRanking.builder(5).optGalleryClasses(new int[4]))
                .isInstanceOf(UserInputException.class).hasMessageContaining("got 4");
    }
}
