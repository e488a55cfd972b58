package ai.braid.plugin.pcme.model;

import ai.braid.api.UserInputException;
import ai.braid.api.data.FusedOutput;
import ai.braid.api.data.Modality;
import ai.braid.api.data.TokenSequence;
import ai.braid.api.objective.LogitScale;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The PCME task head: embeds each of two modalities on its own as a Gaussian and draws
 * Monte-Carlo samples of both for the loss.
 *
 * <p>Input: a {@link FusedOutput} as an {@link NDList} that keeps each modality's tokens (the
 * {@code pool} fusion). Output, probabilistic: {@code mu_a, logsigma_a (B, D), samples_a (B, J,
 * D), mu_b, logsigma_b, samples_b, pcme_a (1), pcme_b (1)} (see {@link PcmeOutputs}), where
 * {@code samples = mu + eps * exp(logsigma)}, {@code eps ~ N(0, I)}, in training and evaluation
 * alike (the reference keeps J samples at inference). Deterministic: {@code mu_a, mu_b (B, D)}
 * and a learned {@code logit_scale (1)} for InfoNCE.
 *
 * <p>The embedders are children named after their modalities, so checkpoints read {@code
 * image.attention...} and {@code text.global...}.
 */
public final class PcmeHead extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Modality first;
    private final Modality second;
    private final ProbabilisticEmbedder firstEmbedder;
    private final ProbabilisticEmbedder secondEmbedder;
    private final List<Modality> fusionOrder;
    private final int samples;
    private final MatchScale matchScale;
    private final LogitScale logitScale;

    /**
     * Creates the head.
     *
     * @param first modality a
     * @param firstEmbedder its embedder
     * @param second modality b
     * @param secondEmbedder its embedder; probabilistic exactly when a's is
     * @param samples J, Monte-Carlo samples per embedding; unused when deterministic
     * @param matchScale the scalars a and b of the match logit; null when deterministic
     * @param fusionOrder every modality of the model in fusion order, a and b among them
     */
    public PcmeHead(Modality first, ProbabilisticEmbedder firstEmbedder, Modality second,
            ProbabilisticEmbedder secondEmbedder, int samples, MatchScale matchScale,
            List<Modality> fusionOrder) {
        super(VERSION);
        this.fusionOrder = List.copyOf(fusionOrder);
        if (!this.fusionOrder.contains(first) || !this.fusionOrder.contains(second)) {
            throw new UserInputException("the PCME head pairs '" + first + "' and '" + second
                    + "', but the model has " + fusionOrder);
        }
        this.first = Objects.requireNonNull(first, "first");
        this.second = Objects.requireNonNull(second, "second");
        if (first.equals(second)) {
            throw new IllegalArgumentException("a PCME head pairs two different modalities, got "
                    + first + " twice");
        }
        if (firstEmbedder.isProbabilistic() != secondEmbedder.isProbabilistic()
                || firstEmbedder.isProbabilistic() != (matchScale != null)) {
            throw new IllegalArgumentException("both embedders and the match scale are"
                    + " probabilistic, or none is");
        }
        this.firstEmbedder = addChildBlock(first.name(), firstEmbedder);
        this.secondEmbedder = addChildBlock(second.name(), secondEmbedder);
        this.samples = samples;
        if (matchScale != null) {
            if (samples < 1) {
                throw new IllegalArgumentException("samples must be >= 1, got " + samples);
            }
            this.matchScale = addChildBlock("match", matchScale);
            this.logitScale = null;
        } else {
            this.matchScale = null;
            this.logitScale = addChildBlock("logit_scale", new LogitScale());
        }
    }

    /**
     * Returns modality a.
     *
     * @return the first modality
     */
    public Modality first() {
        return first;
    }

    /**
     * Returns modality b.
     *
     * @return the second modality
     */
    public Modality second() {
        return second;
    }

    /**
     * Returns whether the head embeds inputs as Gaussians.
     *
     * @return true if it outputs sigma and samples
     */
    public boolean isProbabilistic() {
        return matchScale != null;
    }

    /**
     * Returns the scalars a and b of the match logit.
     *
     * @return the match scale, or empty when deterministic
     */
    public Optional<MatchScale> findMatchScale() {
        return Optional.ofNullable(matchScale);
    }

    /**
     * Returns the embedder of one modality, for embedding queries of that modality alone.
     *
     * @param modality a or b
     * @return its embedder; its input is the modality's tokens and mask
     * @throws UserInputException if the head has no such modality
     */
    public ProbabilisticEmbedder embedder(Modality modality) {
        if (modality.equals(first)) {
            return firstEmbedder;
        }
        if (modality.equals(second)) {
            return secondEmbedder;
        }
        throw new UserInputException("the PCME head embeds " + first + " and " + second
                + ", not " + modality);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        FusedOutput fused = FusedOutput.from(inputs);
        NDList a = firstEmbedder.forward(store, tokens(fused, first).toNDList(), training, params);
        NDList b = secondEmbedder.forward(store, tokens(fused, second).toNDList(), training,
                params);
        NDList outputs = new NDList();
        if (matchScale == null) {
            outputs.add(named(a.get(0), PcmeOutputs.MU_A));
            outputs.add(named(b.get(0), PcmeOutputs.MU_B));
            NDList scale = logitScale.forward(store, new NDList(a.get(0)), training, params);
            outputs.add(scale.get(scale.size() - 1));
            return outputs;
        }
        outputs.add(named(a.get(0), PcmeOutputs.MU_A));
        outputs.add(named(a.get(1), PcmeOutputs.LOG_SIGMA_A));
        outputs.add(named(sample(a.get(0), a.get(1)), PcmeOutputs.SAMPLES_A));
        outputs.add(named(b.get(0), PcmeOutputs.MU_B));
        outputs.add(named(b.get(1), PcmeOutputs.LOG_SIGMA_B));
        outputs.add(named(sample(b.get(0), b.get(1)), PcmeOutputs.SAMPLES_B));
        NDList scalars = matchScale.forward(store, new NDList(a.get(0)), training, params);
        outputs.add(named(scalars.get(0), PcmeOutputs.SCALE));
        outputs.add(named(scalars.get(1), PcmeOutputs.SHIFT));
        return outputs;
    }

    /** z_j = mu + eps_j * exp(logSigma): (B, D) twice to (B, J, D). */
    private NDArray sample(NDArray mu, NDArray logSigma) {
        Shape shape = mu.getShape();
        NDArray noise = mu.getManager().randomNormal(0f, 1f,
                new Shape(shape.get(0), samples, shape.get(1)), mu.getDataType());
        return mu.expandDims(1).add(noise.mul(logSigma.exp().expandDims(1)));
    }

    private static TokenSequence tokens(FusedOutput fused, Modality modality) {
        return fused.findModalitySequence(modality).orElseThrow(() -> new UserInputException(
                "the PCME head needs the tokens of '" + modality + "' from the fusion; use"
                        + " 'fusion: pool', which keeps each modality's tokens"));
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        firstEmbedder.initialize(manager, dataType, sequenceShapes(inputShapes, first));
        secondEmbedder.initialize(manager, dataType, sequenceShapes(inputShapes, second));
        Shape embedding = firstEmbedder.getOutputShapes(sequenceShapes(inputShapes, first))[0];
        if (matchScale != null) {
            matchScale.initialize(manager, dataType, embedding);
        } else {
            logitScale.initialize(manager, dataType, embedding);
        }
    }

    /**
     * Finds a modality's tokens and mask among the fusion's output shapes: a fused output lists
     * the modalities' token sequences last, in fusion order.
     */
    private Shape[] sequenceShapes(Shape[] fused, Modality modality) {
        int start = fused.length - 2 * fusionOrder.size() + 2 * fusionOrder.indexOf(modality);
        if (start < 1 || fused[start].dimension() != 3 || fused[start + 1].dimension() != 2) {
            throw new UserInputException("the PCME head needs each modality's tokens from the"
                    + " fusion; use 'fusion: pool', which keeps them");
        }
        return new Shape[] {fused[start], fused[start + 1]};
    }

    /**
     * Returns the output shapes in the order of the forward.
     *
     * @param inputShapes the fused output's shapes
     * @return the output shapes
     */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape embedding = firstEmbedder.getOutputShapes(sequenceShapes(inputShapes, first))[0];
        if (matchScale == null) {
            return new Shape[] {embedding, embedding, new Shape(1)};
        }
        Shape sampled = new Shape(embedding.get(0), samples, embedding.get(1));
        return new Shape[] {embedding, embedding, sampled, embedding, embedding, sampled,
            new Shape(1), new Shape(1)};
    }
}
