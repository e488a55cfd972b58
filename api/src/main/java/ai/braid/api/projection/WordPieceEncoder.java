package ai.braid.api.projection;

import ai.braid.api.UserInputException;
import ai.djl.modality.nlp.bert.BertFullTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Encodes texts as WordPiece ids with DJL's {@link BertFullTokenizer}: {@code [CLS] pieces...
 * [SEP]}, truncated to a maximum length and padded per batch.
 *
 * <p>Truncation drops pieces from the end and keeps {@code [SEP]} last. An empty text encodes as
 * {@code [CLS] [SEP]}.
 */
public final class WordPieceEncoder {

    private final WordPieceVocabulary vocabulary;
    private final BertFullTokenizer tokenizer;
    private final int maxLength;

    /**
     * Creates an encoder.
     *
     * @param vocabulary the vocabulary, fitted with the same lower-casing setting
     * @param lowerCase whether texts are lower-cased before WordPiece
     * @param maxLength the longest sequence, [CLS] and [SEP] included; at least 2
     * @throws IllegalArgumentException if maxLength is below 2
     */
    public WordPieceEncoder(WordPieceVocabulary vocabulary, boolean lowerCase, int maxLength) {
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
        if (maxLength < 2) {
            throw new IllegalArgumentException(
                    "maxLength must leave room for [CLS] and [SEP], got " + maxLength);
        }
        this.tokenizer = new BertFullTokenizer(vocabulary.toDjl(), lowerCase);
        this.maxLength = maxLength;
    }

    /**
     * Returns the vocabulary.
     *
     * @return the vocabulary
     */
    public WordPieceVocabulary vocabulary() {
        return vocabulary;
    }

    /**
     * Returns the longest sequence this encoder produces.
     *
     * @return maxLength, [CLS] and [SEP] included
     */
    public int maxLength() {
        return maxLength;
    }

    /**
     * Tokenizes one text.
     *
     * @param text the text, possibly empty
     * @return {@code [CLS]}, at most {@code maxLength - 2} pieces, {@code [SEP]}
     */
    public List<String> tokens(String text) {
        List<String> pieces = new ArrayList<>();
        for (String piece : tokenizer.tokenize(text)) {
            if (!piece.isEmpty()) {
                pieces.add(piece);
            }
        }
        List<String> tokens = new ArrayList<>(Math.min(pieces.size(), maxLength - 2) + 2);
        tokens.add(WordPieceVocabulary.CLS);
        tokens.addAll(pieces.subList(0, Math.min(pieces.size(), maxLength - 2)));
        tokens.add(WordPieceVocabulary.SEP);
        return tokens;
    }

    /**
     * Encodes one text as ids.
     *
     * @param text the text, possibly empty
     * @return the ids of {@link #tokens(String)}
     */
    public long[] ids(String text) {
        List<String> tokens = tokens(text);
        long[] ids = new long[tokens.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = vocabulary.id(tokens.get(i));
        }
        return ids;
    }

    /**
     * Encodes a batch, padded to its longest sequence.
     *
     * @param texts B values, each a {@link String}
     * @param manager the manager that owns the arrays (and decides their device)
     * @return {@code [ids (B, L) int64, mask (B, L) float32]}, L the longest encoded text,
     *     padding with id {@code [PAD]} and mask 0
     * @throws UserInputException if a value is not a string
     */
    public NDList encode(List<?> texts, NDManager manager) {
        Objects.requireNonNull(texts, "texts");
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("a text batch needs at least one text");
        }
        List<long[]> encoded = new ArrayList<>(texts.size());
        int length = 0;
        for (int i = 0; i < texts.size(); i++) {
            long[] ids = ids(text(texts, i));
            encoded.add(ids);
            length = Math.max(length, ids.length);
        }
        long[] ids = new long[texts.size() * length];
        float[] mask = new float[ids.length];
        Arrays.fill(ids, vocabulary.padId());
        for (int i = 0; i < encoded.size(); i++) {
            long[] row = encoded.get(i);
            System.arraycopy(row, 0, ids, i * length, row.length);
            Arrays.fill(mask, i * length, i * length + row.length, 1f);
        }
        Shape shape = new Shape(texts.size(), length);
        NDArray idArray = manager.create(ids, shape);
        NDArray maskArray = manager.create(mask, shape);
        return new NDList(idArray, maskArray);
    }

    private static String text(List<?> texts, int index) {
        Object value = texts.get(index);
        if (value instanceof String text) {
            return text;
        }
        throw new UserInputException("text input " + index + " must be a String, got "
                + (value == null ? "null" : value.getClass().getName()));
    }
}
