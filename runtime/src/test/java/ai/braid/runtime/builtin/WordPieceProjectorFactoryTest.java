package ai.braid.runtime.builtin;

import static ai.braid.runtime.builtin.ProjectorFactoryConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;

import ai.braid.api.data.Modality;
import ai.braid.api.projection.WordPieceProjector;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WordPieceProjectorFactoryTest {

    private final WordPieceProjectorFactory factory = new WordPieceProjectorFactory();

    @Test
    void declaresSmallDefaultsWithDescriptions() {
        assertThat(factory.name()).isEqualTo("wordpiece");
        assertThat(factory.options().names()).containsExactly("dim", "maxLength", "minFrequency",
                "lowercase", "suffixes", "layerNorm", "dropout");
        assertThat(factory.options().options())
                .allMatch(spec -> !spec.required() && !spec.description().isBlank());
        assertThat(factory.options().find("maxLength").orElseThrow().min()).isEqualTo(2.0);
    }

    @Test
    void createsAProjectorThatFitsAndEmbeds() {
        WordPieceProjector projector = (WordPieceProjector) factory.create(config(factory,
                Map.of("dim", 8, "maxLength", 4, "minFrequency", 1, "lowercase", false,
                        "dropout", 0.0)), Modality.of("text"));
        projector.fit(List.of("Cat sat", "cat"));

        assertThat(projector.dim()).isEqualTo(8);
        assertThat(projector.encoder().tokens("Cat sat on"))
                .containsExactly("[CLS]", "Cat", "sat", "[SEP]");
        assertThat(projector.vocabulary().contains("cat")).isTrue();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList ids = projector.preprocess(List.of("cat", "Cat sat on the mat"), manager);
            projector.block().initialize(manager, DataType.FLOAT32, ids.getShapes());
            NDList tokens = projector.block().forward(
                    new ParameterStore(manager, false), ids, false);

            assertThat(tokens.get(0).getShape()).isEqualTo(new Shape(2, 4, 8));
            assertThat(tokens.get(1).toFloatArray()).containsExactly(1, 1, 1, 0, 1, 1, 1, 1);
        }
    }
}
