package ai.braid.api.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.UserInputException;
import ai.braid.api.data.LossTerm;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrossEntropyTest {

    private static final double[][] LOGITS = {{2.0, -1.0, 0.5}, {0.1, 0.2, 3.0}};
    private static final int[] LABELS = {0, 1};

    @Test
    void exampleLogitsGiveTheMeanNegativeLogLikelihood() {
        double expected = (Reference.negativeLogSoftmax(LOGITS[0], LABELS[0])
                + Reference.negativeLogSoftmax(LOGITS[1], LABELS[1])) / 2;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList outputs = new NDList(named(manager.create(Reference.flatten(LOGITS),
                    new Shape(2, 3)), "logits"));
            NDList targets = new NDList(named(manager.create(new long[] {0, 1}), "label"));

            List<LossTerm> terms = CrossEntropy.builder().build().compute(outputs, targets);

            assertThat(terms).hasSize(1);
            assertThat(terms.get(0).name()).isEqualTo("ce");
            assertThat(terms.get(0).value().getFloat()).isCloseTo((float) expected, within(1e-5f));
        }
    }

    @Test
    void maskedPositionsDoNotCount() {
        // (B=2, L=2, C=3); positions (0,1) and (1,0) are masked out
        double[][][] logits = {
            {{1.0, 0.0, -1.0}, {5.0, -5.0, 0.0}},
            {{0.0, 9.0, 0.0}, {0.3, 0.2, 0.1}}};
        int[][] labels = {{2, 1}, {0, 2}};
        float[] mask = {1, 0, 0, 1};
        double expected = (Reference.negativeLogSoftmax(logits[0][0], 2)
                + Reference.negativeLogSoftmax(logits[1][1], 2)) / 2;
        float[] flat = new float[12];
        for (int i = 0; i < 12; i++) {
            flat[i] = (float) logits[i / 6][(i / 3) % 2][i % 3];
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList outputs = new NDList(named(manager.create(flat, new Shape(2, 2, 3)), "tags"));
            NDList targets = new NDList(
                    named(manager.create(new int[] {labels[0][0], labels[0][1], labels[1][0],
                            labels[1][1]}, new Shape(2, 2)), "tag"),
                    named(manager.create(mask, new Shape(2, 2)), "tag_mask"));
            CrossEntropy ce = CrossEntropy.builder().optLogits("tags").optLabels("tag")
                    .optMask("tag_mask").optTermName("ner").build();

            LossTerm term = ce.compute(outputs, targets).get(0);

            assertThat(ce.requiredTargets()).containsExactlyInAnyOrder("tag", "tag_mask");
            assertThat(term.name()).isEqualTo("ner");
            assertThat(term.value().getFloat()).isCloseTo((float) expected, within(1e-5f));
        }
    }

    @Test
    void anEmptyMaskGivesZeroWithAGradient() {
        try (NDManager manager = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray logits = manager.randomNormal(new Shape(1, 3, 4));
            logits.setRequiresGradient(true);
            NDList targets = new NDList(named(manager.zeros(new Shape(1, 3)), "label"),
                    named(manager.zeros(new Shape(1, 3)), "mask"));

            NDArray loss = CrossEntropy.builder().optMask("mask").build()
                    .compute(new NDList(named(logits, "logits")), targets).get(0).value();
            collector.backward(loss);

            assertThat(loss.getFloat()).isZero();
            assertThat(logits.getGradient().abs().sum().getFloat()).isZero();
        }
    }

    @Test
    void gradientsReachTheLogits() {
        try (NDManager manager = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray logits = manager.create(Reference.flatten(LOGITS), new Shape(2, 3));
            logits.setRequiresGradient(true);
            NDArray loss = CrossEntropy.builder().build().compute(
                    new NDList(named(logits, "logits")),
                    new NDList(named(manager.create(new long[] {0, 1}), "label")))
                    .get(0).value();
            collector.backward(loss);

            // d/dx of mean CE = (softmax - onehot) / B; its row sums are 0 and entries non-zero
            float[] gradient = logits.getGradient().toFloatArray();
            double[] row0 = LOGITS[0];
            double sum = Math.exp(row0[0]) + Math.exp(row0[1]) + Math.exp(row0[2]);
            assertThat(gradient[0]).isCloseTo((float) ((Math.exp(row0[0]) / sum - 1) / 2),
                    within(1e-5f));
            assertThat(gradient[4]).isNegative();
        }
    }

    @Test
    void labelsOfTheWrongShapeAreRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList outputs = new NDList(named(manager.zeros(new Shape(2, 3)), "logits"));
            NDList targets = new NDList(named(manager.zeros(new Shape(3)), "label"));

            assertThatThrownBy(() -> CrossEntropy.builder().build().compute(outputs, targets))
                    .isInstanceOf(UserInputException.class)
                    .hasMessageContaining("(2)").hasMessageContaining("(3)");
        }
    }

    @Test
    void aMissingOutputIsNamed() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList outputs = new NDList(named(manager.zeros(new Shape(2, 3)), "scores"));
            NDList targets = new NDList(named(manager.zeros(new Shape(2)), "label"));

            assertThatThrownBy(() -> CrossEntropy.builder().build().compute(outputs, targets))
                    .isInstanceOf(UserInputException.class)
                    .hasMessageContaining("'logits'").hasMessageContaining("[scores]");
        }
    }

    static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }
}
