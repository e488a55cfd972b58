package ai.braid.api.projection;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Forward and backward passes must leave nothing behind on the parameters' manager. */
class ActivationScopeTest {

    @Test
    void patchEmbeddingKeepsActivationsOnTheInputsManager() {
        assertNoGrowth(PatchEmbedding.builder().setPatch(2).setDim(4).build(),
                step -> new NDList(step.randomUniform(0, 1, new Shape(2, 1, 4, 4))));
    }

    @Test
    void convImageEncoderKeepsActivationsOnTheInputsManager() {
        assertNoGrowth(ConvImageEncoder.builder().setDim(4).setChannels(List.of(2)).build(),
                step -> new NDList(step.randomUniform(0, 1, new Shape(2, 3, 4, 4))));
    }

    @Test
    void tokenEmbeddingKeepsActivationsOnTheInputsManager() {
        assertNoGrowth(TokenEmbedding.builder().setVocabularySize(9).setDim(4).setMaxLength(4)
                        .optLayerNorm(true).optDropout(0.2f).build(),
                step -> new NDList(step.create(new long[] {1, 2, 8, 0}, new Shape(2, 2)),
                        step.ones(new Shape(2, 2))));
    }

    private static void assertNoGrowth(Block block, Function<NDManager, NDList> inputs) {
        try (NDManager model = NDManager.newBaseManager()) {
            try (NDManager probe = model.newSubManager()) {
                block.initialize(model, DataType.FLOAT32, inputs.apply(probe).getShapes());
            }
            int before = model.getManagedArrays().size();
            for (int step = 0; step < 3; step++) {
                try (NDManager scope = model.newSubManager();
                        GradientCollector collector =
                                Engine.getInstance().newGradientCollector()) {
                    NDList out = block.forward(
                            new ParameterStore(scope, false), inputs.apply(scope), true);
                    collector.backward(out.get(0).sum());
                }
            }
            assertThat(model.getManagedArrays()).hasSize(before);
        }
    }
}
