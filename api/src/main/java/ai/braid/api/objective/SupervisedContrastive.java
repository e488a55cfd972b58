package ai.braid.api.objective;

import ai.braid.api.UserInputException;
import ai.braid.api.data.LossTerm;
import ai.braid.api.spi.Objective;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.List;
import java.util.Set;

/**
 * Supervised contrastive loss (Khosla et al., 2020, the "out" form) on L2-normalised features.
 *
 * <pre>
 * L = -(1/|A|) sum_{i in A} (1/|P(i)|) sum_{p in P(i)}
 *         log( exp(z_i.z_p / tau) / sum_{a != i} exp(z_i.z_a / tau) )
 * </pre>
 *
 * <p>Reads {@code features (B, D)} and target {@code labels (B)}. P(i) are the other samples of
 * the batch with the same label as anchor i. The denominator runs over every other sample.
 * <b>Anchors without positive:</b> the loss is averaged over the set A of anchors that have at
 * least one positive; the others contribute 0 and do not count in |A|. If no anchor has a
 * positive (e.g. a batch of distinct labels) the loss is 0, still attached to the graph, so
 * the step runs with a zero gradient from this term.
 *
 * <p>With a second view configured ({@link Builder#optSecondView}) the features are the two
 * views stacked, {@code [a; b]} (2B, D), and the labels repeat, {@code [y; y]}, as in the
 * multi-view form of the paper.
 */
public final class SupervisedContrastive implements Objective {

    private final String termName;
    private final String features;
    private final String secondView;
    private final String labels;
    private final float temperature;

    private SupervisedContrastive(Builder builder) {
        this.termName = builder.termName;
        this.features = builder.features;
        this.secondView = builder.secondView;
        this.labels = builder.labels;
        this.temperature = builder.temperature;
    }

    /**
     * Starts a supervised contrastive loss reading output {@code embedding} and target {@code
     * label} at temperature 0.07, producing the term {@code supcon}.
     *
     * @return a builder with those defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Set<String> requiredOutputs() {
        return secondView == null ? Set.of(features) : Set.of(features, secondView);
    }

    @Override
    public Set<String> requiredTargets() {
        return Set.of(labels);
    }

    /**
     * Computes the supervised contrastive loss of the batch.
     *
     * @param outputs holds the features (B, D), and the second view (B, D) when configured
     * @param targets holds the labels (B)
     * @return one term, shape ()
     * @throws UserInputException if the shapes do not fit together
     */
    @Override
    public List<LossTerm> compute(NDList outputs, NDList targets) {
        NDArray z = NamedArrays.output(outputs, features, termName);
        NDArray y = NamedArrays.target(targets, labels, termName);
        NamedArrays.requireAxes(z, 2, "output '" + features + "' (B, D)");
        NamedArrays.requireShape(z.getShape().slice(0, 1), y, "target '" + labels + "'");
        if (secondView != null) {
            NDArray other = NamedArrays.output(outputs, secondView, termName);
            NamedArrays.requireShape(z.getShape(), other, "output '" + secondView + "'");
            z = NDArrays.concat(new NDList(z, other), 0);
            y = NDArrays.concat(new NDList(y, y), 0);
        }
        return List.of(new LossTerm(termName,
                ContrastiveMath.supervisedContrastive(z, y, temperature)));
    }

    /** Options of a {@link SupervisedContrastive}. */
    public static final class Builder {

        private String termName = "supcon";
        private String features = "embedding";
        private String secondView;
        private String labels = "label";
        private float temperature = 0.07f;

        private Builder() {}

        /**
         * Sets the name of the loss term.
         *
         * @param termName default {@code "supcon"}
         * @return this builder
         */
        public Builder optTermName(String termName) {
            this.termName = NamedArrays.name(termName, "termName");
            return this;
        }

        /**
         * Sets the output holding the features.
         *
         * @param features output name of the (B, D) features; default {@code "embedding"}
         * @return this builder
         */
        public Builder optFeatures(String features) {
            this.features = NamedArrays.name(features, "features");
            return this;
        }

        /**
         * Adds a second view of the same samples; the loss then runs on both views stacked.
         *
         * @param secondView output name of the (B, D) second view
         * @return this builder
         */
        public Builder optSecondView(String secondView) {
            this.secondView = NamedArrays.name(secondView, "secondView");
            return this;
        }

        /**
         * Sets the target holding the labels.
         *
         * @param labels target name of the (B) labels; default {@code "label"}
         * @return this builder
         */
        public Builder optLabels(String labels) {
            this.labels = NamedArrays.name(labels, "labels");
            return this;
        }

        /**
         * Sets the temperature tau.
         *
         * @param temperature tau &gt; 0; default 0.07
         * @return this builder
         */
        public Builder optTemperature(float temperature) {
            this.temperature = NamedArrays.positiveTemperature(temperature);
            return this;
        }

        /**
         * Builds the objective.
         *
         * @return the objective
         */
        public SupervisedContrastive build() {
            return new SupervisedContrastive(this);
        }
    }
}
