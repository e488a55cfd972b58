package ai.braid.plugin.fashion;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StratifiedSubsetTest {

    private static final byte[] LABELS = {2, 0, 0, 1, 0, 1, 0, 2, 0, 0};

    @Test
    void noLimitOrALargeOneKeepsTheWholeRange() {
        assertThat(StratifiedSubset.select(LABELS, 3, 2, 6, 0)).containsExactly(2, 3, 4, 5);
        assertThat(StratifiedSubset.select(LABELS, 3, 2, 6, 4)).containsExactly(2, 3, 4, 5);
        assertThat(StratifiedSubset.select(LABELS, 3, 2, 6, 99)).containsExactly(2, 3, 4, 5);
    }

    @Test
    void balancesClassesAndKeepsFileOrder() {
        // Quotas for 5: one of each (3), then one more of classes 0 and 1.
        assertThat(StratifiedSubset.select(LABELS, 3, 0, 10, 5))
                .containsExactly(0, 1, 2, 3, 5);
        // Class 1 runs out after two: the remaining slots go to classes 0 and 2.
        assertThat(StratifiedSubset.select(LABELS, 3, 0, 10, 8))
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void countsOnlyTheRange() {
        // Indices 5..9 hold classes 1, 0, 2, 0, 0.
        assertThat(StratifiedSubset.select(LABELS, 3, 5, 10, 3)).containsExactly(5, 6, 7);
        assertThat(StratifiedSubset.select(LABELS, 3, 5, 10, 4)).containsExactly(5, 6, 7, 8);
    }
}
