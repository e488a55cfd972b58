package ai.braid.api.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.UserInputException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadsAndDecodersTest {

    @Test
    void anMlpHeadMapsVectorsAndSequences() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MlpHead head = MlpHead.builder().optHiddenSizes(List.of(6, 5))
                    .optActivation(ActivationKind.RELU).optDropout(0.1f).setOutputUnits(3).build();
            NnTesting.initialize(head, manager, new Shape(2, 4));
            NDArray y = NnTesting.forward(head, manager, false,
                    manager.randomNormal(new Shape(2, 4))).head();
            NDArray sequence = NnTesting.forward(head, manager, false,
                    manager.randomNormal(new Shape(2, 7, 4))).head();

            assertThat(y.getShape()).isEqualTo(new Shape(2, 3));
            assertThat(sequence.getShape()).isEqualTo(new Shape(2, 7, 3));
            assertThat(head.getOutputShapes(new Shape[] {new Shape(2, 7, 4)}))
                    .containsExactly(new Shape(2, 7, 3));
            assertThat(head.getParameters().size()).isEqualTo(6);
            NnTesting.assertEveryParameterGetsGradient(head, manager,
                    manager.randomNormal(new Shape(8, 4)));
        }
    }

    @Test
    void anMlpHeadWithoutHiddenLayersIsLinear() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MlpHead head = MlpHead.builder().setOutputUnits(2).build();
            NnTesting.initialize(head, manager, new Shape(1, 3));
            NDArray a = manager.randomNormal(new Shape(1, 3));
            NDArray b = manager.randomNormal(new Shape(1, 3));
            NDArray zero = manager.zeros(new Shape(1, 3));
            NDArray fa = NnTesting.forward(head, manager, false, a).head();
            NDArray fb = NnTesting.forward(head, manager, false, b).head();
            NDArray fab = NnTesting.forward(head, manager, false, a.add(b)).head();
            NDArray f0 = NnTesting.forward(head, manager, false, zero).head();

            assertThat(fab.sub(fa).sub(fb).add(f0).abs().max().getFloat()).isLessThan(1e-5f);
            assertThatThrownBy(() -> MlpHead.builder().build())
                    .isInstanceOf(UserInputException.class);
        }
    }

    @Test
    void aBidirectionalGruHasBothDirectionsAndReversesWithinTheRealLength() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BidirectionalGru gru = new BidirectionalGru(3, 1);
            Shape shape = new Shape(2, 5, 4);
            NnTesting.initialize(gru, manager, shape);
            NDArray x = manager.randomNormal(shape);
            NDArray mask = NnTesting.mask(manager, 5, 3, 5);
            NDArray out = NnTesting.forward(gru, manager, false, x, mask).head();

            assertThat(out.getShape()).isEqualTo(new Shape(2, 5, 6));
            assertThat(gru.getOutputShapes(new Shape[] {shape})).containsExactly(new Shape(2, 5, 6));

            // The first row has 3 real tokens: it must equal the unmasked GRU on those 3 alone.
            NDArray alone = NnTesting.forward(gru, manager, false, x.get("0:1, 0:3, :")).head();
            NDArray head = out.get("0:1, 0:3, :");
            assertThat(head.sub(alone).abs().max().getFloat()).isLessThan(1e-5f);
            // The second row is full: the mask changes nothing.
            NDArray full = NnTesting.forward(gru, manager, false, x.get("1:2, :, :")).head();
            assertThat(out.get("1:2, :, :").sub(full).abs().max().getFloat()).isLessThan(1e-5f);

            NDArray repadded = NnTesting.forward(gru, manager, false,
                    NnTesting.repad(manager, x, mask), mask).head();
            assertThat(NnTesting.maxDiffAtReal(out, repadded, mask)).isLessThan(1e-5f);
            NnTesting.assertEveryParameterGetsGradient(gru, manager, x, mask);
        }
    }

    @Test
    void nearestUpsamplingRepeatsEachPixelAsATwoByTwoBlock() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(1, 1, 2, 3));
            float[] up = UpsamplingDecoder.upsample(x).toFloatArray();

            float[] expected = {
                1, 1, 2, 2, 3, 3,
                1, 1, 2, 2, 3, 3,
                4, 4, 5, 5, 6, 6,
                4, 4, 5, 5, 6, 6
            };
            assertThat(up).containsExactly(expected);
        }
    }

    @Test
    void anUpsamplingDecoderProducesImagesAndTrainsEveryLayer() {
        try (NDManager manager = NDManager.newBaseManager()) {
            UpsamplingDecoder decoder = UpsamplingDecoder.builder().setLatentSize(6)
                    .setStartChannels(4).setStartSize(3, 2).setStageChannels(List.of(5, 3))
                    .setOutputChannels(2).build();
            NnTesting.initialize(decoder, manager, new Shape(2, 6));
            NDArray z = manager.randomNormal(new Shape(2, 6));
            NDArray logits = NnTesting.forward(decoder, manager, false, z).head();

            assertThat(logits.getShape()).isEqualTo(new Shape(2, 2, 12, 8));
            assertThat(decoder.getOutputShapes(new Shape[] {new Shape(2, 6)}))
                    .containsExactly(new Shape(2, 2, 12, 8));
            assertThat(decoder.getParameters().size()).isEqualTo(8);
            NnTesting.assertEveryParameterGetsGradient(decoder, manager, z);
            assertThatThrownBy(() -> NnTesting.forward(decoder, manager, false,
                    manager.randomNormal(new Shape(2, 5))))
                    .isInstanceOf(UserInputException.class).hasMessageContaining("last axis 6");
        }
    }

    @Test
    void activationNamesAreReadIgnoringCase() {
        assertThat(ActivationKind.of("GeLU")).isEqualTo(ActivationKind.GELU);
        assertThatThrownBy(() -> ActivationKind.of("swishy"))
                .isInstanceOf(UserInputException.class).hasMessageContaining("relu");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {-1f, 2f});
            assertThat(ActivationKind.RELU.apply(x).toFloatArray()).containsExactly(0f, 2f);
            assertThat((double) ActivationKind.TANH.apply(x).toFloatArray()[1])
                    .isCloseTo(Math.tanh(2), within(1e-6));
        }
    }
}
