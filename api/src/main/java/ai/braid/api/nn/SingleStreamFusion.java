package ai.braid.api.nn;

import ai.braid.api.UserInputException;
import ai.braid.api.data.FusedOutput;
import ai.braid.api.data.Modality;
import ai.braid.api.data.TokenSequence;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Base of single-stream fusion blocks: the tokens of all modalities become one sequence behind a
 * learned fusion [CLS] token, a subclass's encoder runs over it, and the result is packed as a
 * {@link FusedOutput}.
 *
 * <p>Input: {@code [emb_1 (B, L_1, D_1), mask_1 (B, L_1), emb_2, mask_2, ...]} in the order of
 * the modality list. Each modality's tokens are projected to {@code dim} by a {@link Linear}
 * when {@code D_m != dim}, and get the learned type embedding of their position m in the list
 * (never of their name). The encoder receives the sequence {@code [CLS; tokens_1; tokens_2;
 * ...]} (B, L, dim) of length {@code L = 1 + sum L_m} with its mask {@code [1; mask_1; mask_2;
 * ...]} (B, L).
 *
 * <p>Output: a {@link FusedOutput} as an {@link NDList}, in this order: {@code pooled (B, dim)}
 * (the final [CLS], or the mean of the real tokens; see {@link TokenPooling}), {@code sequence
 * (B, L, dim)}, {@code mask (B, L)}, {@code attention.<i> (B, H, L, L)} for each encoder layer
 * i, and {@code pooled.<modality> (B, dim)}, the masked mean of that modality's slice of the
 * final sequence (zeros for a sample without real token), then, when the encoder returns
 * attention maps, the extra {@value FusedOutput#POOLING_WEIGHTS} (B, L), how the pooled vector
 * weighs the positions ({@link TokenPooling#weights}), followed by a subclass's {@linkplain
 * #extraOutputs extras}, if any.
 *
 * <p>Parameters, in the order they are registered (the order of a checkpoint's arrays): the
 * children {@code projection<m>} (only for modalities whose width differs from {@code dim}),
 * then the parameters {@code typeEmbeddings} (M, dim) and {@code cls} (1, 1, dim), both drawn
 * from N(0, 0.02^2) as in BERT. A subclass registers its encoder after this constructor.
 */
public abstract class SingleStreamFusion extends AbstractBlock {

    /** Standard deviation of the initial [CLS] and type embeddings, as in BERT. */
    private static final float EMBEDDING_INIT_SIGMA = 0.02f;

    private final String name;
    private final List<Modality> modalities;
    private final int[] widths;
    private final int dim;
    private final Linear[] projections;
    private final Parameter typeEmbeddings;
    private final Parameter cls;
    private final TokenPooling pooling;

    /**
     * Registers the projections, the type embeddings and the [CLS] token; the pooled vector is
     * the final [CLS].
     *
     * @param version the subclass's block version, written into checkpoints
     * @param name how error messages call the block, e.g. "transformer fusion"
     * @param modalities the modalities in the order their sequences arrive, at least one
     * @param widths each modality's token width D_m, as its projector declared
     * @param dim the width of the fused tokens
     * @throws IllegalArgumentException if a modality has no width or the list is empty
     */
    protected SingleStreamFusion(byte version, String name, List<Modality> modalities,
            Map<Modality, Integer> widths, int dim) {
        this(version, name, modalities, widths, dim, TokenPooling.CLS);
    }

    /**
     * Registers the projections, the type embeddings and the [CLS] token.
     *
     * @param version the subclass's block version, written into checkpoints
     * @param name how error messages call the block, e.g. "transformer fusion"
     * @param modalities the modalities in the order their sequences arrive, at least one
     * @param widths each modality's token width D_m, as its projector declared
     * @param dim the width of the fused tokens
     * @param pooling how the last layer becomes the pooled vector
     * @throws IllegalArgumentException if a modality has no width or the list is empty
     */
    protected SingleStreamFusion(byte version, String name, List<Modality> modalities,
            Map<Modality, Integer> widths, int dim, TokenPooling pooling) {
        super(version);
        this.pooling = Objects.requireNonNull(pooling, "pooling");
        this.name = Objects.requireNonNull(name, "name");
        this.modalities = List.copyOf(modalities);
        this.dim = Checks.positive(name + " dim", dim);
        if (this.modalities.isEmpty()) {
            throw new IllegalArgumentException(name + " needs at least one modality");
        }
        this.widths = new int[this.modalities.size()];
        this.projections = new Linear[this.widths.length];
        for (int m = 0; m < this.widths.length; m++) {
            Integer width = widths.get(this.modalities.get(m));
            if (width == null) {
                throw new IllegalArgumentException("no width given for modality '"
                        + this.modalities.get(m) + "'; widths: " + widths);
            }
            this.widths[m] = width;
            if (width != dim) {
                projections[m] = addChildBlock("projection" + m,
                        Linear.builder().setUnits(dim).build());
            }
        }
        this.typeEmbeddings = addParameter(embedding("typeEmbeddings",
                new Shape(this.widths.length, dim)));
        this.cls = addParameter(embedding("cls", new Shape(1, 1, dim)));
    }

    /** Type OTHER keeps this initialiser even when a training config sets one for weights. */
    private static Parameter embedding(String name, Shape shape) {
        return Parameter.builder().setName(name).setType(Parameter.Type.OTHER)
                .optShape(shape)
                .optInitializer(new NormalInitializer(EMBEDDING_INIT_SIGMA))
                .build();
    }

    /**
     * Returns how the last layer becomes the pooled vector, for a subclass whose extra passes
     * pool the same way.
     *
     * @return the pooling
     */
    protected final TokenPooling pooling() {
        return pooling;
    }

    /**
     * Returns the modalities in input order.
     *
     * @return an unmodifiable list
     */
    public List<Modality> modalities() {
        return modalities;
    }

    /**
     * Returns the width of the fused tokens.
     *
     * @return dim
     */
    public int dim() {
        return dim;
    }

    /**
     * Runs the encoder over the joint sequence.
     *
     * @param store the parameter store of this forward pass
     * @param tokens (B, L, dim) the [CLS] token at position 0, then each modality's tokens
     * @param mask (B, L) 1 for the [CLS] and real tokens, 0 for padding
     * @param lengths L_m of each modality in input order; modality m occupies positions {@code
     *     1 + L_1 + ... + L_(m-1)} up to, not including, {@code 1 + L_1 + ... + L_m}
     * @param training whether this is a training pass
     * @param params extra forward parameters, passed on
     * @return {@code [sequence (B, L, dim), attention_1 (B, H, L, L), ..., attention_N]}
     */
    protected abstract NDList encode(ParameterStore store, NDArray tokens, NDArray mask,
            long[] lengths, boolean training, PairList<String, Object> params);

    /**
     * Computes further named outputs from the joint sequence, for example passes of the encoder
     * over altered copies of it (a pre-training fusion's unimodal pass and hard negatives). They
     * follow the standard parts and the pooling weights as {@link FusedOutput#extras()}; none
     * may be named {@value FusedOutput#POOLING_WEIGHTS}. None by default.
     *
     * @param store the parameter store of this forward pass
     * @param tokens (B, L, dim) the joint sequence {@link #encode} received
     * @param mask (B, L) its mask
     * @param lengths L_m of each modality in input order
     * @param sequence (B, L, dim) what {@link #encode} returned for it
     * @param training whether this is a training pass
     * @param params extra forward parameters
     * @return named arrays in the order of {@link #extraOutputShapes}; empty by default
     */
    protected Map<String, NDArray> extraOutputs(ParameterStore store, NDArray tokens,
            NDArray mask, long[] lengths, NDArray sequence, boolean training,
            PairList<String, Object> params) {
        return Map.of();
    }

    /**
     * Returns the shapes of {@link #extraOutputs}, in their order.
     *
     * @param fused (B, L, dim), the shape of the joint sequence
     * @param lengths L_m of each modality in input order
     * @return one shape per extra; empty by default
     */
    protected List<Shape> extraOutputShapes(Shape fused, long[] lengths) {
        return List.of();
    }

    /**
     * Pools each modality's slice of a sequence: the masked mean of its tokens.
     *
     * @param sequence (B, L, dim) a sequence laid out as the joint one
     * @param mask (B, L) its mask
     * @param lengths L_m of each modality in input order
     * @return per modality in input order, (B, dim); zeros for a sample without real token
     */
    protected final Map<Modality, NDArray> poolModalities(NDArray sequence, NDArray mask,
            long[] lengths) {
        Map<Modality, NDArray> pooled = new LinkedHashMap<>();
        long start = 1;
        for (int m = 0; m < widths.length; m++) {
            long end = start + lengths[m];
            pooled.put(modalities.get(m), MaskedMeanPooling.pool(
                    sequence.get(new NDIndex(":, {}:{}, :", start, end)),
                    mask.get(new NDIndex(":, {}:{}", start, end))));
            start = end;
        }
        return pooled;
    }

    /**
     * Initialises the encoder.
     *
     * @param manager the manager of the parameters
     * @param dataType their data type
     * @param fused (B, L, dim), the shape of the joint sequence
     */
    protected abstract void initializeEncoder(NDManager manager, DataType dataType, Shape fused);

    /**
     * Returns the shapes of the attention maps {@link #encode} returns.
     *
     * @param fused (B, L, dim), the shape of the joint sequence
     * @return one (B, H, L, L) per encoder layer
     */
    protected abstract List<Shape> attentionShapes(Shape fused);

    @Override
    protected final NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        checkInputCount(inputs.size());
        NDArray first = inputs.get(0);
        NDManager manager = first.getManager();
        DataType type = first.getDataType();
        long batch = first.getShape().get(0);
        // Parameters enter as the second operand of an op on a step array, so every
        // result belongs to the step's manager rather than the model's.
        NDArray types = manager.zeros(new Shape(widths.length, dim), type)
                .add(store.getValue(typeEmbeddings, first.getDevice(), training));
        NDList tokens = new NDList(manager.zeros(new Shape(batch, 1, dim), type)
                .add(store.getValue(cls, first.getDevice(), training)));
        NDList masks = new NDList(manager.ones(new Shape(batch, 1), type));
        long[] lengths = new long[widths.length];
        for (int m = 0; m < widths.length; m++) {
            TokenSequence sequence = TokenSequence.from(inputs, 2 * m);
            checkWidth(m, sequence.dim());
            lengths[m] = sequence.length();
            NDArray x = sequence.embeddings();
            if (projections[m] != null) {
                x = projections[m].forward(store, new NDList(x), training, params).head();
            }
            tokens.add(x.add(types.get(m)));
            masks.add(sequence.mask().toType(type, false));
        }
        NDArray mask = NDArrays.concat(masks, 1);
        NDArray fusedTokens = NDArrays.concat(tokens, 1);
        NDList encoded = encode(store, fusedTokens, mask, lengths, training, params);
        NDArray sequence = encoded.get(0);
        List<NDArray> attention = new ArrayList<>(encoded.subList(1, encoded.size()));
        Map<Modality, NDArray> modalityPooled = poolModalities(sequence, mask, lengths);
        NDArray pooled = pooling.pool(sequence, mask);
        Map<String, NDArray> extras = new LinkedHashMap<>();
        if (!attention.isEmpty()) {
            // Only figures of the attention read the weights, so they come with it.
            extras.put(FusedOutput.POOLING_WEIGHTS, pooling.weights(mask));
        }
        Map<String, NDArray> own = extraOutputs(store, fusedTokens, mask, lengths, sequence,
                training, params);
        if (own.containsKey(FusedOutput.POOLING_WEIGHTS)) {
            throw new IllegalStateException(name + " names an extra output '"
                    + FusedOutput.POOLING_WEIGHTS + "', which this base class gives");
        }
        extras.putAll(own);
        return new FusedOutput(pooled, sequence, mask, attention, modalityPooled, Map.of(),
                extras).toNDList();
    }

    @Override
    protected final void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        checkInputCount(inputShapes.length);
        for (int m = 0; m < widths.length; m++) {
            checkWidth(m, inputShapes[2 * m].get(2));
            if (projections[m] != null) {
                projections[m].initialize(manager, dataType, inputShapes[2 * m]);
            }
        }
        initializeEncoder(manager, dataType, fusedShape(inputShapes));
    }

    /**
     * Returns the shapes in the order of {@link FusedOutput#toNDList()}: pooled, sequence, mask,
     * one attention map per layer, one pooled vector per modality, the pooling weights (B, L)
     * when there are attention maps, then the subclass's extras.
     *
     * @param inputShapes {@code [(B, L_1, D_1), (B, L_1), ...]}
     * @return the output shapes
     */
    @Override
    public final Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape fused = fusedShape(inputShapes);
        long batch = fused.get(0);
        List<Shape> shapes = new ArrayList<>();
        shapes.add(new Shape(batch, dim));
        shapes.add(fused);
        shapes.add(new Shape(batch, fused.get(1)));
        List<Shape> attention = attentionShapes(fused);
        shapes.addAll(attention);
        for (int m = 0; m < widths.length; m++) {
            shapes.add(new Shape(batch, dim));
        }
        if (!attention.isEmpty()) {
            shapes.add(new Shape(batch, fused.get(1)));
        }
        long[] lengths = new long[widths.length];
        for (int m = 0; m < widths.length; m++) {
            lengths[m] = inputShapes[2 * m].get(1);
        }
        shapes.addAll(extraOutputShapes(fused, lengths));
        return shapes.toArray(Shape[]::new);
    }

    /** (B, 1 + sum L_m, dim). */
    private Shape fusedShape(Shape[] inputShapes) {
        long length = 1;
        for (int m = 0; m < widths.length; m++) {
            length += inputShapes[2 * m].get(1);
        }
        return new Shape(inputShapes[0].get(0), length, dim);
    }

    private void checkInputCount(int count) {
        if (count != 2 * widths.length) {
            throw new IllegalArgumentException(name + " expects an embedding and a mask"
                    + " for each of " + modalities + ", got " + count + " arrays");
        }
    }

    private void checkWidth(int m, long width) {
        if (width != widths[m]) {
            throw new UserInputException(name + ": modality '" + modalities.get(m)
                    + "' gives tokens of width " + width + ", expected " + widths[m]
                    + " as its projector declared");
        }
    }
}
