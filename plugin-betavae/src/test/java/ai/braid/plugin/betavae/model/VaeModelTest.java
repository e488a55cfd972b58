package ai.braid.plugin.betavae.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.braid.api.UserInputException;
import ai.braid.api.data.FusedOutput;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VaeModelTest {

    private static long parameters(Block block) {
        return block.getParameters().values().stream()
                .mapToLong(p -> p.getArray().size()).sum();
    }

    private static List<String> names(Block block) {
        List<String> names = new ArrayList<>();
        block.getParameters().forEach(pair -> names.add(pair.getKey()));
        return names;
    }

    @Test
    void theFcModelHasThePapersParameterCount() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block encoder = VaeArchitecture.FC.encoder(10, 1200);
            encoder.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 64, 64));
            Block decoder = VaeArchitecture.FC.decoder(10, 1200, 1, 64);
            decoder.initialize(manager, DataType.FLOAT32, new Shape(2, 10));
            // 4096*1200+1200 + 1200*1200+1200 + 1200*20+20, and
            // 10*1200+1200 + 2*(1200*1200+1200) + 1200*4096+4096
            assertThat(parameters(encoder)).isEqualTo(6_381_620L);
            assertThat(parameters(decoder)).isEqualTo(7_814_896L);
        }
    }

    @Test
    void encodersAndDecodersMapPixelsToStatisticsAndBack() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (VaeArchitecture architecture : VaeArchitecture.values()) {
                Block encoder = architecture.encoder(4, 32);
                encoder.initialize(manager, DataType.FLOAT32, new Shape(3, 1, 32, 32));
                NDArray pixels = manager.randomUniform(0, 1, new Shape(3, 1, 32, 32));
                ParameterStore store = new ParameterStore(manager, false);
                assertThat(encoder.forward(store, new NDList(pixels), false).head().getShape())
                        .as(architecture.name()).isEqualTo(new Shape(3, 8));
                Block decoder = architecture.decoder(4, 32, 1, 32);
                decoder.initialize(manager, DataType.FLOAT32, new Shape(3, 4));
                NDArray z = manager.randomNormal(new Shape(3, 4));
                assertThat(decoder.forward(store, new NDList(z), false).head().getShape())
                        .as(architecture.name()).isEqualTo(new Shape(3, 1024));
            }
        }
    }

    @Test
    void theConvModelNeedsASideThatHalvesFourTimes() {
        VaeArchitecture.FC.checkImageSize(28, "task.imageSize");
        assertThatThrownBy(() -> VaeArchitecture.CONV.checkImageSize(28, "task.imageSize"))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("task.imageSize").hasMessageContaining("multiple of 16");
    }

    @Test
    void bothEncoderFormsNameTheEncoderParametersAlike() {
        try (NDManager manager = NDManager.newBaseManager()) {
            VaeEncoderBlock posterior = new VaeEncoderBlock(VaeArchitecture.FC.encoder(4, 16), 4, 0);
            VaeEncoderBlock latents = new VaeEncoderBlock(VaeArchitecture.FC.encoder(4, 16), 4, 8);
            Shape pixels = new Shape(2, 1, 8, 8);
            posterior.initialize(manager, DataType.FLOAT32, pixels);
            latents.initialize(manager, DataType.FLOAT32, pixels);
            // A posterior-form checkpoint initialises the latent-token form's encoder by name.
            assertThat(names(latents)).containsAll(names(posterior));
            assertThat(names(latents)).hasSize(names(posterior).size() + 2);

            NDArray input = manager.randomUniform(0, 1, pixels);
            ParameterStore store = new ParameterStore(manager, false);
            NDList one = posterior.forward(store, new NDList(input), false);
            assertThat(one.get(0).getShape()).isEqualTo(new Shape(2, 1, 8));
            assertThat(one.get(1).toFloatArray()).containsOnly(1f);
            NDList many = latents.forward(store, new NDList(input), false);
            assertThat(many.get(0).getShape()).isEqualTo(new Shape(2, 4, 8));
            assertThat(many.get(1).getShape()).isEqualTo(new Shape(2, 4));
        }
    }

    @Test
    void latentTokensScaleEachUnitsDirectionByItsValue() {
        try (NDManager manager = NDManager.newBaseManager()) {
            LatentTokens tokens = new LatentTokens(2, 3);
            tokens.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
            ParameterStore store = new ParameterStore(manager, false);
            NDArray zero = tokens.forward(store, new NDList(manager.zeros(new Shape(1, 2))), false)
                    .head();
            NDArray two = tokens.forward(store,
                    new NDList(manager.create(new float[] {2f, 0f}, new Shape(1, 2))), false)
                    .head();
            NDArray direction = tokens.getParameters().get("direction").getArray();
            // unit 0 moved by 2 * its direction, unit 1 stayed at its embedding
            assertThat(two.sub(zero).get(0).get(0).toFloatArray())
                    .containsExactly(direction.get(0).mul(2).toFloatArray(),
                            offset(1e-5f));
            assertThat(two.sub(zero).get(0).get(1).toFloatArray()).containsOnly(0f);
        }
    }

    @Test
    void theHeadSamplesInTrainingAndDecodesTheMeanInEvaluation() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BetaVaeHead head = new BetaVaeHead(2, 16, VaeArchitecture.FC.decoder(2, 8, 1, 4));
            NDArray pooled = manager.create(new float[] {0.5f, -1f, 0f, 0f}, new Shape(1, 4));
            NDList fused = FusedOutput.pooledOnly(pooled).toNDList();
            head.initialize(manager, DataType.FLOAT32, new Shape(1, 4));
            ParameterStore store = new ParameterStore(manager, false);

            NDList eval = head.forward(store, fused, false);
            assertThat(eval.get(BetaVaeHead.MU).toFloatArray()).containsExactly(0.5f, -1f);
            assertThat(eval.get(BetaVaeHead.LOG_VARIANCE).toFloatArray()).containsExactly(0f, 0f);
            NDArray decodedMean = head.decode(store, manager.create(new float[] {0.5f, -1f},
                    new Shape(1, 2)));
            assertThat(eval.get(BetaVaeHead.RECONSTRUCTION).toFloatArray())
                    .containsExactly(decodedMean.toFloatArray());
            assertThat(head.forward(store, fused, false).get(BetaVaeHead.RECONSTRUCTION)
                    .toFloatArray()).containsExactly(decodedMean.toFloatArray());

            // unit variance: a training pass decodes a sampled code, not the mean
            NDArray sampled = head.forward(store, fused, true).get(BetaVaeHead.RECONSTRUCTION);
            assertThat(sampled.toFloatArray()).isNotEqualTo(decodedMean.toFloatArray());
            assertThat(sampled.getShape()).isEqualTo(new Shape(1, 16));
        }
    }
}
