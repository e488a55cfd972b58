package ai.braid.plugin.ssesf.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import ai.braid.api.projection.WordPieceProjector;
import ai.braid.api.projection.WordPieceVocabulary;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the model sees of an image without text: the extractor's "" goes through a WordPiece
 * projector as the two-token sequence [CLS] [SEP], both unmasked, so attention over it is
 * defined even when no training image had any text.
 */
class EmptyOcrTextTest {

    @Test
    void anEmptyTextIsClsSepEvenWhenNoTrainingImageHadText() {
        WordPieceProjector projector = WordPieceProjector.builder().setDim(4).setMaxLength(8)
                .build();
        projector.fit(List.of("", "", ""));
        WordPieceVocabulary vocabulary = projector.vocabulary();

        try (NDManager manager = NDManager.newBaseManager()) {
            NDList encoded = projector.preprocess(List.of(""), manager);
            assertThat(encoded.get(0).getShape()).isEqualTo(new Shape(1, 2));
            assertThat(encoded.get(0).toLongArray())
                    .containsExactly(vocabulary.clsId(), vocabulary.sepId());
            assertThat(encoded.get(1).toFloatArray()).containsExactly(1f, 1f);

            projector.block().initialize(manager, DataType.FLOAT32, new Shape(1, 2),
                    new Shape(1, 2));
            NDList embedded = projector.block().forward(new ParameterStore(manager, false),
                    encoded, false);
            NDArray tokens = embedded.get(0);
            assertThat(tokens.getShape()).isEqualTo(new Shape(1, 2, 4));
            for (float value : tokens.toFloatArray()) {
                assertThat(value).isFinite();
            }
        }
    }

    @Test
    void anEmptyTextPadsBesideARealOneInABatch() {
        WordPieceProjector projector = WordPieceProjector.builder().setDim(4).setMaxLength(8)
                .build();
        projector.fit(List.of("", "so much fun"));

        try (NDManager manager = NDManager.newBaseManager()) {
            NDList encoded = projector.preprocess(List.of("so much fun", ""), manager);
            assertThat(encoded.get(0).getShape()).isEqualTo(new Shape(2, 5));
            assertThat(encoded.get(1).toFloatArray())
                    .containsExactly(1f, 1f, 1f, 1f, 1f, 1f, 1f, 0f, 0f, 0f);
        }
    }
}
