package ai.braid.api.objective;

import ai.braid.api.UserInputException;
import ai.braid.api.data.LossTerm;
import ai.braid.api.nn.Scalars;
import ai.braid.api.spi.Objective;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.List;
import java.util.Set;

/**
 * Symmetric InfoNCE between two paired embedding sets, as in CLIP's image-text contrast.
 *
 * <p>Reads {@code a (B, D)} and {@code b (B, D)} where row i of a and row i of b belong
 * together. Both are L2-normalised here; the logits are {@code scale * a b^T} (B, B) with the
 * diagonal as positives; the loss is the mean of the cross-entropy of each row (a to b) and of
 * each column (b to a). The scale is read from a {@link LogitScale} output when one is named,
 * else it is the fixed {@code 1 / temperature}.
 *
 * <pre>{@code
 * InfoNce.builder().optOutputs("image_embedding", "text_embedding")
 *         .optLogitScale(LogitScale.DEFAULT_OUTPUT).optTermName("itc").build();
 * }</pre>
 */
public final class InfoNce implements Objective {

    private final String termName;
    private final String first;
    private final String second;
    private final String logitScale;
    private final float temperature;

    private InfoNce(Builder builder) {
        this.termName = builder.termName;
        this.first = builder.first;
        this.second = builder.second;
        this.logitScale = builder.logitScale;
        this.temperature = builder.temperature;
    }

    /**
     * Starts an InfoNCE reading outputs {@code embedding_a} and {@code embedding_b} at fixed
     * temperature 0.07, producing the term {@code info_nce}.
     *
     * @return a builder with those defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Set<String> requiredOutputs() {
        return logitScale == null ? Set.of(first, second) : Set.of(first, second, logitScale);
    }

    @Override
    public Set<String> requiredTargets() {
        return Set.of();
    }

    /**
     * Computes the symmetric InfoNCE of the batch.
     *
     * @param outputs holds a (B, D), b (B, D), and the scale (1) when configured
     * @param targets unused
     * @return one term, shape ()
     * @throws UserInputException if the shapes do not fit together
     */
    @Override
    public List<LossTerm> compute(NDList outputs, NDList targets) {
        NDArray a = NamedArrays.output(outputs, first, termName);
        NDArray b = NamedArrays.output(outputs, second, termName);
        NamedArrays.requireAxes(a, 2, "output '" + first + "' (B, D)");
        NamedArrays.requireShape(a.getShape(), b, "output '" + second + "'");
        NDArray similarity = NamedArrays.l2Normalize(a)
                .matMul(NamedArrays.l2Normalize(b).transpose());
        NDArray logits;
        if (logitScale == null) {
            logits = Scalars.div(similarity, temperature);
        } else {
            NDArray scale = NamedArrays.output(outputs, logitScale, termName);
            if (scale.size() != 1) {
                throw new UserInputException("output '" + logitScale + "' must hold one scale, "
                        + "got shape " + scale.getShape());
            }
            logits = similarity.mul(scale);
        }
        int batch = Math.toIntExact(a.getShape().get(0));
        NDArray positives = NamedArrays.eye(logits, batch);
        NDArray aToB = logits.logSoftmax(1).mul(positives).sum().neg();
        NDArray bToA = logits.logSoftmax(0).mul(positives).sum().neg();
        NDArray loss = Scalars.div(aToB.add(bToA), 2f * batch);
        return List.of(new LossTerm(termName, loss));
    }

    /** Options of an {@link InfoNce}. */
    public static final class Builder {

        private String termName = "info_nce";
        private String first = "embedding_a";
        private String second = "embedding_b";
        private String logitScale;
        private float temperature = LogitScale.DEFAULT_TEMPERATURE;

        private Builder() {}

        /**
         * Sets the name of the loss term.
         *
         * @param termName e.g. {@code "itc"}; default {@code "info_nce"}
         * @return this builder
         */
        public Builder optTermName(String termName) {
            this.termName = NamedArrays.name(termName, "termName");
            return this;
        }

        /**
         * Sets the two outputs holding the paired embeddings.
         *
         * @param first output name of a (B, D); default {@code "embedding_a"}
         * @param second output name of b (B, D); default {@code "embedding_b"}
         * @return this builder
         */
        public Builder optOutputs(String first, String second) {
            this.first = NamedArrays.name(first, "first");
            this.second = NamedArrays.name(second, "second");
            return this;
        }

        /**
         * Reads the scale from a {@link LogitScale} output instead of a fixed temperature.
         *
         * @param logitScale output name of the scale (1), e.g. {@value LogitScale#DEFAULT_OUTPUT}
         * @return this builder
         */
        public Builder optLogitScale(String logitScale) {
            this.logitScale = NamedArrays.name(logitScale, "logitScale");
            return this;
        }

        /**
         * Sets a fixed temperature tau, used when no scale output is named.
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
        public InfoNce build() {
            return new InfoNce(this);
        }
    }
}
