package ai.braid.api.metric;

import ai.braid.api.UserInputException;
import ai.braid.api.data.MetricValue;
import ai.braid.api.spi.Metric;
import ai.djl.ndarray.NDList;
import java.util.List;
import java.util.Objects;

/**
 * Precision, recall and F1 of one positive class, e.g. the sarcastic class.
 *
 * <p>Reads {@code logits (B, C)} (arg-max class, typically C = 2) or binary {@code logits (B)}
 * (class 1 where above 0), and {@code labels (B)}; sequence shapes with a mask work as for
 * {@link Accuracy}. Reports {@code <prefix>precision}, {@code <prefix>recall} and {@code
 * <prefix>f1}. <b>Undefined values are 0</b>: precision when nothing was predicted positive,
 * recall when no label is positive, F1 when precision and recall are both 0.
 */
public final class BinaryPrecisionRecallF1 implements Metric {

    private final String prefix;
    private final String logits;
    private final String labels;
    private final String mask;
    private final int positiveClass;
    private long truePositives;
    private long falsePositives;
    private long falseNegatives;

    private BinaryPrecisionRecallF1(Builder builder) {
        this.prefix = builder.prefix;
        this.logits = builder.logits;
        this.labels = builder.labels;
        this.mask = builder.mask;
        this.positiveClass = builder.positiveClass;
    }

    /**
     * Starts a metric for positive class 1 reading output {@code logits} and target {@code
     * label}, reported as {@code precision}, {@code recall} and {@code f1}.
     *
     * @return a builder with those defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Counts the batch's true positives, false positives and false negatives.
     *
     * @param outputs holds the logits (B, C) or (B)
     * @param targets holds the labels (B)
     * @throws UserInputException if the shapes do not fit, a label is out of range, or the
     *     positive class is not one of the logits' classes
     */
    @Override
    public void update(NDList outputs, NDList targets) {
        ClassPredictions batch = ClassPredictions.read(
                outputs, targets, logits, labels, mask, prefix + "f1");
        if (positiveClass >= batch.classes()) {
            throw new UserInputException("positive class " + positiveClass + " is not among the "
                    + batch.classes() + " classes of output '" + logits + "'");
        }
        for (int i = 0; i < batch.expected().length; i++) {
            boolean predictedPositive = batch.predicted()[i] == positiveClass;
            boolean actualPositive = batch.expected()[i] == positiveClass;
            if (predictedPositive && actualPositive) {
                truePositives++;
            } else if (predictedPositive) {
                falsePositives++;
            } else if (actualPositive) {
                falseNegatives++;
            }
        }
    }

    /**
     * Returns precision, recall and F1 so far.
     *
     * @return three values, higher is better; 0 where undefined
     */
    @Override
    public List<MetricValue> compute() {
        double precision =
                BatchArrays.ratioOrZero(truePositives, truePositives + falsePositives);
        double recall = BatchArrays.ratioOrZero(truePositives, truePositives + falseNegatives);
        return List.of(
                new MetricValue(prefix + "precision", precision, true),
                new MetricValue(prefix + "recall", recall, true),
                new MetricValue(prefix + "f1", BatchArrays.f1(precision, recall), true));
    }

    /** Options of a {@link BinaryPrecisionRecallF1}. */
    public static final class Builder {

        private String prefix = "";
        private String logits = "logits";
        private String labels = "label";
        private String mask;
        private int positiveClass = 1;

        private Builder() {}

        /**
         * Sets a prefix for the reported names.
         *
         * @param prefix e.g. {@code "sarcastic_"} gives {@code sarcastic_f1}; default none
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
         * Sets the class counted as positive.
         *
         * @param positiveClass a class index; default 1
         * @return this builder
         * @throws UserInputException if it is negative
         */
        public Builder optPositiveClass(int positiveClass) {
            if (positiveClass < 0) {
                throw new UserInputException(
                        "positive class must be a class index >= 0, got " + positiveClass);
            }
            this.positiveClass = positiveClass;
            return this;
        }

        /**
         * Builds a fresh, empty metric.
         *
         * @return the metric
         */
        public BinaryPrecisionRecallF1 build() {
            return new BinaryPrecisionRecallF1(this);
        }
    }
}
