package ai.braid.api.nn;

import ai.braid.api.UserInputException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A multiway transformer layer (VLMo style): self-attention shared by all tokens, then one
 * feed-forward expert per token chosen by that token's expert index.
 *
 * <pre>
 * x   = x + g1 * dropout(MSA(LN(x), mask))              all tokens, shared parameters
 * x_m = x_m + g2 * dropout(FFN_m(LN_m(x_m)))            tokens whose expertIndex is m
 * </pre>
 *
 * <p>Input {@code [x (B, L, E), mask (B, L), expertIndex (B, L)]}, or a per-query mask (B, L,
 * L) as {@link MultiHeadAttention} takes it; expertIndex holds integers
 * in [0, experts) (any integer or floating dtype). Output {@code [x (B, L, E), mask (B, L),
 * expertIndex (B, L), probs (B, H, L, L)]}. Routing is by index only; which modality an index
 * stands for is the caller's business.
 *
 * <p>Computation: the expert indices are read to the host once per call, tokens are gathered
 * into one contiguous group per expert (a stable counting sort of the B&times;L tokens), each
 * expert runs once on its own group only, and the results are scattered back by the inverse
 * permutation (a gather). So every token goes through exactly one expert, and an expert with
 * no tokens in the batch is skipped and gets no gradient. The gathers are differentiable.
 *
 * <p>A shared layer (see {@link Builder#optSharedExpert}) has one expert for all tokens and
 * ignores expertIndex, which it still passes through. With layer scale on, g1 and g2 are
 * trainable per-channel vectors (E); with it off both are 1.
 */
public final class MultiwayEncoderLayer extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final String NAME = "MultiwayEncoderLayer";

    private final int dim;
    private final boolean shared;
    private final float dropoutRate;
    private final LayerNorm attentionNorm;
    private final MultiHeadAttention attention;
    private final Dropout dropout;
    private final List<ExpertFeedForward> experts;
    private final Parameter attentionScale;
    private final Parameter feedForwardScale;

    private MultiwayEncoderLayer(Builder builder, boolean shared) {
        super(VERSION);
        this.dim = builder.dim;
        this.shared = shared;
        this.dropoutRate = builder.dropout;
        this.attentionNorm = addChildBlock("attentionNorm", TransformerEncoderLayer.lastAxisNorm());
        this.attention = addChildBlock("attention", MultiHeadAttention.builder()
                .setDim(builder.dim).setHeads(builder.heads)
                .optAttentionDropout(builder.attentionDropout).build());
        this.dropout = addChildBlock("dropout", Dropout.builder().optRate(dropoutRate).build());
        int count = shared ? 1 : builder.experts;
        List<ExpertFeedForward> built = new ArrayList<>(count);
        for (int e = 0; e < count; e++) {
            built.add(addChildBlock(shared ? "sharedExpert" : "expert" + e, new ExpertFeedForward(
                    builder.dim, builder.ffnDim, builder.activation, builder.dropout)));
        }
        this.experts = Collections.unmodifiableList(built);
        if (builder.layerScale != null) {
            this.attentionScale = addParameter(scale("attentionScale", builder));
            this.feedForwardScale = addParameter(scale("feedForwardScale", builder));
        } else {
            this.attentionScale = null;
            this.feedForwardScale = null;
        }
    }

    private static Parameter scale(String name, Builder builder) {
        return Parameter.builder().setName(name).setType(Parameter.Type.OTHER)
                .optShape(new Shape(builder.dim))
                .optInitializer(new ConstantInitializer(builder.layerScale)).build();
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
     * Tells whether this layer uses one shared expert for all tokens.
     *
     * @return true for a shared layer
     */
    public boolean isShared() {
        return shared;
    }

    /**
     * Returns the number of experts of this layer.
     *
     * @return 1 for a shared layer, otherwise the configured number of experts
     */
    public int expertCount() {
        return experts.size();
    }

    /**
     * Returns one expert, {@code FFN_m(LN_m(.))}, for example to inspect or load its parameters.
     *
     * @param expert m in [0, expertCount())
     * @return the expert's block
     */
    public Block expert(int expert) {
        return experts.get(checkExpert(expert));
    }

    /**
     * Freezes or unfreezes one expert's parameters (its LayerNorm and feed-forward network):
     * a frozen expert gets no gradient and the optimizer leaves it unchanged.
     *
     * @param expert m in [0, expertCount()); 0 is the shared expert of a shared layer
     * @param freeze true to freeze, false to make it trainable again
     */
    public void freezeExpert(int expert, boolean freeze) {
        experts.get(checkExpert(expert)).freezeParameters(freeze);
    }

    /**
     * Freezes or unfreezes the attention branch that all tokens share: its LayerNorm, the
     * attention projections and, with layer scale on, g1. The feed-forward scale g2 belongs to
     * no single expert and stays as it is.
     *
     * @param freeze true to freeze, false to make it trainable again
     */
    public void freezeAttention(boolean freeze) {
        attentionNorm.freezeParameters(freeze);
        attention.freezeParameters(freeze);
        if (attentionScale != null) {
            attentionScale.freeze(freeze);
        }
    }

    private int checkExpert(int expert) {
        if (expert < 0 || expert >= experts.size()) {
            throw new UserInputException("expert " + expert + " does not exist: this layer has "
                    + experts.size() + (shared ? " (shared)" : "") + " expert(s)");
        }
        return expert;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        Checks.inputCount(NAME, inputs, 3, 3,
                "[x (B, L, E), mask (B, L), expertIndex (B, L)]");
        NDArray x = inputs.get(0);
        NDArray mask = inputs.get(1);
        NDArray expertIndex = inputs.get(2);
        Shape shape = Checks.rank(NAME, "x", x, 3, "(B, L, E)");
        Checks.lastAxis(NAME, "x", shape, dim);
        if (!expertIndex.getShape().equals(new Shape(shape.get(0), shape.get(1)))) {
            throw new UserInputException(NAME + ": expertIndex must be (B, L) = (" + shape.get(0)
                    + ", " + shape.get(1) + "), got " + expertIndex.getShape());
        }

        NDArray h = TransformerEncoderLayer.forward(attentionNorm, store, x, training, params);
        NDList attended = attention.forward(store, new NDList(h, h, mask), training, params);
        x = x.add(scaled(store, attentionScale, residual(store, attended.get(0), training, params),
                training));

        NDArray expertOut = shared
                ? TransformerEncoderLayer.forward(experts.get(0), store, x, training, params)
                : routed(store, x, expertIndex, training, params);
        x = x.add(scaled(store, feedForwardScale, residual(store, expertOut, training, params),
                training));
        return new NDList(x, mask, expertIndex, attended.get(1));
    }

    /** Runs each token through the expert named by its index, see the class comment. */
    private NDArray routed(ParameterStore store, NDArray x, NDArray expertIndex, boolean training,
            PairList<String, Object> params) {
        Shape shape = x.getShape();
        int tokens = Math.toIntExact(shape.get(0) * shape.get(1));
        long[] index = expertIndex.toType(DataType.INT64, false).toLongArray();
        int[] counts = new int[experts.size()];
        for (int i = 0; i < tokens; i++) {
            long e = index[i];
            if (e < 0 || e >= experts.size()) {
                throw new UserInputException(NAME + ": expertIndex at (" + i / shape.get(1) + ", "
                        + i % shape.get(1) + ") is " + e + ", expected an integer in [0, "
                        + experts.size() + ")");
            }
            counts[(int) e]++;
        }
        for (int e = 0; e < counts.length; e++) {
            if (counts[e] == tokens) {
                return TransformerEncoderLayer.forward(experts.get(e), store, x, training, params);
            }
        }
        int[] next = new int[counts.length];
        for (int e = 1; e < counts.length; e++) {
            next[e] = next[e - 1] + counts[e - 1];
        }
        long[] order = new long[tokens];
        long[] inverse = new long[tokens];
        for (int i = 0; i < tokens; i++) {
            int position = next[(int) index[i]]++;
            order[position] = i;
            inverse[i] = position;
        }
        NDManager manager = x.getManager();
        NDArray sorted = x.reshape(tokens, dim).get(manager.create(order));
        NDList outputs = new NDList();
        int start = 0;
        for (int e = 0; e < counts.length; e++) {
            if (counts[e] == 0) {
                continue;
            }
            NDArray group = sorted.get(start + ":" + (start + counts[e])).reshape(1, counts[e], dim);
            outputs.add(TransformerEncoderLayer.forward(experts.get(e), store, group, training,
                    params).reshape(counts[e], dim));
            start += counts[e];
        }
        NDArray joined = NDArrays.concat(outputs, 0);
        return joined.get(manager.create(inverse)).reshape(shape);
    }

    private NDArray residual(ParameterStore store, NDArray branch, boolean training,
            PairList<String, Object> params) {
        if (dropoutRate == 0f) {
            return branch;
        }
        return TransformerEncoderLayer.forward(dropout, store, branch, training, params);
    }

    private static NDArray scaled(ParameterStore store, Parameter scale, NDArray branch,
            boolean training) {
        if (scale == null) {
            return branch;
        }
        return branch.mul(store.getValue(scale, branch.getDevice(), training));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        Shape mask = new Shape(x.get(0), x.get(1));
        attentionNorm.initialize(manager, dataType, x);
        attention.initialize(manager, dataType, x, x, mask);
        dropout.initialize(manager, dataType, x);
        for (ExpertFeedForward expert : experts) {
            expert.initialize(manager, dataType, x);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        Shape mask = new Shape(x.get(0), x.get(1));
        return new Shape[] {x, mask, mask, attention.getOutputShapes(new Shape[] {x, x})[1]};
    }

    /**
     * Builds a {@link MultiwayEncoderLayer}. {@code setDim}, {@code setHeads} and {@code
     * setFfnDim} are required. One builder can build many independent layers.
     */
    public static final class Builder {

        private int dim;
        private int heads;
        private int ffnDim;
        private int experts = 2;
        private boolean sharedExpert;
        private Float layerScale;
        private float dropout = 0.1f;
        private float attentionDropout;
        private ActivationKind activation = ActivationKind.GELU;

        private Builder() {
        }

        /**
         * Sets the model width E.
         *
         * @param dim E, a multiple of the number of heads
         * @return this builder
         */
        public Builder setDim(int dim) {
            this.dim = Checks.positive("multiway dim", dim);
            return this;
        }

        /**
         * Sets the number of attention heads H.
         *
         * @param heads H
         * @return this builder
         */
        public Builder setHeads(int heads) {
            this.heads = Checks.positive("multiway heads", heads);
            return this;
        }

        /**
         * Sets the inner width of every expert's feed-forward network.
         *
         * @param ffnDim usually 4 E
         * @return this builder
         */
        public Builder setFfnDim(int ffnDim) {
            this.ffnDim = Checks.positive("multiway ffn dim", ffnDim);
            return this;
        }

        /**
         * Sets the number of routed experts; expertIndex values must lie in [0, experts).
         *
         * @param experts default 2
         * @return this builder
         */
        public Builder optExperts(int experts) {
            this.experts = Checks.positive("multiway experts", experts);
            return this;
        }

        /**
         * Makes the layer use one shared expert for every token, ignoring expertIndex.
         *
         * @param sharedExpert default false
         * @return this builder
         */
        public Builder optSharedExpert(boolean sharedExpert) {
            this.sharedExpert = sharedExpert;
            return this;
        }

        /**
         * Turns on layer scale: trainable per-channel g1, g2 starting at {@code init}.
         *
         * @param init the initial value of every entry of g1 and g2, for example 0.1
         * @return this builder
         */
        public Builder optLayerScale(float init) {
            if (!(init > 0f) || Float.isInfinite(init)) {
                throw new UserInputException("layer scale init must be a positive number, got "
                        + init);
            }
            this.layerScale = init;
            return this;
        }

        /**
         * Sets the dropout rate on both residual branches and inside the feed-forward networks.
         *
         * @param rate in [0, 1); default 0.1
         * @return this builder
         */
        public Builder optDropout(float rate) {
            this.dropout = Checks.rate("multiway dropout", rate);
            return this;
        }

        /**
         * Sets the dropout rate on the attention probabilities.
         *
         * @param rate in [0, 1); default 0
         * @return this builder
         */
        public Builder optAttentionDropout(float rate) {
            this.attentionDropout = Checks.rate("multiway attention dropout", rate);
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

        int experts() {
            return experts;
        }

        /**
         * Builds a new layer with fresh parameters.
         *
         * @return a new, uninitialised layer
         */
        public MultiwayEncoderLayer build() {
            return build(sharedExpert);
        }

        /** Builds a layer, shared or routed regardless of {@link #optSharedExpert}. */
        MultiwayEncoderLayer build(boolean shared) {
            Checks.positive("multiway dim", dim);
            Checks.positive("multiway heads", heads);
            Checks.positive("multiway ffn dim", ffnDim);
            return new MultiwayEncoderLayer(this, shared);
        }
    }
}
