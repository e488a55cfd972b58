package ai.braid.plugin.ssesf.pretrain;

import ai.braid.api.UserInputException;
import ai.braid.api.data.LossTerm;
import ai.braid.api.nn.Scalars;
import ai.braid.api.spi.Objective;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Masked language modelling with an in-batch sampled softmax over word-piece embeddings.
 *
 * <p>A fusion does not see the projector's vocabulary (it receives embeddings, not token ids),
 * so it cannot score a masked position against every word piece. Instead each masked slot is
 * scored against the input tokens of all N = B K masked slots of the batch, its own among
 * them: a softmax over the word pieces the batch happens to mask. Several slots may hold the
 * same input token; all of them are correct answers, so the loss is the negative log of the
 * probability mass on the correct ones (the likelihood of the word piece, not of one copy):
 *
 * <pre>
 * L = mean over used slots i of [ logsumexp_{c used} l_ic - logsumexp_{c in P(i)} l_ic ]
 * </pre>
 *
 * <p>with P(i) the used slots holding i's token (i included). Copies are recognised by equal
 * input embeddings ({@link PretrainingHead}), so the text projector must embed a word piece the
 * same way every time: no embedding dropout. Unused slots take part neither
 * as anchors nor as candidates; with no used slot the loss is 0, still on the graph. It is a
 * weaker signal than a softmax over the whole vocabulary: only N - |P(i)| wrong answers, and
 * those at other positions differ in their position embedding too.
 *
 * <p>Reads the outputs {@code logits (B, K, N)}, {@code positives (B, K, N)} (1 = correct
 * answer) and {@code valid (B, K)} (1 = used slot) of a {@link PretrainingHead}.
 */
public final class MaskedTokenLoss implements Objective {

    /**
     * Added to the logits of excluded candidates: large against any logit (at most the
     * logit scale's clamp of 100 here), small enough for half precision.
     */
    private static final float EXCLUDED = -1e4f;

    private final String termName;
    private final String logits;
    private final String positives;
    private final String valid;

    /**
     * Creates the loss.
     *
     * @param termName the name of the loss term
     * @param logits output name of the (B, K, N) logits
     * @param positives output name of the (B, K, N) correct answers
     * @param valid output name of the (B, K) slot validity
     */
    public MaskedTokenLoss(String termName, String logits, String positives, String valid) {
        this.termName = Objects.requireNonNull(termName, "termName");
        this.logits = Objects.requireNonNull(logits, "logits");
        this.positives = Objects.requireNonNull(positives, "positives");
        this.valid = Objects.requireNonNull(valid, "valid");
    }

    @Override
    public Set<String> requiredOutputs() {
        return Set.of(logits, positives, valid);
    }

    @Override
    public Set<String> requiredTargets() {
        return Set.of();
    }

    /**
     * Computes the loss of the batch.
     *
     * @param outputs holds the logits, positives and validity
     * @param targets unused
     * @return one term, shape ()
     * @throws UserInputException if an output is missing or the shapes do not fit together
     */
    @Override
    public List<LossTerm> compute(NDList outputs, NDList targets) {
        Flat flat = Flat.read(outputs, logits, positives, valid, termName);
        NDArray candidates = flat.valid().reshape(1, flat.count());
        NDArray all = logSumExp(flat.logits(), candidates);
        NDArray correct = logSumExp(flat.logits(), flat.positives().mul(candidates));
        NDArray perSlot = all.sub(correct);
        NDArray weights = flat.valid();
        NDArray loss = perSlot.mul(weights).sum().div(weights.sum().maximum(1f));
        return List.of(new LossTerm(termName, loss));
    }

    /**
     * Row-wise {@code log sum_c exp(x_c)} over the included columns.
     *
     * @param x (N, N) logits
     * @param included (N, N) or (1, N), 1 = include; a row without included column gives a
     *     large negative number, not NaN
     * @return (N)
     */
    private static NDArray logSumExp(NDArray x, NDArray included) {
        NDArray masked = x.add(Scalars.mul(included.sub(1f), -EXCLUDED));
        NDArray max = masked.max(new int[] {1}, true).stopGradient();
        return masked.sub(max).exp().sum(new int[] {1}).log().add(max.squeeze(1));
    }

    /**
     * The three outputs flattened to the N = B K slots of the batch.
     *
     * @param logits (N, N)
     * @param positives (N, N)
     * @param valid (N)
     * @param count N
     */
    record Flat(NDArray logits, NDArray positives, NDArray valid, long count) {

        /**
         * Reads and checks the outputs.
         *
         * @throws UserInputException if an output is missing or the shapes do not fit
         */
        static Flat read(NDList outputs, String logits, String positives, String valid,
                String reader) {
            NDArray x = find(outputs, logits, reader);
            NDArray p = find(outputs, positives, reader);
            NDArray v = find(outputs, valid, reader);
            Shape shape = x.getShape();
            if (shape.dimension() != 3 || shape.get(2) != shape.get(0) * shape.get(1)
                    || !shape.equals(p.getShape())
                    || !v.getShape().equals(shape.slice(0, 2))) {
                throw new UserInputException("'" + reader + "' expects " + logits + " and "
                        + positives + " of shape (B, K, B K) and " + valid + " (B, K), got "
                        + shape + ", " + p.getShape() + " and " + v.getShape());
            }
            long count = shape.get(2);
            return new Flat(x.reshape(count, count),
                    p.reshape(count, count).toType(x.getDataType(), false),
                    v.reshape(count).toType(x.getDataType(), false), count);
        }

        private static NDArray find(NDList outputs, String name, String reader) {
            NDArray array = outputs.get(name);
            if (array == null) {
                List<String> names = new ArrayList<>();
                outputs.forEach(a -> names.add(a.getName()));
                throw new UserInputException("'" + reader + "' reads the output '" + name
                        + "', but the outputs are " + names);
            }
            return array;
        }
    }
}
