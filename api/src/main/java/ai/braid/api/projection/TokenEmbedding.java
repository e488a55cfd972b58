package ai.braid.api.projection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * BERT-style token embedding: a learned vector per token id, plus a learned position embedding
 * per index and one learned modality-type vector added to every token, optionally followed by a
 * LayerNorm over the last axis and dropout.
 *
 * <p>Input: {@code [ids (B, L) int64, mask (B, L)]} with {@code L <= maxLength} and every id in
 * {@code [0, vocabularySize)}. Output: {@code [embeddings (B, L, D), mask (B, L)]}, the mask
 * passed through unchanged. Padding positions get embeddings too; the mask tells later blocks
 * to ignore them.
 *
 * <p>The vocabulary size may be given as a supplier, read once when the block is initialised,
 * so that a projector can create its block before its vocabulary is fitted.
 */
public final class TokenEmbedding extends AbstractBlock {

    private static final byte VERSION = 1;

    private final IntSupplier vocabularySize;
    private final int dim;
    private final int maxLength;
    private final Parameter words;
    private final Parameter positions;
    private final Parameter type;
    private final LayerNorm norm;
    private final Dropout dropout;

    private TokenEmbedding(Builder builder) {
        super(VERSION);
        this.vocabularySize = builder.vocabularySize;
        this.dim = builder.dim;
        this.maxLength = builder.maxLength;
        this.words = addParameter(LearnedTables.table("words", null));
        this.positions = addParameter(LearnedTables.table("positions", new Shape(maxLength, dim)));
        this.type = addParameter(LearnedTables.table("type", new Shape(1, dim)));
        this.norm = builder.layerNorm
                ? addChildBlock("norm", LayerNorm.builder().axis(2).build())
                : null;
        this.dropout = builder.dropout > 0
                ? addChildBlock("dropout", Dropout.builder().optRate(builder.dropout).build())
                : null;
    }

    /**
     * Starts a builder.
     *
     * @return a builder; vocabulary size, dim and maxLength are required
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the token width D.
     *
     * @return D
     */
    public int dim() {
        return dim;
    }

    /**
     * Returns the longest sequence this block embeds.
     *
     * @return the number of position embeddings
     */
    public int maxLength() {
        return maxLength;
    }

    /**
     * Returns the word embedding table, of shape (V, D) once initialised; a masked-language-model
     * head may tie its output weights to it.
     *
     * @return the parameter
     */
    public Parameter wordEmbeddings() {
        return words;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        NDArray mask = inputs.get(1);
        long length = ids.getShape().get(1);
        if (length > maxLength) {
            throw new IllegalArgumentException(
                    "token embedding holds " + maxLength + " positions, got ids " + ids.getShape());
        }
        NDArray indices = ids.getManager()
                .arange(0f, length, 1f, DataType.INT64, ids.getDevice());
        NDArray wordTable = store.getValue(words, ids.getDevice(), training);
        NDArray positionTable = store.getValue(positions, ids.getDevice(), training);
        NDArray embeddings = LearnedTables.lookup(ids, wordTable)
                .add(LearnedTables.lookup(indices, positionTable))
                .add(store.getValue(type, ids.getDevice(), training));
        if (norm != null) {
            embeddings = norm.forward(store, new NDList(embeddings), training, params).head();
        }
        if (dropout != null) {
            embeddings = dropout.forward(store, new NDList(embeddings), training, params).head();
        }
        return new NDList(embeddings, mask);
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        int size = vocabularySize.getAsInt();
        if (size < 1) {
            throw new IllegalStateException("token embedding needs a vocabulary, got size " + size);
        }
        words.setShape(new Shape(size, dim));
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape embeddings = getOutputShapes(inputShapes)[0];
        if (norm != null) {
            norm.initialize(manager, dataType, embeddings);
        }
        if (dropout != null) {
            dropout.initialize(manager, dataType, embeddings);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape ids = inputShapes[0];
        if (ids.dimension() != 2) {
            throw new IllegalArgumentException(
                    "token embedding expects ids (B, L) and mask (B, L), got " + ids);
        }
        return new Shape[] {new Shape(ids.get(0), ids.get(1), dim), ids};
    }

    /** Builds a {@link TokenEmbedding}. */
    public static final class Builder {

        private IntSupplier vocabularySize;
        private int dim;
        private int maxLength;
        private boolean layerNorm;
        private float dropout;

        private Builder() {}

        /**
         * Sets the number of token ids V.
         *
         * @param size V, at least 1
         * @return this builder
         */
        public Builder setVocabularySize(int size) {
            return setVocabularySize(() -> size);
        }

        /**
         * Sets the number of token ids V, read when the block is initialised.
         *
         * @param size supplies V; may throw {@link IllegalStateException} while unknown
         * @return this builder
         */
        public Builder setVocabularySize(IntSupplier size) {
            this.vocabularySize = Objects.requireNonNull(size, "size");
            return this;
        }

        /**
         * Sets the token width D.
         *
         * @param dim D, at least 1
         * @return this builder
         */
        public Builder setDim(int dim) {
            this.dim = dim;
            return this;
        }

        /**
         * Sets the number of learned positions, the longest sequence the block accepts.
         *
         * @param maxLength at least 1
         * @return this builder
         */
        public Builder setMaxLength(int maxLength) {
            this.maxLength = maxLength;
            return this;
        }

        /**
         * Normalises each token's embedding over its D values (default off).
         *
         * @param layerNorm true to add a LayerNorm
         * @return this builder
         */
        public Builder optLayerNorm(boolean layerNorm) {
            this.layerNorm = layerNorm;
            return this;
        }

        /**
         * Sets the dropout rate applied to the embeddings in training (default 0: none).
         *
         * @param rate in [0, 1)
         * @return this builder
         */
        public Builder optDropout(float rate) {
            this.dropout = rate;
            return this;
        }

        /**
         * Builds the block.
         *
         * @return the block, not yet initialised
         * @throws IllegalArgumentException if a size is not positive or the rate outside [0, 1)
         */
        public TokenEmbedding build() {
            Objects.requireNonNull(vocabularySize, "vocabularySize");
            if (dim < 1 || maxLength < 1) {
                throw new IllegalArgumentException(
                        "dim and maxLength must be positive, got dim " + dim
                                + ", maxLength " + maxLength);
            }
            if (!(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
            }
            return new TokenEmbedding(this);
        }
    }
}
