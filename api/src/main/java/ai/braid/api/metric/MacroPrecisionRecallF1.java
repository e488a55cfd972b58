package ai.braid.api.metric;

import ai.braid.api.data.MetricValue;
import ai.braid.api.spi.Metric;
import ai.djl.ndarray.NDList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Macro-averaged precision, recall and F1 over the classes of a multi-class problem.
 *
 * <p>Reads {@code logits (B, C)} and {@code labels (B)}; sequence shapes with a mask work as for
 * {@link Accuracy}. Per class c: precision = TP/(TP+FP), recall = TP/(TP+FN), F1 their harmonic
 * mean, each <b>0 where undefined</b>. The macro values are the plain means of the per-class
 * values (so macro F1 is the mean of per-class F1, not the F1 of macro precision and recall)
 * over the classes that occur as a label or a prediction (scikit-learn's default); a class never
 * seen does not pull the means down. Reports {@code <prefix>precision}, {@code <prefix>recall}
 * and {@code <prefix>f1}, 0 before any counted position.
 */
public final class MacroPrecisionRecallF1 implements Metric {

    private final String prefix;
    private final String logits;
    private final String labels;
    private final String mask;
    private long[] truePositives = new long[0];
    private long[] predictedCounts = new long[0];
    private long[] labelCounts = new long[0];

    private MacroPrecisionRecallF1(Builder builder) {
        this.prefix = builder.prefix;
        this.logits = builder.logits;
        this.labels = builder.labels;
        this.mask = builder.mask;
    }

    /**
     * Starts a metric reading output {@code logits} and target {@code label}, reported as {@code
     * macro_precision}, {@code macro_recall} and {@code macro_f1}.
     *
     * @return a builder with those defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Adds the batch to the per-class counts.
     *
     * @param outputs holds the logits (B, C)
     * @param targets holds the labels (B)
     * @throws ai.braid.api.UserInputException if the shapes do not fit or a label is out of range
     */
    @Override
    public void update(NDList outputs, NDList targets) {
        ClassPredictions batch = ClassPredictions.read(
                outputs, targets, logits, labels, mask, prefix + "f1");
        if (batch.classes() > truePositives.length) {
            truePositives = Arrays.copyOf(truePositives, batch.classes());
            predictedCounts = Arrays.copyOf(predictedCounts, batch.classes());
            labelCounts = Arrays.copyOf(labelCounts, batch.classes());
        }
        for (int i = 0; i < batch.expected().length; i++) {
            int predicted = (int) batch.predicted()[i];
            int expected = (int) batch.expected()[i];
            predictedCounts[predicted]++;
            labelCounts[expected]++;
            if (predicted == expected) {
                truePositives[expected]++;
            }
        }
    }

    /**
     * Returns the macro averages so far.
     *
     * @return three values, higher is better
     */
    @Override
    public List<MetricValue> compute() {
        double precision = 0;
        double recall = 0;
        double f1 = 0;
        int seen = 0;
        for (int c = 0; c < truePositives.length; c++) {
            if (predictedCounts[c] == 0 && labelCounts[c] == 0) {
                continue;
            }
            double p = BatchArrays.ratioOrZero(truePositives[c], predictedCounts[c]);
            double r = BatchArrays.ratioOrZero(truePositives[c], labelCounts[c]);
            precision += p;
            recall += r;
            f1 += BatchArrays.f1(p, r);
            seen++;
        }
        return List.of(
                new MetricValue(prefix + "precision", BatchArrays.ratioOrZero(precision, seen),
                        true),
                new MetricValue(prefix + "recall", BatchArrays.ratioOrZero(recall, seen), true),
                new MetricValue(prefix + "f1", BatchArrays.ratioOrZero(f1, seen), true));
    }

    /** Options of a {@link MacroPrecisionRecallF1}. */
    public static final class Builder {

        private String prefix = "macro_";
        private String logits = "logits";
        private String labels = "label";
        private String mask;

        private Builder() {}

        /**
         * Sets the prefix of the reported names.
         *
         * @param prefix default {@code "macro_"}
         * @return this builder
         */
        public Builder optPrefix(String prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * Sets the output holding the logits.
         *
         * @param logits output name; default {@code "logits"}
         * @return this builder
         */
        public Builder optLogits(String logits) {
            this.logits = BatchArrays.name(logits, "logits");
            return this;
        }

        /**
         * Sets the target holding the class indices.
         *
         * @param labels target name; default {@code "label"}
         * @return this builder
         */
        public Builder optLabels(String labels) {
            this.labels = BatchArrays.name(labels, "labels");
            return this;
        }

        /**
         * Sets the target holding the position mask; without it every position counts.
         *
         * @param mask target name of the mask, 1 = count, 0 = ignore
         * @return this builder
         */
        public Builder optMask(String mask) {
            this.mask = BatchArrays.name(mask, "mask");
            return this;
        }

        /**
         * Builds a fresh, empty metric.
         *
         * @return the metric
         */
        public MacroPrecisionRecallF1 build() {
            return new MacroPrecisionRecallF1(this);
        }
    }
}
