package ai.braid.plugin.fashion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GlossChoiceTest {

    private static final int N = 100_000;

    @Test
    void choosesTheSpecificTextWithTheGivenProbability() {
        for (double share : new double[] {0.1, 0.5, 0.8}) {
            GlossChoice choice = new GlossChoice(17, share);
            int specific = 0;
            for (int i = 0; i < N; i++) {
                specific += choice.specific(0, i) ? 1 : 0;
            }
            // The standard deviation of the share over 100,000 draws is at most 0.0016.
            assertThat(specific / (double) N).as("share " + share)
                    .isCloseTo(share, within(0.01));
        }
    }

    @Test
    void theExtremesAreNeverAndAlways() {
        for (int i = 0; i < 1000; i++) {
            assertThat(new GlossChoice(3, 0).specific(1, i)).isFalse();
            assertThat(new GlossChoice(3, 1).specific(1, i)).isTrue();
        }
    }

    @Test
    void dependsOnSeedFileAndIndexOnly() {
        GlossChoice first = new GlossChoice(17, 0.5);
        GlossChoice again = new GlossChoice(17, 0.5);
        GlossChoice other = new GlossChoice(18, 0.5);
        int seedChanges = 0;
        int fileChanges = 0;
        for (int i = 0; i < N; i++) {
            assertThat(again.specific(0, i)).isEqualTo(first.specific(0, i));
            seedChanges += first.specific(0, i) != other.specific(0, i) ? 1 : 0;
            fileChanges += first.specific(0, i) != first.specific(1, i) ? 1 : 0;
        }
        // Independent fair choices disagree half the time.
        assertThat(seedChanges / (double) N).isCloseTo(0.5, within(0.01));
        assertThat(fileChanges / (double) N).isCloseTo(0.5, within(0.01));
    }
}
