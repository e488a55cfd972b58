package ai.braid.api.objective;

import ai.braid.api.UserInputException;
import ai.braid.api.data.LossTerm;
import ai.braid.api.spi.Objective;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.List;
import java.util.Set;

/**
 * Softmax cross-entropy of class logits against integer labels, for whole examples or for every
 * position of a sequence.
 *
 * <p>Reads {@code logits (B, C)} with {@code labels (B)}, or {@code logits (B, L, C)} with
 * {@code labels (B, L)} and an optional target {@code mask (B, L)} (1 = the position counts).
 * The loss is the mean negative log-likelihood over the counted positions; with a mask that
 * counts nothing it is 0, still on the graph. DJL's {@code MaskedSoftmaxCrossEntropyLoss} is not
 * used because the PyTorch engine lacks its {@code sequenceMask}.
 *
 * <pre>{@code
 * CrossEntropy.builder().optLogits("emissions").optLabels("tags").optMask("tag_mask").build();
 * }</pre>
 */
public final class CrossEntropy implements Objective {

    private final String termName;
    private final String logits;
    private final String labels;
    private final String mask;

    private CrossEntropy(Builder builder) {
        this.termName = builder.termName;
        this.logits = builder.logits;
        this.labels = builder.labels;
        this.mask = builder.mask;
    }

    /**
     * Starts a cross-entropy reading output {@code logits} and target {@code label}, without mask,
     * producing the term {@code ce}.
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
        return mask == null ? Set.of(labels) : Set.of(labels, mask);
    }

    /**
     * Computes the mean cross-entropy of the batch.
     *
     * @param outputs holds {@code logits} (B, C) or (B, L, C)
     * @param targets holds {@code labels} (B) or (B, L), and the mask (B, L) when configured
     * @return one term, shape ()
     * @throws UserInputException if the shapes do not fit together
     */
    @Override
    public List<LossTerm> compute(NDList outputs, NDList targets) {
        NDArray x = NamedArrays.output(outputs, logits, termName);
        NDArray y = NamedArrays.target(targets, labels, termName);
        int classAxis = x.getShape().dimension() - 1;
        if (classAxis < 1 || classAxis > 2) {
            throw new UserInputException("loss '" + termName + "' expects logits (B, C) or "
                    + "(B, L, C) in output '" + logits + "', got shape " + x.getShape());
        }
        NamedArrays.requireShape(x.getShape().slice(0, classAxis), y,
                "target '" + labels + "' for logits " + x.getShape());
        NDArray picked = x.logSoftmax(classAxis)
                .gather(NamedArrays.indices(y).expandDims(classAxis), classAxis)
                .squeeze(classAxis);
        NDArray nll = picked.neg();
        if (mask == null) {
            return List.of(new LossTerm(termName, nll.mean()));
        }
        NDArray m = NamedArrays.target(targets, mask, termName);
        NamedArrays.requireShape(y.getShape(), m, "target '" + mask + "'");
        NDArray weights = m.toType(nll.getDataType(), false);
        NDArray loss = nll.mul(weights).sum().div(weights.sum().maximum(1f));
        return List.of(new LossTerm(termName, loss));
    }

    /** Options of a {@link CrossEntropy}. */
    public static final class Builder {

        private String termName = "ce";
        private String logits = "logits";
        private String labels = "label";
        private String mask;

        private Builder() {}

        /**
         * Sets the name of the loss term.
         *
         * @param termName e.g. {@code "ner_ce"}; default {@code "ce"}
         * @return this builder
         */
        public Builder optTermName(String termName) {
            this.termName = NamedArrays.name(termName, "termName");
            return this;
        }

        /**
         * Sets the output holding the logits.
         *
         * @param logits output name of the (B, C) or (B, L, C) logits; default {@code "logits"}
         * @return this builder
         */
        public Builder optLogits(String logits) {
            this.logits = NamedArrays.name(logits, "logits");
            return this;
        }

        /**
         * Sets the target holding the class indices.
         *
         * @param labels target name of the (B) or (B, L) indices; default {@code "label"}
         * @return this builder
         */
        public Builder optLabels(String labels) {
            this.labels = NamedArrays.name(labels, "labels");
            return this;
        }

        /**
         * Sets the target holding the position mask; without it every position counts.
         *
         * @param mask target name of the (B, L) mask, 1 = count, 0 = ignore
         * @return this builder
         */
        public Builder optMask(String mask) {
            this.mask = NamedArrays.name(mask, "mask");
            return this;
        }

        /**
         * Builds the objective.
         *
         * @return the objective
         */
        public CrossEntropy build() {
            return new CrossEntropy(this);
        }
    }
}
