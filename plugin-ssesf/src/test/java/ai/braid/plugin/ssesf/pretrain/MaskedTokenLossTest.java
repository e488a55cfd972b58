package ai.braid.plugin.ssesf.pretrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.UserInputException;
import ai.braid.api.data.MetricValue;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaskedTokenLossTest {

    /** B = 2 samples, K = 2 slots: N = 4 slots; slot 3 unused; slots 0 and 2 hold one token. */
    private static final float[] LOGITS = {
        2.0f, 0.5f, 1.0f, 9.0f,
        -1.0f, 0.3f, 0.2f, 4.0f,
        0.7f, -0.4f, 0.1f, 3.0f,
        0.0f, 0.0f, 0.0f, 0.0f};
    private static final float[] VALID = {1, 1, 1, 0};
    private static final float[] POSITIVES = {
        1, 0, 1, 0,
        0, 1, 0, 0,
        1, 0, 1, 0,
        0, 0, 0, 0};

    private static NDList outputs(NDManager manager, NDArray logits) {
        logits.setName("mlm_logits");
        NDArray positives = manager.create(POSITIVES, new Shape(2, 2, 4));
        positives.setName("mlm_positives");
        NDArray valid = manager.create(VALID, new Shape(2, 2));
        valid.setName("mlm_valid");
        return new NDList(logits, positives, valid);
    }

    /** The loss in plain Java doubles. */
    private static double reference() {
        double sum = 0;
        int anchors = 0;
        for (int i = 0; i < 4; i++) {
            if (VALID[i] == 0) {
                continue;
            }
            double all = 0;
            double correct = 0;
            for (int c = 0; c < 4; c++) {
                if (VALID[c] == 0) {
                    continue;
                }
                double e = Math.exp(LOGITS[i * 4 + c]);
                all += e;
                if (POSITIVES[i * 4 + c] == 1) {
                    correct += e;
                }
            }
            sum += Math.log(all) - Math.log(correct);
            anchors++;
        }
        return sum / anchors;
    }

    private final MaskedTokenLoss loss = (MaskedTokenLoss) new MlmObjectiveFactory().create(
            Configs.of(new MlmObjectiveFactory(), "objectives[2]", Map.of()));

    @Test
    void theLossIsTheNegativeLogOfTheMassOnTheCorrectTokensOverUsedSlots() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logits = manager.create(LOGITS, new Shape(2, 2, 4));
            logits.setRequiresGradient(true);
            float value;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray term = loss.compute(outputs(manager, logits), new NDList()).get(0)
                        .value();
                value = term.getFloat();
                collector.backward(term);
            }
            assertThat((double) value).isCloseTo(reference(), within(1e-5));
            assertThat(loss.requiredOutputs())
                    .containsExactlyInAnyOrder("mlm_logits", "mlm_positives", "mlm_valid");
            float[] gradient = logits.getGradient().toFloatArray();
            // the unused slot is neither a candidate (column 3) nor an anchor (row 3)
            for (int i = 0; i < 4; i++) {
                assertThat(gradient[i * 4 + 3]).isZero();
                assertThat(gradient[12 + i]).isZero();
            }
            assertThat(gradient[0]).isNotZero();
        }
    }

    @Test
    void withoutUsedSlotsTheLossIsZero() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logits = manager.create(LOGITS, new Shape(2, 2, 4));
            NDList outputs = outputs(manager, logits);
            outputs.set(2, manager.zeros(new Shape(2, 2)));
            outputs.get(2).setName("mlm_valid");

            assertThat(loss.compute(outputs, new NDList()).get(0).value().getFloat()).isZero();
        }
    }

    @Test
    void theAccuracyCountsTheBestUsedCandidateHoldingTheRightToken() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MaskedTokenAccuracy accuracy = new MaskedTokenAccuracy("mlm_accuracy",
                    "mlm_logits", "mlm_positives", "mlm_valid");
            accuracy.update(outputs(manager, manager.create(LOGITS, new Shape(2, 2, 4))),
                    new NDList());
            // best used candidate (column 3 excluded): row 0 -> 0 (right), row 1 -> 1 (right),
            // row 2 -> 0 (right: the same token as slot 2)
            List<MetricValue> values = accuracy.compute();
            assertThat(values).containsExactly(new MetricValue("mlm_accuracy", 1.0, true));

            float[] wrong = LOGITS.clone();
            wrong[4 + 2] = 5f; // row 1 now prefers slot 2, another token
            accuracy.update(outputs(manager, manager.create(wrong, new Shape(2, 2, 4))),
                    new NDList());
            assertThat(accuracy.compute().get(0).value()).isCloseTo(5.0 / 6, within(1e-9));
        }
    }

    @Test
    void sameTokensAreFoundByValueAmongUsedSlots() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray tokens = manager.create(new float[] {
                0.3f, -0.2f, 0.1f,
                0.5f, 0.5f, -0.1f,
                0.3f, -0.2f, 0.1f,
                0.3f, -0.2f, 0.1f}, new Shape(4, 3));
            NDArray valid = manager.create(new float[] {1, 1, 1, 0});

            assertThat(PretrainingHead.sameTokens(tokens, valid).toFloatArray())
                    .containsExactly(POSITIVES);
            NDArray close = tokens.duplicate();
            close.set(new NDIndex("2, 0"), 0.31f);
            assertThat(PretrainingHead.sameTokens(close, valid).getFloat(0, 2)).isZero();
        }
    }

    @Test
    void mismatchedShapesAreUserErrors() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList outputs = outputs(manager, manager.create(LOGITS, new Shape(2, 8)));
            assertThatThrownBy(() -> loss.compute(outputs, new NDList()))
                    .isInstanceOf(UserInputException.class)
                    .hasMessageContaining("(B, K, B K)");
        }
    }
}
