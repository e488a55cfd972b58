package ai.braid.api.nn;

import ai.braid.api.UserInputException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Standard scaled dot-product multi-head attention that also returns its probabilities.
 *
 * <p>Inputs, one of:
 *
 * <ul>
 *   <li>{@code [query (B, Tq, E)]}: self-attention, no padding;
 *   <li>{@code [query (B, Tq, E), keyValue (B, Tk, E)]}: cross-attention, no padding;
 *   <li>{@code [query (B, Tq, E), keyValue (B, Tk, E), keyMask (B, Tk)]}: keyMask is 1 (or
 *       true, or &gt; 0) for a real key and 0 for padding, of any dtype;
 *   <li>{@code [query (B, Tq, E), keyValue (B, Tk, E), keyMask (B, Tq, Tk)]}: the same per
 *       query, for attention restricted to groups of tokens (a block-diagonal mask).
 * </ul>
 *
 * <p>Outputs {@code [out (B, Tq, E), probs (B, H, Tq, Tk)]}. Each row of {@code probs} sums to 1
 * over the real keys, padded keys get exactly 0, and a query whose keys are all padding gets a
 * row of zeros (and so {@code out} = the output projection's bias), never NaN. {@code probs} is
 * returned before attention dropout.
 *
 * <p>The query, key, value and output projections are separate {@link Linear} children of width
 * E; each head works on E / H features.
 */
public final class MultiHeadAttention extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final String NAME = "MultiHeadAttention";

    private final int dim;
    private final int heads;
    private final float attentionDropout;
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear output;
    private final Dropout dropout;

    private MultiHeadAttention(Builder builder) {
        super(VERSION);
        this.dim = builder.dim;
        this.heads = builder.heads;
        this.attentionDropout = builder.attentionDropout;
        this.query = addChildBlock("query", Linear.builder().setUnits(dim).build());
        this.key = addChildBlock("key", Linear.builder().setUnits(dim).build());
        this.value = addChildBlock("value", Linear.builder().setUnits(dim).build());
        this.output = addChildBlock("output", Linear.builder().setUnits(dim).build());
        this.dropout = addChildBlock("dropout", Dropout.builder().optRate(attentionDropout).build());
    }

    /**
     * Starts a builder.
     *
     * @return a builder that needs {@code setDim} and {@code setHeads}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the model width E.
     *
     * @return E
     */
    public int dim() {
        return dim;
    }

    /**
     * Returns the number of heads H.
     *
     * @return H
     */
    public int heads() {
        return heads;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        Checks.inputCount(NAME, inputs, 1, 3,
                "[query (B, Tq, E)], [query, keyValue (B, Tk, E)] or [query, keyValue, keyMask (B, Tk)]");
        NDArray queries = inputs.get(0);
        NDArray keyValues = inputs.size() > 1 ? inputs.get(1) : queries;
        Shape qShape = Checks.rank(NAME, "query", queries, 3, "(B, Tq, E)");
        Shape kvShape = Checks.rank(NAME, "keyValue", keyValues, 3, "(B, Tk, E)");
        Checks.lastAxis(NAME, "query", qShape, dim);
        Checks.lastAxis(NAME, "keyValue", kvShape, dim);
        long batch = qShape.get(0);
        if (kvShape.get(0) != batch) {
            throw new UserInputException(NAME + ": query " + qShape + " and keyValue " + kvShape
                    + " must have the same batch size");
        }
        long tq = qShape.get(1);
        long tk = kvShape.get(1);

        NDArray q = splitHeads(project(query, store, queries, training, params));
        NDArray k = splitHeads(project(key, store, keyValues, training, params));
        NDArray v = splitHeads(project(value, store, keyValues, training, params));
        NDArray scores = Scalars.mul(q.matMul(k.transpose(0, 1, 3, 2)),
                1f / (float) Math.sqrt(dim / heads));
        NDArray probs;
        if (inputs.size() > 2) {
            NDArray keyMask = inputs.get(2);
            Checks.attentionMask(NAME, keyMask, batch, tq, tk);
            NDArray keep = Masks.keep(keyMask, scores.getDataType())
                    .reshape(batch, 1, keyMask.getShape().dimension() == 3 ? tq : 1, tk);
            probs = Masks.softmax(scores, keep, -1);
        } else {
            probs = scores.softmax(-1);
        }
        NDArray weights = attentionDropout > 0f
                ? dropout.forward(store, new NDList(probs), training, params).head()
                : probs;
        NDArray merged = weights.matMul(v).transpose(0, 2, 1, 3).reshape(batch, tq, dim);
        NDArray out = project(output, store, merged, training, params);
        return new NDList(out, probs);
    }

    /** (B, T, E) -> (B, H, T, E / H). */
    private NDArray splitHeads(NDArray x) {
        Shape shape = x.getShape();
        return x.reshape(shape.get(0), shape.get(1), heads, dim / heads).transpose(0, 2, 1, 3);
    }

    private static NDArray project(Linear linear, ParameterStore store, NDArray x, boolean training,
            PairList<String, Object> params) {
        return linear.forward(store, new NDList(x), training, params).head();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape qShape = inputShapes[0];
        Shape kvShape = inputShapes.length > 1 ? inputShapes[1] : qShape;
        query.initialize(manager, dataType, qShape);
        key.initialize(manager, dataType, kvShape);
        value.initialize(manager, dataType, kvShape);
        output.initialize(manager, dataType, new Shape(qShape.get(0), qShape.get(1), dim));
        dropout.initialize(manager, dataType, new Shape(qShape.get(0), heads, qShape.get(1),
                kvShape.get(1)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape qShape = inputShapes[0];
        Shape kvShape = inputShapes.length > 1 ? inputShapes[1] : qShape;
        return new Shape[] {
            new Shape(qShape.get(0), qShape.get(1), dim),
            new Shape(qShape.get(0), heads, qShape.get(1), kvShape.get(1))
        };
    }

    /** Builds a {@link MultiHeadAttention}; {@code setDim} and {@code setHeads} are required. */
    public static final class Builder {

        private int dim;
        private int heads;
        private float attentionDropout;

        private Builder() {
        }

        /**
         * Sets the model width E of queries, keys, values and output.
         *
         * @param dim E, a multiple of the number of heads
         * @return this builder
         */
        public Builder setDim(int dim) {
            this.dim = Checks.positive("attention dim", dim);
            return this;
        }

        /**
         * Sets the number of heads H.
         *
         * @param heads H, dividing E
         * @return this builder
         */
        public Builder setHeads(int heads) {
            this.heads = Checks.positive("attention heads", heads);
            return this;
        }

        /**
         * Sets the dropout rate on the attention probabilities (training only).
         *
         * @param rate in [0, 1); default 0
         * @return this builder
         */
        public Builder optAttentionDropout(float rate) {
            this.attentionDropout = Checks.rate("attention dropout", rate);
            return this;
        }

        /**
         * Builds the block.
         *
         * @return a new, uninitialised block
         * @throws UserInputException if dim or heads is unset or heads does not divide dim
         */
        public MultiHeadAttention build() {
            Checks.positive("attention dim", dim);
            Checks.positive("attention heads", heads);
            if (dim % heads != 0) {
                throw new UserInputException("attention dim " + dim
                        + " must be a multiple of the number of heads " + heads);
            }
            return new MultiHeadAttention(this);
        }
    }
}
