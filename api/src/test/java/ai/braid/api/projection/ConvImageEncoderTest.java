package ai.braid.api.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConvImageEncoderTest {

    private static final int D = 5;

    @Test
    void eachCellOfTheLastFeatureMapBecomesAToken() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ConvImageEncoder block = ConvImageEncoder.builder()
                    .setDim(D).setChannels(List.of(4, 6)).build();
            Shape input = new Shape(2, 1, 16, 16);
            block.initialize(manager, DataType.FLOAT32, input);

            NDList out = block.forward(new ParameterStore(manager, false),
                    new NDList(manager.randomUniform(0, 1, input)), false);

            assertThat(out.get(0).getShape()).isEqualTo(new Shape(2, 16, D));
            assertThat(out.get(1).getShape()).isEqualTo(new Shape(2, 16));
            assertThat(out.get(1).toFloatArray()).containsOnly(1f);
            assertThat(block.getOutputShapes(new Shape[] {input}))
                    .containsExactly(new Shape(2, 16, D), new Shape(2, 16));
        }
    }

    @Test
    void oddSizesArePooledDown() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ConvImageEncoder block = ConvImageEncoder.builder()
                    .setDim(D).setChannels(List.of(3, 3, 3)).build();
            Shape input = new Shape(1, 3, 10, 10);
            block.initialize(manager, DataType.FLOAT32, input);

            NDList out = block.forward(new ParameterStore(manager, false),
                    new NDList(manager.randomUniform(0, 1, input)), false);

            // 10 -> 5 -> 2 -> 1
            assertThat(out.get(0).getShape()).isEqualTo(new Shape(1, 1, D));
        }
    }

    @Test
    void gradientsReachEveryParameter() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ConvImageEncoder block = ConvImageEncoder.builder()
                    .setDim(D).setChannels(List.of(4, 4)).build();
            Shape input = new Shape(2, 3, 8, 8);
            block.initialize(manager, DataType.FLOAT32, input);

            Map<String, Double> sums = Gradients.ofEmbeddingSum(
                    block, new NDList(manager.randomUniform(0, 1, input)));

            assertThat(sums).hasSize(8);
            assertThat(sums.values()).allMatch(sum -> sum > 0);
        }
    }

    @Test
    void anImageSmallerThanTheStridesIsRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ConvImageEncoder block = ConvImageEncoder.builder()
                    .setDim(D).setChannels(List.of(2, 2, 2)).build();

            assertThatThrownBy(() -> block.initialize(manager, DataType.FLOAT32,
                    new Shape(1, 1, 7, 7)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at least 8");
        }
    }
}
