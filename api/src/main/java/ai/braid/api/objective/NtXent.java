package ai.braid.api.objective;

import ai.braid.api.data.LossTerm;
import ai.braid.api.spi.Objective;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Set;

/**
 * SimCLR's self-supervised contrastive loss (NT-Xent) between two views of the same samples.
 *
 * <p>Reads {@code a (B, D)} and {@code b (B, D)}, two views where row i of a and row i of b come
 * from the same sample. The 2B vectors {@code [a; b]} are L2-normalised; each one's only
 * positive is its paired view and its denominator runs over the other 2B - 1 vectors. This is
 * {@link SupervisedContrastive} with the sample index as label, so every anchor has exactly one
 * positive and the loss is the mean over all 2B anchors.
 */
public final class NtXent implements Objective {

    private final String termName;
    private final String first;
    private final String second;
    private final float temperature;

    private NtXent(Builder builder) {
        this.termName = builder.termName;
        this.first = builder.first;
        this.second = builder.second;
        this.temperature = builder.temperature;
    }

    /**
     * Starts an NT-Xent reading outputs {@code view_a} and {@code view_b} at temperature 0.1,
     * producing the term {@code nt_xent}.
     *
     * @return a builder with those defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Set<String> requiredOutputs() {
        return Set.of(first, second);
    }

    @Override
    public Set<String> requiredTargets() {
        return Set.of();
    }

    /**
     * Computes NT-Xent over the batch.
     *
     * @param outputs holds the two views, (B, D) each
     * @param targets unused
     * @return one term, shape ()
     * @throws ai.braid.api.UserInputException if the shapes differ
     */
    @Override
    public List<LossTerm> compute(NDList outputs, NDList targets) {
        NDArray a = NamedArrays.output(outputs, first, termName);
        NDArray b = NamedArrays.output(outputs, second, termName);
        NamedArrays.requireAxes(a, 2, "output '" + first + "' (B, D)");
        NamedArrays.requireShape(a.getShape(), b, "output '" + second + "'");
        long batch = a.getShape().get(0);
        NDArray index = a.getManager().arange(0, batch, 1, DataType.INT64);
        NDArray labels = NDArrays.concat(new NDList(index, index), 0);
        NDArray features = NDArrays.concat(new NDList(a, b), 0);
        return List.of(new LossTerm(termName,
                ContrastiveMath.supervisedContrastive(features, labels, temperature)));
    }

    /** Options of an {@link NtXent}. */
    public static final class Builder {

        private String termName = "nt_xent";
        private String first = "view_a";
        private String second = "view_b";
        private float temperature = 0.1f;

        private Builder() {}

        /**
         * Sets the name of the loss term.
         *
         * @param termName default {@code "nt_xent"}
         * @return this builder
         */
        public Builder optTermName(String termName) {
            this.termName = NamedArrays.name(termName, "termName");
            return this;
        }

        /**
         * Sets the two outputs holding the views.
         *
         * @param first output name of the first view (B, D); default {@code "view_a"}
         * @param second output name of the second view (B, D); default {@code "view_b"}
         * @return this builder
         */
        public Builder optViews(String first, String second) {
            this.first = NamedArrays.name(first, "first");
            this.second = NamedArrays.name(second, "second");
            return this;
        }

        /**
         * Sets the temperature tau.
         *
         * @param temperature tau &gt; 0; default 0.1 (SimCLR's best value at large batch sizes)
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
        public NtXent build() {
            return new NtXent(this);
        }
    }
}
