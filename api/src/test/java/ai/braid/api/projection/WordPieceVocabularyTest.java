package ai.braid.api.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.modality.nlp.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordPieceVocabularyTest {

    static final List<String> TRAINING = List.of("The cat sat.", "the cat ran", "A dog sat!");

    /** The characters of the training words in string order. */
    static final List<String> CHARACTERS =
            List.of("!", ".", "a", "c", "d", "e", "g", "h", "n", "o", "r", "s", "t");

    static WordPieceVocabulary fitted() {
        return WordPieceVocabulary.builder().optMinFrequency(2).fit(TRAINING);
    }

    @Test
    void specialsThenFrequentWordsThenCharacterPieces() {
        List<String> expected = new ArrayList<>(WordPieceVocabulary.SPECIAL_TOKENS);
        // whole words seen at least twice, most frequent first, ties alphabetical
        expected.addAll(List.of("cat", "sat", "the"));
        expected.addAll(CHARACTERS);
        for (String c : CHARACTERS) {
            expected.add("##" + c);
        }

        WordPieceVocabulary vocabulary = fitted();

        assertThat(vocabulary.tokens()).containsExactlyElementsOf(expected);
        assertThat(vocabulary.size()).isEqualTo(5 + 3 + 2 * 13);
        assertThat(vocabulary.id("[PAD]")).isEqualTo(vocabulary.padId()).isZero();
        assertThat(vocabulary.id("[UNK]")).isEqualTo(vocabulary.unkId()).isEqualTo(1);
        assertThat(vocabulary.id("[CLS]")).isEqualTo(vocabulary.clsId()).isEqualTo(2);
        assertThat(vocabulary.id("[SEP]")).isEqualTo(vocabulary.sepId()).isEqualTo(3);
        assertThat(vocabulary.id("[MASK]")).isEqualTo(vocabulary.maskId()).isEqualTo(4);
        assertThat(vocabulary.token(6)).isEqualTo("sat");
    }

    @Test
    void onlyTheTrainingTextsContributeTokens() {
        WordPieceVocabulary vocabulary = fitted();

        // "dog" occurs once: below the minimum frequency; "zebra" and "z" never occur
        assertThat(vocabulary.contains("dog")).isFalse();
        assertThat(vocabulary.contains("zebra")).isFalse();
        assertThat(vocabulary.contains("z")).isFalse();
        assertThat(vocabulary.contains("##z")).isFalse();
        assertThat(vocabulary.id("zebra")).isEqualTo(vocabulary.unkId());
        assertThat(WordPieceVocabulary.builder().fit(TRAINING).contains("dog")).isTrue();
    }

    @Test
    void frequentEndingsBecomeContinuationPieces() {
        WordPieceVocabulary vocabulary = WordPieceVocabulary.builder()
                .optMinFrequency(2).optSuffixes(2).fit(List.of("walking talking", "jumping"));

        // endings: ing 3, ng 3, king 2, ping 1: the two most frequent win
        assertThat(vocabulary.tokens()).contains("##ing", "##ng").doesNotContain("##king");
        assertThat(vocabulary.tokens().subList(5, 7)).containsExactly("##ing", "##ng");
        assertThat(new WordPieceEncoder(vocabulary, true, 16).tokens("Walking"))
                .containsExactly("[CLS]", "w", "##a", "##l", "##k", "##ing", "[SEP]");
    }

    @Test
    void casingIsKeptWhenAsked() {
        WordPieceVocabulary vocabulary = WordPieceVocabulary.builder()
                .optLowerCase(false).fit(List.of("Cat cat"));

        assertThat(vocabulary.tokens()).contains("Cat", "cat", "C", "##C");
    }

    @Test
    void fittingIsDeterministicAndTheDjlVocabularyAgrees() {
        WordPieceVocabulary vocabulary = fitted();
        Vocabulary djl = vocabulary.toDjl();

        assertThat(fitted().tokens()).isEqualTo(vocabulary.tokens());
        for (String token : vocabulary.tokens()) {
            assertThat(djl.getIndex(token)).isEqualTo(vocabulary.id(token));
        }
    }

    @Test
    void aSavedVocabularyIsRestored() {
        WordPieceVocabulary vocabulary = fitted();

        WordPieceVocabulary restored = WordPieceVocabulary.of(vocabulary.tokens());

        assertThat(restored.tokens()).isEqualTo(vocabulary.tokens());
        assertThatThrownBy(() -> WordPieceVocabulary.of(List.of("cat", "[PAD]")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("starts with [[PAD], [UNK], [CLS], [SEP], [MASK]]");
        List<String> twice = new ArrayList<>(WordPieceVocabulary.SPECIAL_TOKENS);
        twice.addAll(List.of("cat", "cat"));
        assertThatThrownBy(() -> WordPieceVocabulary.of(twice))
                .hasMessageContaining("'cat' appears twice");
    }
}
