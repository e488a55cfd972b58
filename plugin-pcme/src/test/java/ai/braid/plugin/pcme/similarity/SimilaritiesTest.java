package ai.braid.plugin.pcme.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import org.junit.jupiter.api.Test;

class SimilaritiesTest {

    @Test
    void everyNameGivesTheSimilarityOfThatName() {
        assertThat(Similarities.names()).containsExactly("mu", "wasserstein", "elk", "kl", "js",
                "bhattacharyya", "match-prob", "csd");
        MatchProbabilityParameters parameters = MatchProbabilityParameters.of(5f, 5f);
        for (String name : Similarities.names()) {
            assertThat(Similarities.of(name, parameters).name()).isEqualTo(name);
        }
        assertThat(Similarities.of("kl")).isInstanceOf(KlSimilarity.class);
        assertThat(((MatchProbabilitySimilarity) Similarities.of("match-prob", parameters))
                .parameters()).isEqualTo(new MatchProbabilityParameters(5f, 5f, 7, 0));
    }

    @Test
    void anUnknownNameListsTheValidOnes() {
        assertThatThrownBy(() -> Similarities.of("cosine"))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("'cosine'")
                .hasMessageContaining("mu, wasserstein, elk, kl, js, bhattacharyya, match-prob, csd");
    }

    @Test
    void matchProbabilityWithoutItsParametersIsRejected() {
        assertThatThrownBy(() -> Similarities.of("match-prob"))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("scale a");
    }
}
