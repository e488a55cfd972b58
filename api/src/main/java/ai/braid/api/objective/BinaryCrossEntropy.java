package ai.braid.api.objective;

import ai.braid.api.data.LossTerm;
import ai.braid.api.nn.Scalars;
import ai.braid.api.spi.Objective;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.List;
import java.util.Set;

/**
 * Sigmoid binary cross-entropy of logits against 0/1 targets, averaged over every element.
 *
 * <p>Reads {@code logits (B)} or {@code (B, K)} (K independent binary labels) and a target of the
 * same shape. Computed as {@code max(x, 0) - x*y + log(1 + exp(-|x|))}, which never overflows,
 * so logits of any size give finite losses and gradients.
 */
public final class BinaryCrossEntropy implements Objective {

    private final String termName;
    private final String logits;
    private final String labels;

    private BinaryCrossEntropy(Builder builder) {
        this.termName = builder.termName;
        this.logits = builder.logits;
        this.labels = builder.labels;
    }

    /**
     * Starts a binary cross-entropy reading output {@code logits} and target {@code label},
     * producing the term {@code bce}.
     *
     * @return a builder with those defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Set<String> requiredOutputs() {
        return Set.of(logits);
    }

    @Override
    public Set<String> requiredTargets() {
        return Set.of(labels);
    }

    /**
     * Computes the mean binary cross-entropy of the batch.
     *
     * @param outputs holds {@code logits} (B) or (B, K)
     * @param targets holds the 0/1 targets, same shape as the logits
     * @return one term, shape ()
     * @throws ai.braid.api.UserInputException if the shapes differ
     */
    @Override
    public List<LossTerm> compute(NDList outputs, NDList targets) {
        NDArray x = NamedArrays.output(outputs, logits, termName);
        NDArray y = NamedArrays.target(targets, labels, termName);
        NamedArrays.requireShape(x.getShape(), y, "target '" + labels + "'");
        NDArray t = y.toType(x.getDataType(), false);
        NDArray loss = Scalars.maximum(x, 0f).sub(x.mul(t)).add(x.abs().neg().exp().add(1f).log());
        return List.of(new LossTerm(termName, loss.mean()));
    }

    /** Options of a {@link BinaryCrossEntropy}. */
    public static final class Builder {

        private String termName = "bce";
        private String logits = "logits";
        private String labels = "label";

        private Builder() {}

        /**
         * Sets the name of the loss term.
         *
         * @param termName e.g. {@code "itm"}; default {@code "bce"}
         * @return this builder
         */
        public Builder optTermName(String termName) {
            this.termName = NamedArrays.name(termName, "termName");
            return this;
        }

        /**
         * Sets the output holding the logits.
         *
         * @param logits output name of the (B) or (B, K) logits; default {@code "logits"}
         * @return this builder
         */
        public Builder optLogits(String logits) {
            this.logits = NamedArrays.name(logits, "logits");
            return this;
        }

        /**
         * Sets the target holding the 0/1 labels.
         *
         * @param labels target name, same shape as the logits; default {@code "label"}
         * @return this builder
         */
        public Builder optLabels(String labels) {
            this.labels = NamedArrays.name(labels, "labels");
            return this;
        }

        /**
         * Builds the objective.
         *
         * @return the objective
         */
        public BinaryCrossEntropy build() {
            return new BinaryCrossEntropy(this);
        }
    }
}
