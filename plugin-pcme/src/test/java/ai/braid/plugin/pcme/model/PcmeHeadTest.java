package ai.braid.plugin.pcme.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.UserInputException;
import ai.braid.api.data.FusedOutput;
import ai.braid.api.data.Modality;
import ai.braid.api.data.TokenSequence;
import ai.braid.api.objective.LogitScale;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PcmeHeadTest {

    private static final Modality IMAGE = Modality.of("image");
    private static final Modality TEXT = Modality.of("text");
    private static final int BATCH = 2;
    private static final int DIMENSION = 4;
    private static final float SCALE = 5f;
    private static final float SHIFT = -1.5f;

    /** What the 'pool' fusion gives: a pooled vector and each modality's tokens and mask. */
    private static NDList pooledFusion(NDManager manager) {
        NDArray image = manager.randomNormal(new Shape(BATCH, 3, 6));
        NDArray imageMask = manager.ones(new Shape(BATCH, 3));
        NDArray text = manager.randomNormal(new Shape(BATCH, 5, 6));
        NDArray textMask = ProbabilisticEmbedderTest.mask(manager, 5, 5, 2);
        return new FusedOutput(manager.randomNormal(new Shape(BATCH, 6)), null, null, List.of(),
                Map.of(), Map.of(IMAGE, new TokenSequence(image, imageMask),
                        TEXT, new TokenSequence(text, textMask))).toNDList();
    }

    private static PcmeHead probabilisticHead(int samples) {
        return new PcmeHead(IMAGE, new ProbabilisticEmbedder(DIMENSION, 5, false, true, 1f), TEXT,
                new ProbabilisticEmbedder(DIMENSION, 5, true, true, 1f), samples,
                new MatchScale(SCALE, SHIFT), List.of(IMAGE, TEXT));
    }

    private static NDList run(PcmeHead head, NDManager manager, NDList fused) {
        head.initialize(manager, DataType.FLOAT32, fused.getShapes());
        return head.forward(new ParameterStore(manager, false), fused, false);
    }

    @Test
    void theProbabilisticHeadNamesAndShapesItsOutputs() {
        int samples = 3;
        try (NDManager manager = NDManager.newBaseManager()) {
            PcmeHead head = probabilisticHead(samples);
            NDList fused = pooledFusion(manager);
            NDList out = run(head, manager, fused);

            assertThat(out).extracting(NDArray::getName).containsExactly(PcmeOutputs.MU_A,
                    PcmeOutputs.LOG_SIGMA_A, PcmeOutputs.SAMPLES_A, PcmeOutputs.MU_B,
                    PcmeOutputs.LOG_SIGMA_B, PcmeOutputs.SAMPLES_B, PcmeOutputs.SCALE,
                    PcmeOutputs.SHIFT);
            Shape embedding = new Shape(BATCH, DIMENSION);
            Shape sampled = new Shape(BATCH, samples, DIMENSION);
            Shape[] expected = {embedding, embedding, sampled, embedding, embedding, sampled,
                new Shape(1), new Shape(1)};
            assertThat(out.getShapes()).containsExactly(expected);
            assertThat(head.getOutputShapes(fused.getShapes())).containsExactly(expected);
            assertThat(out.get(PcmeOutputs.SCALE).getFloat(0)).isEqualTo(SCALE);
            assertThat(out.get(PcmeOutputs.SHIFT).getFloat(0)).isEqualTo(SHIFT);
            assertThat(head.isProbabilistic()).isTrue();
            assertThat(head.findMatchScale()).isPresent();
            assertThat(head.getParameters().keys()).anyMatch(key -> key.contains("image_"))
                    .anyMatch(key -> key.matches(".*text_\\d*context.*"));
        }
    }

    @Test
    void samplesSpreadAroundMuByExpLogSigma() {
        int samples = 4000;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList out = run(probabilisticHead(samples), manager, pooledFusion(manager));

            for (String side : List.of("a", "b")) {
                float[] mu = out.get("mu_" + side).toFloatArray();
                float[] logSigma = out.get("logsigma_" + side).toFloatArray();
                float[] z = out.get("samples_" + side).toFloatArray();
                for (int row = 0; row < BATCH; row++) {
                    for (int d = 0; d < DIMENSION; d++) {
                        double sum = 0;
                        double squares = 0;
                        for (int j = 0; j < samples; j++) {
                            double v = z[(row * samples + j) * DIMENSION + d];
                            sum += v;
                            squares += v * v;
                        }
                        double mean = sum / samples;
                        double deviation = Math.sqrt(squares / samples - mean * mean);
                        double sigma = Math.exp(logSigma[row * DIMENSION + d]);
                        // about 5.5 standard errors of the mean and 6 of the deviation
                        assertThat(mean).as("mean %s %d %d", side, row, d)
                                .isCloseTo(mu[row * DIMENSION + d], within(0.09 * sigma));
                        assertThat(deviation / sigma).as("spread %s %d %d", side, row, d)
                                .isCloseTo(1.0, within(0.07));
                    }
                }
            }
        }
    }

    @Test
    void aFusionWithoutModalityTokensIsRefusedNamingPool() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PcmeHead head = probabilisticHead(2);
            NDList pooledOnly = FusedOutput.pooledOnly(
                    manager.randomNormal(new Shape(BATCH, 6))).toNDList();

            assertThatThrownBy(() -> head.initialize(manager, DataType.FLOAT32,
                    pooledOnly.getShapes()))
                    .isInstanceOf(UserInputException.class).hasMessageContaining("fusion: pool");

            head.initialize(manager, DataType.FLOAT32, pooledFusion(manager).getShapes());
            assertThatThrownBy(() -> head.forward(new ParameterStore(manager, false),
                    pooledOnly, false))
                    .isInstanceOf(UserInputException.class).hasMessageContaining("fusion: pool")
                    .hasMessageContaining("image");
        }
    }

    @Test
    void theDeterministicHeadOutputsMeansAndALogitScale() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PcmeHead head = new PcmeHead(IMAGE,
                    new ProbabilisticEmbedder(DIMENSION, 5, false, false, 1f), TEXT,
                    new ProbabilisticEmbedder(DIMENSION, 5, false, false, 1f), 1, null,
                    List.of(TEXT, IMAGE));
            NDList fused = pooledFusion(manager);
            NDList out = run(head, manager, fused);

            assertThat(out).extracting(NDArray::getName).containsExactly(PcmeOutputs.MU_A,
                    PcmeOutputs.MU_B, LogitScale.DEFAULT_OUTPUT);
            assertThat(out.getShapes()).containsExactly(new Shape(BATCH, DIMENSION),
                    new Shape(BATCH, DIMENSION), new Shape(1));
            assertThat(out.get(LogitScale.DEFAULT_OUTPUT).getFloat(0))
                    .isCloseTo(1f / LogitScale.DEFAULT_TEMPERATURE, within(1e-3f));
            assertThat(head.isProbabilistic()).isFalse();
            assertThat(head.findMatchScale()).isEmpty();
        }
    }

    @Test
    void theHeadChecksItsModalitiesAndItsEmbeddersAgree() {
        assertThatThrownBy(() -> new PcmeHead(IMAGE,
                new ProbabilisticEmbedder(DIMENSION, 5, false, true, 1f), Modality.of("audio"),
                new ProbabilisticEmbedder(DIMENSION, 5, false, true, 1f), 2,
                new MatchScale(SCALE, SHIFT), List.of(IMAGE, TEXT)))
                .isInstanceOf(UserInputException.class).hasMessageContaining("audio");
        assertThatThrownBy(() -> new PcmeHead(IMAGE,
                new ProbabilisticEmbedder(DIMENSION, 5, false, true, 1f), TEXT,
                new ProbabilisticEmbedder(DIMENSION, 5, false, false, 1f), 2,
                new MatchScale(SCALE, SHIFT), List.of(IMAGE, TEXT)))
                .isInstanceOf(IllegalArgumentException.class);
        PcmeHead head = probabilisticHead(2);
        assertThat(head.embedder(TEXT)).isNotSameAs(head.embedder(IMAGE));
        assertThatThrownBy(() -> head.embedder(Modality.of("audio")))
                .isInstanceOf(UserInputException.class).hasMessageContaining("audio");
    }

    @Test
    void theMatchScaleStartsAtItsValuesAndReadsTheCurrentOnes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MatchScale scale = new MatchScale(3f, -2f);
            assertThatThrownBy(scale::scale).isInstanceOf(IllegalStateException.class);

            // a training config's weight initialiser must not replace the initial values
            scale.setInitializer(new NormalInitializer(), Parameter.Type.WEIGHT);
            scale.initialize(manager, DataType.FLOAT32, new Shape(2, 4));
            assertThat(scale.scale()).isEqualTo(3f);
            assertThat(scale.shift()).isEqualTo(-2f);
            NDList out = scale.forward(new ParameterStore(manager, false),
                    new NDList(manager.zeros(new Shape(2, 4))), false);
            assertThat(out.getShapes()).containsExactly(new Shape(1), new Shape(1));
            assertThat(out.get(0).getFloat(0)).isEqualTo(3f);
            assertThat(out.get(1).getFloat(0)).isEqualTo(-2f);

            // as an optimiser would, update the parameters in place
            scale.getParameters().get("scale").getArray().addi(1.5f);
            scale.getParameters().get("shift").getArray().subi(0.5f);
            assertThat(scale.scale()).isEqualTo(4.5f);
            assertThat(scale.shift()).isEqualTo(-2.5f);
        }
    }
}
