package ai.braid.api.metric;

import ai.braid.api.data.MetricValue;
import ai.braid.api.spi.Metric;
import ai.djl.ndarray.NDList;
import java.util.List;

/**
 * Fraction of counted positions whose arg-max class equals the label.
 *
 * <p>Reads {@code logits (B, C)} with {@code labels (B)}, or {@code logits (B, L, C)} with
 * {@code labels (B, L)} and an optional target mask (B, L) (1 = the position counts). Binary
 * logits of the labels' shape predict class 1 where they are above 0. Reports NaN when nothing
 * was counted.
 */
public final class Accuracy implements Metric {

    private final String name;
    private final String logits;
    private final String labels;
    private final String mask;
    private long correct;
    private long total;

    private Accuracy(Builder builder) {
        this.name = builder.name;
        this.logits = builder.logits;
        this.labels = builder.labels;
        this.mask = builder.mask;
    }

    /**
     * Starts an accuracy reading output {@code logits} and target {@code label}, reported as
     * {@code accuracy}.
     *
     * @return a builder with those defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Counts the batch's correct predictions.
     *
     * @param outputs holds the logits (B, C) or (B, L, C)
     * @param targets holds the labels (B) or (B, L), and the mask (B, L) when configured
     * @throws ai.braid.api.UserInputException if the shapes do not fit or a label is out of range
     */
    @Override
    public void update(NDList outputs, NDList targets) {
        ClassPredictions batch =
                ClassPredictions.read(outputs, targets, logits, labels, mask, name);
        for (int i = 0; i < batch.expected().length; i++) {
            if (batch.predicted()[i] == batch.expected()[i]) {
                correct++;
            }
        }
        total += batch.expected().length;
    }

    /**
     * Returns the accuracy so far.
     *
     * @return one value, higher is better; NaN before any counted position
     */
    @Override
    public List<MetricValue> compute() {
        return List.of(new MetricValue(name, total == 0 ? Double.NaN : (double) correct / total,
                true));
    }

    /** Options of an {@link Accuracy}. */
    public static final class Builder {

        private String name = "accuracy";
        private String logits = "logits";
        private String labels = "label";
        private String mask;

        private Builder() {}

        /**
         * Sets the reported name.
         *
         * @param name default {@code "accuracy"}
         * @return this builder
         */
        public Builder optName(String name) {
            this.name = BatchArrays.name(name, "name");
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
        public Accuracy build() {
            return new Accuracy(this);
        }
    }
}
