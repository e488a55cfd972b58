package ai.braid.plugin.pcme.model;

import ai.braid.api.nn.AttentionPooling;
import ai.braid.api.nn.BidirectionalGru;
import ai.braid.api.nn.MaskedMeanPooling;
import ai.braid.api.nn.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * Embeds one modality's token sequence as a Gaussian N(mu, diag(sigma^2)) in R^D, PCME's
 * per-modality head (Chun et al. 2021).
 *
 * <p>With g the global feature (the masked mean of the tokens, or of a bidirectional GRU's
 * states over them when the embedder is contextual) and attnpool an additive attention pooling
 * over the tokens:
 *
 * <pre>
 *   mu       = l2normalise( LayerNorm( Linear(g) + sigmoid(Linear(attnpool(h))) ) )
 *   logSigma = Linear(attnpool'(h)) + Linear(g)
 * </pre>
 *
 * <p>sigma has no sigmoid, norm or normalisation (the reference's {@code no_sigma_ln}). A
 * deterministic embedder has the mu branch only, the same encoder as PCME's
 * deterministic baseline.
 *
 * <p>Input {@code [tokens (B, L, E), mask (B, L)]}. Output {@code [mu (B, D), logSigma (B, D)]},
 * or {@code [mu (B, D)]} when deterministic.
 */
public final class ProbabilisticEmbedder extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final float NORM_FLOOR = 1e-12f;

    private final int dimension;
    private final boolean probabilistic;
    private final BidirectionalGru context;
    private final Linear global;
    private final AttentionPooling attention;
    private final Linear local;
    private final LayerNorm norm;
    private final AttentionPooling sigmaAttention;
    private final Linear sigmaLocal;
    private final Linear sigmaGlobal;

    /**
     * Creates the embedder.
     *
     * @param dimension D, the embedding width; even when contextual
     * @param attentionHidden the width of the attention pooling's tanh layer
     * @param contextual whether the global feature comes from a bidirectional GRU (D / 2 per
     *     direction) over the tokens, as in PCME's caption encoder
     * @param probabilistic whether to add the sigma branch
     * @param initialSigma sigma at initialisation (the bias of the sigma branch starts at its
     *     log); unused when deterministic
     */
    public ProbabilisticEmbedder(int dimension, int attentionHidden, boolean contextual,
            boolean probabilistic, float initialSigma) {
        super(VERSION);
        if (dimension < 1 || (contextual && dimension % 2 != 0)) {
            throw new IllegalArgumentException("embedding width must be positive (and even for a"
                    + " contextual embedder), got " + dimension);
        }
        this.dimension = dimension;
        this.probabilistic = probabilistic;
        this.context = contextual ? addChildBlock("context", new BidirectionalGru(dimension / 2, 1))
                : null;
        this.global = addChildBlock("global", linear(dimension));
        this.attention = addChildBlock("attention", new AttentionPooling(attentionHidden));
        this.local = addChildBlock("local", linear(dimension));
        this.norm = addChildBlock("norm", LayerNorm.builder().axis(1).build());
        if (probabilistic) {
            this.sigmaAttention = addChildBlock("sigma_attention",
                    new AttentionPooling(attentionHidden));
            this.sigmaLocal = addChildBlock("sigma_local", linear(dimension));
            this.sigmaGlobal = addChildBlock("sigma_global", linear(dimension));
            if (!(initialSigma > 0)) {
                throw new IllegalArgumentException("initial sigma must be positive, got "
                        + initialSigma);
            }
            // Unit sigma at the start would bury the means' signal under sampling noise of
            // norm sqrt(D) while the means are at most 2 apart.
            sigmaGlobal.setInitializer(new ConstantInitializer((float) Math.log(initialSigma)),
                    Parameter.Type.BIAS);
        } else {
            this.sigmaAttention = null;
            this.sigmaLocal = null;
            this.sigmaGlobal = null;
        }
    }

    private static Linear linear(int units) {
        return Linear.builder().setUnits(units).build();
    }

    /**
     * Returns whether the embedder has a sigma branch.
     *
     * @return true if it outputs log sigma
     */
    public boolean isProbabilistic() {
        return probabilistic;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray tokens = inputs.get(0);
        NDArray mask = inputs.get(1);
        NDArray globalFeature = globalFeature(store, tokens, mask, training, params);
        NDArray x = forward(global, store, globalFeature, training, params);
        NDArray pooled = attention.forward(store, new NDList(tokens, mask), training, params)
                .head();
        NDArray mixed = x.add(Activation.sigmoid(forward(local, store, pooled, training, params)));
        NDArray mu = l2Normalise(forward(norm, store, mixed, training, params));
        if (!probabilistic) {
            return new NDList(mu);
        }
        NDArray sigmaPooled = sigmaAttention.forward(store, new NDList(tokens, mask), training,
                params).head();
        NDArray logSigma = forward(sigmaLocal, store, sigmaPooled, training, params)
                .add(forward(sigmaGlobal, store, globalFeature, training, params));
        return new NDList(mu, logSigma);
    }

    private NDArray globalFeature(ParameterStore store, NDArray tokens, NDArray mask,
            boolean training, PairList<String, Object> params) {
        NDArray states = context == null ? tokens
                : context.forward(store, new NDList(tokens, mask), training, params).head();
        return MaskedMeanPooling.pool(states, mask);
    }

    private static NDArray forward(AbstractBlock block, ParameterStore store, NDArray x,
            boolean training, PairList<String, Object> params) {
        return block.forward(store, new NDList(x), training, params).head();
    }

    private static NDArray l2Normalise(NDArray x) {
        NDArray length = Scalars.maximum(x.square().sum(new int[] {1}, true).sqrt(), NORM_FLOOR);
        return x.div(length);
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape tokens = inputShapes[0];
        Shape mask = inputShapes[1];
        long batch = tokens.get(0);
        Shape globalFeature = new Shape(batch, tokens.get(2));
        if (context != null) {
            context.initialize(manager, dataType, tokens, mask);
            globalFeature = new Shape(batch, dimension);
        }
        Shape embedding = new Shape(batch, dimension);
        Shape pooled = new Shape(batch, tokens.get(2));
        global.initialize(manager, dataType, globalFeature);
        attention.initialize(manager, dataType, tokens, mask);
        local.initialize(manager, dataType, pooled);
        norm.initialize(manager, dataType, embedding);
        if (probabilistic) {
            sigmaAttention.initialize(manager, dataType, tokens, mask);
            sigmaLocal.initialize(manager, dataType, pooled);
            sigmaGlobal.initialize(manager, dataType, globalFeature);
        }
    }

    /**
     * Returns {@code [mu (B, D), logSigma (B, D)]}, or {@code [mu (B, D)]} when deterministic.
     *
     * @param inputShapes {@code [tokens (B, L, E), mask (B, L)]}
     * @return the output shapes
     */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape embedding = new Shape(inputShapes[0].get(0), dimension);
        return probabilistic ? new Shape[] {embedding, embedding} : new Shape[] {embedding};
    }
}
