package ai.braid.api.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.UserInputException;
import ai.braid.api.data.MetricValue;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

    @Test
    void accuracyCountsArgMaxHitsOverBatches() {
        Accuracy accuracy = Accuracy.builder().build();
        try (NDManager manager = NDManager.newBaseManager()) {
            // predictions 2, 0 | 1; labels 2, 1 | 1
            accuracy.update(logits(manager, new float[] {0, 1, 3, 5, 1, 0}, 2, 3),
                    labels(manager, new long[] {2, 1}));
            accuracy.update(logits(manager, new float[] {0, 9, 3}, 1, 3),
                    labels(manager, new long[] {1}));
        }
        assertThat(accuracy.compute()).containsExactly(new MetricValue("accuracy", 2.0 / 3, true));
    }

    @Test
    void accuracyOnSequencesSkipsMaskedPositions() {
        Accuracy accuracy = Accuracy.builder().optLogits("tags").optLabels("tag")
                .optMask("tag_mask").optName("token_accuracy").build();
        try (NDManager manager = NDManager.newBaseManager()) {
            // (B=2, L=2, C=2): predictions [[1, 0], [0, 1]], labels [[1, 1], [1, 1]]
            NDArray tags = manager.create(new float[] {0, 1, 1, 0, 1, 0, 0, 1},
                    new Shape(2, 2, 2));
            tags.setName("tags");
            NDArray tag = manager.create(new long[] {1, 1, 1, 1}, new Shape(2, 2));
            tag.setName("tag");
            NDArray mask = manager.create(new float[] {1, 0, 0, 1}, new Shape(2, 2));
            mask.setName("tag_mask");

            accuracy.update(new NDList(tags), new NDList(tag, mask));
        }
        assertThat(accuracy.compute().get(0).name()).isEqualTo("token_accuracy");
        assertThat(accuracy.compute().get(0).value()).isEqualTo(1.0);
    }

    @Test
    void accuracyIsNaNWithoutData() {
        assertThat(Accuracy.builder().build().compute().get(0).value()).isNaN();
    }

    @Test
    void binaryScoresFromTwoClassLogits() {
        // predictions 1 1 1 0 0 0, labels 1 1 0 1 1 0: TP 2, FP 1, FN 2
        BinaryPrecisionRecallF1 metric =
                BinaryPrecisionRecallF1.builder().optPrefix("sarcastic_").build();
        try (NDManager manager = NDManager.newBaseManager()) {
            metric.update(
                    logits(manager, new float[] {0, 1, 0, 2, -1, 1, 1, 0, 3, 2, 5, -5}, 6, 2),
                    labels(manager, new long[] {1, 1, 0, 1, 1, 0}));
        }
        Map<String, Double> values = byName(metric.compute());
        assertThat(values).containsOnlyKeys("sarcastic_precision", "sarcastic_recall",
                "sarcastic_f1");
        assertThat(values.get("sarcastic_precision")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(values.get("sarcastic_recall")).isCloseTo(0.5, within(1e-12));
        assertThat(values.get("sarcastic_f1")).isCloseTo(4.0 / 7, within(1e-12));
    }

    @Test
    void binaryScoresFromSingleLogitsAndForClassZero() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // logit > 0 predicts 1: predictions 1 0 0 1, labels 1 0 1 0
            NDList outputs = logits(manager, new float[] {2, -1, -0.5f, 0.1f}, 4);
            NDList targets = labels(manager, new long[] {1, 0, 1, 0});
            BinaryPrecisionRecallF1 positive = BinaryPrecisionRecallF1.builder().build();
            BinaryPrecisionRecallF1 negative =
                    BinaryPrecisionRecallF1.builder().optPositiveClass(0).build();

            positive.update(outputs, targets);
            negative.update(outputs, targets);

            // class 1: TP 1, FP 1, FN 1; class 0: TP 1, FP 1, FN 1
            assertThat(byName(positive.compute()).get("f1")).isCloseTo(0.5, within(1e-12));
            assertThat(byName(negative.compute()).get("precision")).isCloseTo(0.5,
                    within(1e-12));
        }
    }

    @Test
    void aSingleLogitColumnIsBinary() {
        Accuracy accuracy = Accuracy.builder().build();
        try (NDManager manager = NDManager.newBaseManager()) {
            accuracy.update(logits(manager, new float[] {2, -1, -0.5f}, 3, 1),
                    labels(manager, new long[] {1, 0, 1}));
        }
        assertThat(accuracy.compute().get(0).value()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void undefinedBinaryScoresAreZero() {
        BinaryPrecisionRecallF1 metric = BinaryPrecisionRecallF1.builder().build();
        try (NDManager manager = NDManager.newBaseManager()) {
            // nothing predicted positive, nothing labelled positive
            metric.update(logits(manager, new float[] {-1, -2}, 2),
                    labels(manager, new long[] {0, 0}));
        }
        assertThat(byName(metric.compute()).values()).containsOnly(0.0);
    }

    @Test
    void macroScoresAverageOverSeenClasses() {
        // labels 0 0 1 1 2 2 2, predictions 0 1 1 1 2 0 0; class 3 never occurs
        long[] predicted = {0, 1, 1, 1, 2, 0, 0};
        long[] expected = {0, 0, 1, 1, 2, 2, 2};
        float[] oneHotLogits = new float[7 * 4];
        for (int i = 0; i < 7; i++) {
            oneHotLogits[i * 4 + (int) predicted[i]] = 1;
        }
        MacroPrecisionRecallF1 metric = MacroPrecisionRecallF1.builder().build();
        try (NDManager manager = NDManager.newBaseManager()) {
            metric.update(logits(manager, oneHotLogits, 7, 4), labels(manager, expected));
        }
        // per class (P, R, F1): 0 (1/3, 1/2, 0.4), 1 (2/3, 1, 0.8), 2 (1, 1/3, 0.5)
        Map<String, Double> values = byName(metric.compute());
        assertThat(values.get("macro_precision")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(values.get("macro_recall")).isCloseTo(11.0 / 18, within(1e-12));
        assertThat(values.get("macro_f1")).isCloseTo(1.7 / 3, within(1e-12));
    }

    @Test
    void aLabelOutsideTheClassesIsRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList outputs = logits(manager, new float[] {0, 1, 1, 0}, 2, 2);
            NDList targets = labels(manager, new long[] {1, 2});

            assertThatThrownBy(() -> MacroPrecisionRecallF1.builder().build()
                    .update(outputs, targets))
                    .isInstanceOf(UserInputException.class).hasMessageContaining("[0, 2)");
        }
    }

    private static NDList logits(NDManager manager, float[] values, long... shape) {
        NDArray array = manager.create(values, new Shape(shape));
        array.setName("logits");
        return new NDList(array);
    }

    private static NDList labels(NDManager manager, long[] values) {
        NDArray array = manager.create(values);
        array.setName("label");
        return new NDList(array);
    }

    private static Map<String, Double> byName(List<MetricValue> values) {
        Map<String, Double> map = new LinkedHashMap<>();
        values.forEach(value -> map.put(value.name(), value.value()));
        return map;
    }
}
