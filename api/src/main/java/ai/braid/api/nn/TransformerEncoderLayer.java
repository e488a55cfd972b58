package ai.braid.api.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Objects;

/**
 * One standard transformer encoder layer: masked multi-head self-attention and a feed-forward
 * network, each with dropout and a residual connection, with pre- or post-LayerNorm.
 *
 * <pre>
 * PRE:  x = x + dropout(MSA(LN1(x), mask));  x = x + dropout(FFN(LN2(x)))
 * POST: x = LN1(x + dropout(MSA(x, mask)));  x = LN2(x + dropout(FFN(x)))
 * </pre>
 *
 * <p>Input {@code [x (B, L, E), mask (B, L)]} (the mask may be left out when nothing is
 * padded). Output {@code [x (B, L, E), mask (B, L), probs (B, H, L, L)]}; the mask is passed
 * through (a ones mask of x's dtype when none was given) so layers chain. Padded tokens are
 * never attended to, so they do not change real positions; their own rows are computed but
 * meaningless. LayerNorms normalise over the last axis only.
 */
public final class TransformerEncoderLayer extends AbstractBlock {

    private static final byte VERSION = 1;
    static final String NAME = "TransformerEncoderLayer";

    private final NormPlacement placement;
    private final float dropoutRate;
    private final MultiHeadAttention attention;
    private final LayerNorm attentionNorm;
    private final FeedForward feedForward;
    private final LayerNorm feedForwardNorm;
    private final Dropout dropout;

    private TransformerEncoderLayer(Builder builder) {
        super(VERSION);
        this.placement = builder.placement;
        this.dropoutRate = builder.dropout;
        this.attention = addChildBlock("attention", MultiHeadAttention.builder()
                .setDim(builder.dim).setHeads(builder.heads)
                .optAttentionDropout(builder.attentionDropout).build());
        this.attentionNorm = addChildBlock("attentionNorm", lastAxisNorm());
        this.feedForward = addChildBlock("feedForward",
                new FeedForward(builder.dim, builder.ffnDim, builder.activation, builder.dropout));
        this.feedForwardNorm = addChildBlock("feedForwardNorm", lastAxisNorm());
        this.dropout = addChildBlock("dropout", Dropout.builder().optRate(dropoutRate).build());
    }

    /** LayerNorm over E of a (B, L, E) input; DJL's default would normalise (L, E). */
    static LayerNorm lastAxisNorm() {
        return LayerNorm.builder().axis(2).build();
    }

    /**
     * Starts a builder.
     *
     * @return a builder that needs {@code setDim}, {@code setHeads} and {@code setFfnDim}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns where this layer puts its LayerNorms.
     *
     * @return PRE or POST
     */
    public NormPlacement placement() {
        return placement;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        Checks.inputCount(NAME, inputs, 1, 2, "[x (B, L, E), mask (B, L)]");
        NDArray x = inputs.get(0);
        Shape shape = Checks.rank(NAME, "x", x, 3, "(B, L, E)");
        NDArray mask = inputs.size() > 1 ? inputs.get(1) : x.getManager().ones(
                new Shape(shape.get(0), shape.get(1)), x.getDataType());
        NDArray probs;
        if (placement == NormPlacement.PRE) {
            NDArray h = forward(attentionNorm, store, x, training, params);
            NDList attended = attention.forward(store, new NDList(h, h, mask), training, params);
            probs = attended.get(1);
            x = x.add(residual(store, attended.get(0), training, params));
            h = forward(feedForwardNorm, store, x, training, params);
            x = x.add(residual(store, forward(feedForward, store, h, training, params), training,
                    params));
        } else {
            NDList attended = attention.forward(store, new NDList(x, x, mask), training, params);
            probs = attended.get(1);
            x = forward(attentionNorm, store,
                    x.add(residual(store, attended.get(0), training, params)), training, params);
            NDArray f = forward(feedForward, store, x, training, params);
            x = forward(feedForwardNorm, store, x.add(residual(store, f, training, params)),
                    training, params);
        }
        return new NDList(x, mask, probs);
    }

    private NDArray residual(ParameterStore store, NDArray branch, boolean training,
            PairList<String, Object> params) {
        if (dropoutRate == 0f) {
            return branch;
        }
        return forward(dropout, store, branch, training, params);
    }

    static NDArray forward(Block block, ParameterStore store, NDArray x, boolean training,
            PairList<String, Object> params) {
        return block.forward(store, new NDList(x), training, params).head();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        Shape mask = new Shape(x.get(0), x.get(1));
        attention.initialize(manager, dataType, x, x, mask);
        attentionNorm.initialize(manager, dataType, x);
        feedForward.initialize(manager, dataType, x);
        feedForwardNorm.initialize(manager, dataType, x);
        dropout.initialize(manager, dataType, x);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {
            x, new Shape(x.get(0), x.get(1)), attention.getOutputShapes(new Shape[] {x, x})[1]
        };
    }

    /**
     * Builds a {@link TransformerEncoderLayer}. {@code setDim}, {@code setHeads} and {@code
     * setFfnDim} are required. One builder can build many independent layers.
     */
    public static final class Builder {

        private int dim;
        private int heads;
        private int ffnDim;
        private float dropout = 0.1f;
        private float attentionDropout;
        private ActivationKind activation = ActivationKind.GELU;
        private NormPlacement placement = NormPlacement.PRE;

        private Builder() {
        }

        /**
         * Sets the model width E.
         *
         * @param dim E, a multiple of the number of heads
         * @return this builder
         */
        public Builder setDim(int dim) {
            this.dim = Checks.positive("encoder dim", dim);
            return this;
        }

        /**
         * Sets the number of attention heads H.
         *
         * @param heads H
         * @return this builder
         */
        public Builder setHeads(int heads) {
            this.heads = Checks.positive("encoder heads", heads);
            return this;
        }

        /**
         * Sets the inner width of the feed-forward network.
         *
         * @param ffnDim usually 4 E
         * @return this builder
         */
        public Builder setFfnDim(int ffnDim) {
            this.ffnDim = Checks.positive("encoder ffn dim", ffnDim);
            return this;
        }

        /**
         * Sets the dropout rate on both residual branches and inside the feed-forward network.
         *
         * @param rate in [0, 1); default 0.1
         * @return this builder
         */
        public Builder optDropout(float rate) {
            this.dropout = Checks.rate("encoder dropout", rate);
            return this;
        }

        /**
         * Sets the dropout rate on the attention probabilities.
         *
         * @param rate in [0, 1); default 0
         * @return this builder
         */
        public Builder optAttentionDropout(float rate) {
            this.attentionDropout = Checks.rate("encoder attention dropout", rate);
            return this;
        }

        /**
         * Sets the feed-forward non-linearity.
         *
         * @param activation default {@link ActivationKind#GELU}
         * @return this builder
         */
        public Builder optActivation(ActivationKind activation) {
            this.activation = Objects.requireNonNull(activation, "activation");
            return this;
        }

        /**
         * Sets where the LayerNorms go.
         *
         * @param placement default {@link NormPlacement#PRE}
         * @return this builder
         */
        public Builder optNormPlacement(NormPlacement placement) {
            this.placement = Objects.requireNonNull(placement, "placement");
            return this;
        }

        NormPlacement placement() {
            return placement;
        }

        int dim() {
            return dim;
        }

        /**
         * Builds a new layer with fresh parameters.
         *
         * @return a new, uninitialised layer
         * @throws ai.braid.api.UserInputException if a required option is unset or heads does
         *     not divide dim
         */
        public TransformerEncoderLayer build() {
            Checks.positive("encoder dim", dim);
            Checks.positive("encoder heads", heads);
            Checks.positive("encoder ffn dim", ffnDim);
            return new TransformerEncoderLayer(this);
        }
    }
}
