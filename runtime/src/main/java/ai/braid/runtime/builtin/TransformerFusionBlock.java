package ai.braid.runtime.builtin;

import ai.braid.api.UserInputException;
import ai.braid.api.data.FusedOutput;
import ai.braid.api.data.Modality;
import ai.braid.api.data.TokenSequence;
import ai.braid.api.nn.MaskedMeanPooling;
import ai.braid.api.nn.NormPlacement;
import ai.braid.api.nn.TransformerEncoder;
import ai.braid.api.nn.TransformerEncoderLayer;
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
 * Self-attention over the tokens of all modalities behind a learned fusion [CLS] token.
 *
 * <p>Input: {@code [emb_1 (B, L_1, D_1), mask_1 (B, L_1), emb_2, mask_2, ...]} in the order of
 * the modality list. Each modality's tokens are projected to {@code dim} by a {@link Linear}
 * when {@code D_m != dim}, and get the learned type embedding of their position m in the list
 * (never of their name). The sequence {@code [CLS; tokens_1; tokens_2; ...]} of length {@code L
 * = 1 + sum L_m}, with mask {@code [1; mask_1; mask_2; ...]}, runs through a {@link
 * TransformerEncoder}; padded tokens are never attended to.
 *
 * <p>Output: a {@link FusedOutput} as an {@link NDList}, in this order: {@code pooled (B, dim)}
 * (the final [CLS]), {@code sequence (B, L, dim)}, {@code mask (B, L)}, {@code attention.<i>
 * (B, H, L, L)} for each layer i, and {@code pooled.<modality> (B, dim)}, the masked mean of
 * that modality's slice of the final sequence (zeros for a sample without real token).
 */
final class TransformerFusionBlock extends AbstractBlock {

    private static final byte VERSION = 1;
    /** Standard deviation of the initial [CLS] and type embeddings, as in BERT. */
    private static final float EMBEDDING_INIT_SIGMA = 0.02f;

    private final List<Modality> modalities;
    private final int[] widths;
    private final Settings settings;
    private final Linear[] projections;
    private final Parameter typeEmbeddings;
    private final Parameter cls;
    private final TransformerEncoder encoder;

    /**
     * The encoder's hyper-parameters.
     *
     * @param dim width of the fused tokens, a multiple of {@code heads}
     * @param layers number of encoder layers
     * @param heads attention heads per layer
     * @param ffnDim inner width of the feed-forward networks
     * @param dropout dropout rate on residual branches and in the feed-forward networks
     * @param norm LayerNorm placement
     */
    record Settings(int dim, int layers, int heads, int ffnDim, float dropout, NormPlacement norm) {

        /** Checks for nulls. */
        Settings {
            Objects.requireNonNull(norm, "norm");
        }
    }

    /**
     * Creates the block.
     *
     * @param modalities the modalities in the order their sequences arrive
     * @param widths each modality's token width D_m, same order
     * @param settings the encoder's hyper-parameters
     */
    TransformerFusionBlock(List<Modality> modalities, int[] widths, Settings settings) {
        super(VERSION);
        this.modalities = List.copyOf(modalities);
        this.widths = widths.clone();
        this.settings = Objects.requireNonNull(settings, "settings");
        if (this.widths.length != this.modalities.size() || this.modalities.isEmpty()) {
            throw new IllegalArgumentException("one width per modality and at least one"
                    + " modality expected, got " + this.modalities + " and " + widths.length
                    + " widths");
        }
        int dim = settings.dim();
        this.projections = new Linear[this.widths.length];
        for (int m = 0; m < this.widths.length; m++) {
            if (this.widths[m] != dim) {
                projections[m] = addChildBlock("projection" + m,
                        Linear.builder().setUnits(dim).build());
            }
        }
        this.typeEmbeddings = addParameter(embedding("typeEmbeddings",
                new Shape(this.widths.length, dim)));
        this.cls = addParameter(embedding("cls", new Shape(1, 1, dim)));
        this.encoder = addChildBlock("encoder", TransformerEncoder.builder()
                .setLayers(settings.layers())
                .setLayer(TransformerEncoderLayer.builder()
                        .setDim(dim)
                        .setHeads(settings.heads())
                        .setFfnDim(settings.ffnDim())
                        .optDropout(settings.dropout())
                        .optNormPlacement(settings.norm()))
                .optReturnAttention(true)
                .build());
    }

    /** Type OTHER keeps this initialiser even when a training config sets one for weights. */
    private static Parameter embedding(String name, Shape shape) {
        return Parameter.builder().setName(name).setType(Parameter.Type.OTHER)
                .optShape(shape)
                .optInitializer(new NormalInitializer(EMBEDDING_INIT_SIGMA))
                .build();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        checkInputCount(inputs.size());
        NDArray first = inputs.get(0);
        NDManager manager = first.getManager();
        DataType type = first.getDataType();
        long batch = first.getShape().get(0);
        int dim = settings.dim();
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
        NDList encoded = encoder.forward(
                store, new NDList(NDArrays.concat(tokens, 1), mask), training, params);
        NDArray sequence = encoded.get(0);
        List<NDArray> attention = new ArrayList<>(encoded.subList(2, encoded.size()));
        Map<Modality, NDArray> modalityPooled = new LinkedHashMap<>();
        long start = 1;
        for (int m = 0; m < widths.length; m++) {
            long end = start + lengths[m];
            modalityPooled.put(modalities.get(m), MaskedMeanPooling.pool(
                    sequence.get(new NDIndex(":, {}:{}, :", start, end)),
                    mask.get(new NDIndex(":, {}:{}", start, end))));
            start = end;
        }
        NDArray pooled = sequence.get(new NDIndex(":, 0, :"));
        return new FusedOutput(pooled, sequence, mask, attention, modalityPooled).toNDList();
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        checkInputCount(inputShapes.length);
        for (int m = 0; m < widths.length; m++) {
            checkWidth(m, inputShapes[2 * m].get(2));
            if (projections[m] != null) {
                projections[m].initialize(manager, dataType, inputShapes[2 * m]);
            }
        }
        Shape fused = fusedShape(inputShapes);
        encoder.initialize(manager, dataType, fused, fused.slice(0, 2));
    }

    /**
     * Returns the shapes in the order of {@link FusedOutput#toNDList()}: pooled, sequence, mask,
     * one attention map per layer, one pooled vector per modality.
     *
     * @param inputShapes {@code [(B, L_1, D_1), (B, L_1), ...]}
     * @return the output shapes
     */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape fused = fusedShape(inputShapes);
        long batch = fused.get(0);
        long length = fused.get(1);
        List<Shape> shapes = new ArrayList<>();
        shapes.add(new Shape(batch, settings.dim()));
        shapes.add(fused);
        shapes.add(new Shape(batch, length));
        for (int layer = 0; layer < settings.layers(); layer++) {
            shapes.add(new Shape(batch, settings.heads(), length, length));
        }
        for (int m = 0; m < widths.length; m++) {
            shapes.add(new Shape(batch, settings.dim()));
        }
        return shapes.toArray(Shape[]::new);
    }

    /** (B, 1 + sum L_m, dim). */
    private Shape fusedShape(Shape[] inputShapes) {
        long length = 1;
        for (int m = 0; m < widths.length; m++) {
            length += inputShapes[2 * m].get(1);
        }
        return new Shape(inputShapes[0].get(0), length, settings.dim());
    }

    private void checkInputCount(int count) {
        if (count != 2 * widths.length) {
            throw new IllegalArgumentException("transformer fusion expects an embedding and a mask"
                    + " for each of " + modalities + ", got " + count + " arrays");
        }
    }

    private void checkWidth(int m, long width) {
        if (width != widths[m]) {
            throw new UserInputException("transformer fusion: modality '" + modalities.get(m)
                    + "' gives tokens of width " + width + ", expected " + widths[m]
                    + " as its projector declared");
        }
    }
}
