package ai.braid.api.projection;

import ai.braid.api.UserInputException;
import ai.braid.api.spi.ModalityProjector;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Projects texts to WordPiece token embeddings: {@link #fit} builds a {@link
 * WordPieceVocabulary} from the training texts, {@link WordPieceEncoder} turns texts into ids,
 * and a {@link TokenEmbedding} embeds them.
 *
 * <p>{@code preprocess} gives {@code [ids (B, L) int64, mask (B, L) float32]} with {@code L <=
 * maxLength} the longest sequence of the batch, {@code [CLS]} first and {@code [SEP]} last; the
 * block maps it to {@code [embeddings (B, L, D), mask (B, L)]}. Initialise the block after
 * {@code fit}, with the shapes {@code (B, L), (B, L)} for any L up to maxLength: the embedding
 * table is sized from the vocabulary then.
 */
public final class WordPieceProjector implements ModalityProjector {

    private final int minFrequency;
    private final boolean lowerCase;
    private final int suffixes;
    private final int maxLength;
    private final TokenEmbedding block;
    private volatile WordPieceEncoder encoder;

    private WordPieceProjector(Builder builder) {
        this.minFrequency = builder.minFrequency;
        this.lowerCase = builder.lowerCase;
        this.suffixes = builder.suffixes;
        this.maxLength = builder.maxLength;
        this.block = TokenEmbedding.builder()
                .setVocabularySize(() -> vocabulary().size())
                .setDim(builder.dim)
                .setMaxLength(builder.maxLength)
                .optLayerNorm(builder.layerNorm)
                .optDropout(builder.dropout)
                .build();
    }

    /**
     * Starts a builder.
     *
     * @return a builder; dim and maxLength are required
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Class<?> inputType() {
        return String.class;
    }

    @Override
    public int dim() {
        return block.dim();
    }

    /**
     * Builds the vocabulary from the training texts; only these contribute tokens.
     *
     * @param trainingInputs the training split's texts, each a {@link String}
     * @throws UserInputException if a value is not a string
     * @throws IllegalStateException if the vocabulary is already set
     */
    @Override
    public void fit(List<?> trainingInputs) {
        List<String> texts = new ArrayList<>(trainingInputs.size());
        for (int i = 0; i < trainingInputs.size(); i++) {
            Object value = trainingInputs.get(i);
            if (!(value instanceof String text)) {
                throw new UserInputException("training text " + i + " must be a String, got "
                        + (value == null ? "null" : value.getClass().getName()));
            }
            texts.add(text);
        }
        useVocabulary(WordPieceVocabulary.builder()
                .optMinFrequency(minFrequency)
                .optLowerCase(lowerCase)
                .optSuffixes(suffixes)
                .fit(texts));
    }

    /**
     * Returns the vocabulary's tokens in id order, for a checkpoint.
     *
     * @return the encoded tokens
     * @throws IllegalStateException before {@link #fit}
     */
    @Override
    public byte[] fittedState() {
        List<String> tokens = vocabulary().tokens();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(tokens.size());
            for (String token : tokens) {
                out.writeUTF(token);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Restores the vocabulary from {@link #fittedState()}, instead of fitting one.
     *
     * @param state the bytes {@link #fittedState()} returned
     * @throws IllegalArgumentException if the bytes are not a saved vocabulary
     * @throws IllegalStateException if the vocabulary is already set
     */
    @Override
    public void restoreFittedState(byte[] state) {
        List<String> tokens = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                tokens.add(in.readUTF());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a saved WordPiece vocabulary", e);
        }
        useVocabulary(WordPieceVocabulary.of(tokens));
    }

    /**
     * Sets a vocabulary saved from an earlier {@link #fit}, instead of fitting one.
     *
     * @param vocabulary the vocabulary
     * @throws IllegalStateException if the vocabulary is already set
     */
    public synchronized void useVocabulary(WordPieceVocabulary vocabulary) {
        if (encoder != null) {
            throw new IllegalStateException(
                    "the WordPiece vocabulary is already set; fit is called once per projector");
        }
        encoder = new WordPieceEncoder(vocabulary, lowerCase, maxLength);
    }

    /**
     * Returns the fitted vocabulary, e.g. for a masked-language-model head.
     *
     * @return the vocabulary
     * @throws IllegalStateException before {@link #fit}
     */
    public WordPieceVocabulary vocabulary() {
        return encoder().vocabulary();
    }

    /**
     * Returns the fitted encoder.
     *
     * @return the encoder
     * @throws IllegalStateException before {@link #fit}
     */
    public WordPieceEncoder encoder() {
        WordPieceEncoder fitted = encoder;
        if (fitted == null) {
            throw new IllegalStateException("the WordPiece projector has no vocabulary yet: call"
                    + " fit(trainingTexts) on the training split before preprocess or block"
                    + " initialisation");
        }
        return fitted;
    }

    /**
     * Names the tokens of one text: the word pieces between {@code [CLS]} and {@code [SEP]}, as
     * {@link WordPieceEncoder#tokens} makes them.
     *
     * @param input a {@link String}
     * @return the tokens
     * @throws UserInputException if the input is not a string
     * @throws IllegalStateException before {@link #fit}
     */
    @Override
    public List<String> tokenLabels(Object input) {
        if (!(input instanceof String text)) {
            throw new UserInputException("a text must be a String, got "
                    + (input == null ? "null" : input.getClass().getName()));
        }
        return encoder().tokens(text);
    }

    /**
     * Tokenizes texts.
     *
     * @param inputs B {@link String}s, possibly empty
     * @param manager the manager that owns the arrays
     * @return {@code [ids (B, L) int64, mask (B, L) float32]}
     * @throws IllegalStateException before {@link #fit}
     */
    @Override
    public NDList preprocess(List<?> inputs, NDManager manager) {
        return encoder().encode(inputs, manager);
    }

    /**
     * Returns the token embedding, the same instance on every call.
     *
     * @return a {@link TokenEmbedding}: {@code [ids (B, L), mask (B, L)]} to {@code [embeddings
     *     (B, L, D), mask (B, L)]}
     */
    @Override
    public Block block() {
        return block;
    }

    /** Builds a {@link WordPieceProjector}. */
    public static final class Builder {

        private int dim;
        private int maxLength;
        private int minFrequency = 1;
        private boolean lowerCase = true;
        private int suffixes;
        private boolean layerNorm;
        private float dropout;

        private Builder() {}

        /**
         * Sets the token width D.
         *
         * @param dim D
         * @return this builder
         */
        public Builder setDim(int dim) {
            this.dim = dim;
            return this;
        }

        /**
         * Sets the longest sequence, [CLS] and [SEP] included; longer texts are truncated.
         *
         * @param maxLength at least 2
         * @return this builder
         */
        public Builder setMaxLength(int maxLength) {
            this.maxLength = maxLength;
            return this;
        }

        /**
         * Sets how often a whole word must occur in training to get a token (default 1).
         *
         * @param minFrequency at least 1
         * @return this builder
         */
        public Builder optMinFrequency(int minFrequency) {
            this.minFrequency = minFrequency;
            return this;
        }

        /**
         * Sets whether texts are lower-cased (default true).
         *
         * @param lowerCase true to lower-case
         * @return this builder
         */
        public Builder optLowerCase(boolean lowerCase) {
            this.lowerCase = lowerCase;
            return this;
        }

        /**
         * Sets how many frequent word endings become {@code ##} pieces (default 0).
         *
         * @param suffixes at least 0
         * @return this builder
         */
        public Builder optSuffixes(int suffixes) {
            this.suffixes = suffixes;
            return this;
        }

        /**
         * Adds a LayerNorm over each token's embedding (default off).
         *
         * @param layerNorm true to normalise
         * @return this builder
         */
        public Builder optLayerNorm(boolean layerNorm) {
            this.layerNorm = layerNorm;
            return this;
        }

        /**
         * Sets the embedding dropout rate in training (default 0).
         *
         * @param dropout in [0, 1)
         * @return this builder
         */
        public Builder optDropout(float dropout) {
            this.dropout = dropout;
            return this;
        }

        /**
         * Builds the projector, without a vocabulary until {@link #fit} is called.
         *
         * @return the projector
         * @throws IllegalArgumentException if a setting is out of range
         */
        public WordPieceProjector build() {
            if (maxLength < 2 || minFrequency < 1 || suffixes < 0) {
                throw new IllegalArgumentException("maxLength must be at least 2, minFrequency at"
                        + " least 1 and suffixes at least 0, got " + maxLength + ", "
                        + minFrequency + ", " + suffixes);
            }
            return new WordPieceProjector(this);
        }
    }
}
