package ai.braid.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NameSuggesterTest {

    private static final List<String> FUSIONS = List.of("concat", "multiway", "cross-attention");

    @Test
    void suggestsTheNearestNameWithinReach() {
        assertThat(NameSuggester.nearest("conact", FUSIONS)).contains("concat");
        assertThat(NameSuggester.nearest("multiwya", FUSIONS)).contains("multiway");
        assertThat(NameSuggester.nearest("cross-atention", FUSIONS)).contains("cross-attention");
        assertThat(NameSuggester.nearest("concat", FUSIONS)).contains("concat");
    }

    @Test
    void ignoresCase() {
        assertThat(NameSuggester.nearest("CONCAT", FUSIONS)).contains("concat");
    }

    @Test
    void suggestsNothingForAFarName() {
        assertThat(NameSuggester.nearest("transformer", FUSIONS)).isEmpty();
        assertThat(NameSuggester.nearest("xyz", FUSIONS)).isEmpty();
        assertThat(NameSuggester.nearest("anything", List.of())).isEmpty();
    }

    @Test
    void allowsAThirdOfTheLongerNameToDiffer() {
        // 6 letters: two edits are within reach, three are not.
        assertThat(NameSuggester.nearest("cxncxt", List.of("concat"))).contains("concat");
        assertThat(NameSuggester.nearest("cxxxat", List.of("concat"))).isEmpty();
        // Short names still allow one edit.
        assertThat(NameSuggester.nearest("sg", List.of("sgd"))).contains("sgd");
        assertThat(NameSuggester.nearest("ab", List.of("cd"))).isEmpty();
    }

    @Test
    void breaksTiesByName() {
        assertThat(NameSuggester.nearest("adamx", List.of("adamw", "adam"))).contains("adam");
        assertThat(NameSuggester.nearest("bat", List.of("cat", "bad"))).contains("bad");
    }

    @Test
    void theMessageSuggestsAndListsTheAvailableNames() {
        assertThat(NameSuggester.unknown("fusion", "conact", FUSIONS)).isEqualTo(
                "unknown fusion 'conact'. Did you mean 'concat'? Available: concat, multiway,"
                        + " cross-attention");
    }

    @Test
    void theMessageListsTheNamesWhenNoneIsNear() {
        assertThat(NameSuggester.unknown("fusion", "transformer", FUSIONS)).isEqualTo(
                "unknown fusion 'transformer'. Available: concat, multiway, cross-attention");
    }

    @Test
    void theMessageSaysWhenNothingIsInstalled() {
        assertThat(NameSuggester.unknown("projector", "patches", List.of())).isEqualTo(
                "unknown projector 'patches'. None is available: is the plugin that provides"
                        + " it installed?");
    }

    @Test
    void theMessageUsesTheGivenLabel() {
        assertThat(NameSuggester.unknown("weighting", "mgdaa", List.of("fixed", "mgda"),
                "Expected one of", "")).isEqualTo(
                "unknown weighting 'mgdaa'. Did you mean 'mgda'? Expected one of: fixed, mgda");
    }
}
