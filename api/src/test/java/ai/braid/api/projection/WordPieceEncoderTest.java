package ai.braid.api.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordPieceEncoderTest {

    private static final int CHARS = WordPieceVocabularyTest.CHARACTERS.size();

    /** The id of a character piece: after 5 specials and 3 words, initials then "##" pieces. */
    private static long piece(String character, boolean continuation) {
        int index = WordPieceVocabularyTest.CHARACTERS.indexOf(character);
        return 8 + index + (continuation ? CHARS : 0);
    }

    private final WordPieceEncoder encoder =
            new WordPieceEncoder(WordPieceVocabularyTest.fitted(), true, 16);

    @Test
    void aSentenceIsSplitIntoWordsPiecesAndUnknowns() {
        String sentence = "The cats sat on a Zebra.";

        assertThat(encoder.tokens(sentence)).containsExactly(
                "[CLS]", "the", "cat", "##s", "sat", "o", "##n", "a", "[UNK]", ".", "[SEP]");
        assertThat(encoder.ids(sentence)).containsExactly(
                2, 7, 5, piece("s", true), 6, piece("o", false), piece("n", true),
                piece("a", false), 1, piece(".", false), 3);
    }

    @Test
    void longTextsAreTruncatedBeforeTheSeparator() {
        WordPieceEncoder short5 = new WordPieceEncoder(WordPieceVocabularyTest.fitted(), true, 5);

        assertThat(short5.tokens("the cats sat on a mat"))
                .containsExactly("[CLS]", "the", "cat", "##s", "[SEP]");
    }

    @Test
    void anEmptyTextIsClsSep() {
        assertThat(encoder.ids("")).containsExactly(2, 3);
        assertThat(encoder.ids(" \t\n ")).containsExactly(2, 3);
    }

    @Test
    void aBatchIsPaddedToItsLongestText() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList encoded = encoder.encode(List.of("the cat", "", "sat"), manager);

            assertThat(encoded.get(0).getDataType()).isEqualTo(DataType.INT64);
            assertThat(encoded.get(0).getShape()).isEqualTo(new Shape(3, 4));
            assertThat(encoded.get(0).toLongArray())
                    .containsExactly(2, 7, 5, 3, 2, 3, 0, 0, 2, 6, 3, 0);
            assertThat(encoded.get(1).getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(encoded.get(1).toFloatArray())
                    .containsExactly(1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 0);
        }
    }

    @Test
    void aValueThatIsNotTextIsAUserError() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> encoder.encode(List.of("cat", 42), manager))
                    .isInstanceOf(UserInputException.class)
                    .hasMessageContaining("text input 1 must be a String, got java.lang.Integer");
        }
    }
}
