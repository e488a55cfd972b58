package ai.braid.api.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import ai.braid.api.data.TokenSequence;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WordPieceProjectorTest {

    private static WordPieceProjector projector() {
        return WordPieceProjector.builder().setDim(8).setMaxLength(6).optMinFrequency(2)
                .optLayerNorm(true).optDropout(0.1f).build();
    }

    @Test
    void textsBecomeTokenEmbeddingsWithTheirMask() {
        WordPieceProjector projector = projector();
        projector.fit(WordPieceVocabularyTest.TRAINING);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList ids = projector.preprocess(List.of("the cat sat on the mat", "cat"), manager);
            projector.block().initialize(manager, DataType.FLOAT32, ids.getShapes());

            TokenSequence tokens = TokenSequence.from(projector.block().forward(
                    new ParameterStore(manager, false), ids, false), 0);

            assertThat(projector.inputType()).isEqualTo(String.class);
            assertThat(ids.get(0).getShape()).isEqualTo(new Shape(2, 6));
            assertThat(tokens.embeddings().getShape()).isEqualTo(new Shape(2, 6, 8));
            assertThat(tokens.mask().toFloatArray())
                    .containsExactly(1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0);
            assertThat(projector.vocabulary().size()).isEqualTo(34);
            assertThat(projector.block()).isSameAs(projector.block());
        }
    }

    @Test
    void gradientsReachEveryParameter() {
        WordPieceProjector projector = projector();
        projector.fit(WordPieceVocabularyTest.TRAINING);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList ids = projector.preprocess(List.of("the cat", "a dog ran"), manager);
            projector.block().initialize(manager, DataType.FLOAT32, ids.getShapes());

            Map<String, Double> sums = Gradients.ofEmbeddingSum(projector.block(), ids);

            assertThat(sums).containsKeys("words", "positions", "type");
            assertThat(sums).hasSize(5);
            assertThat(sums.values()).allMatch(sum -> sum > 0);
        }
    }

    @Test
    void nothingWorksBeforeFit() {
        WordPieceProjector projector = projector();
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> projector.preprocess(List.of("cat"), manager))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("call fit(trainingTexts)");
            assertThatThrownBy(() -> projector.block().initialize(
                    manager, DataType.FLOAT32, new Shape(1, 2), new Shape(1, 2)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no vocabulary yet");
        }
    }

    @Test
    void fitTakesStringsOnlyAndRunsOnce() {
        WordPieceProjector projector = projector();

        assertThatThrownBy(() -> projector.fit(List.of("cat", 3)))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("training text 1");
        projector.fit(List.of("cat"));
        assertThatThrownBy(() -> projector.fit(List.of("dog")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already set");
    }

    @Test
    void aRestoredVocabularyGivesTheSameIds() {
        WordPieceProjector fitted = projector();
        fitted.fit(WordPieceVocabularyTest.TRAINING);
        WordPieceProjector restored = projector();
        restored.useVocabulary(WordPieceVocabulary.of(fitted.vocabulary().tokens()));

        assertThat(restored.encoder().ids("the cats sat"))
                .containsExactly(fitted.encoder().ids("the cats sat"));
    }

    @Test
    void theFittedStateRestoresTheSameVocabulary() {
        WordPieceProjector fitted = projector();
        fitted.fit(WordPieceVocabularyTest.TRAINING);
        WordPieceProjector restored = projector();
        restored.restoreFittedState(fitted.fittedState());

        assertThat(restored.vocabulary().tokens()).isEqualTo(fitted.vocabulary().tokens());
        assertThat(restored.encoder().ids("the cats sat"))
                .containsExactly(fitted.encoder().ids("the cats sat"));
        assertThatThrownBy(() -> projector().restoreFittedState(new byte[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
