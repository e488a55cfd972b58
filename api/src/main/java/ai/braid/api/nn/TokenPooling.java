package ai.braid.api.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;

import java.util.Locale;
import java.util.Objects;

/**
 * How a single-stream fusion reduces its final token sequence to the one pooled vector a task
 * head reads.
 *
 * <p>{@link #CLS} keeps the fusion [CLS] token, as BERT and ViT do. {@link #MEAN} averages every
 * real token of the last layer, the "pooled last layer" of SSESF and of many ViT variants.
 * Where the signal sits in a few tokens among many near-constant ones (an emoji on a blank
 * canvas), the mean reads every token's own output, while a fresh [CLS] sees those tokens only
 * through an attention average that is still almost uniform (plugin-ssesf's DIAGNOSTIC-DATA.md
 * has a measured case: the mean learnt the task where the [CLS] was still near chance).
 */
public enum TokenPooling {
    /** The final [CLS] token at position 0. */
    CLS,
    /** The masked mean over all real tokens, the [CLS] included. */
    MEAN;

    /**
     * Pools a fused sequence.
     *
     * @param sequence (B, L, E) the encoder's last layer, the [CLS] at position 0
     * @param mask (B, L) 1 for real tokens, 0 for padding
     * @return (B, E)
     */
    public NDArray pool(NDArray sequence, NDArray mask) {
        Objects.requireNonNull(sequence, "sequence");
        return this == CLS
                ? sequence.get(new NDIndex(":, 0, :"))
                : MaskedMeanPooling.pool(sequence, Objects.requireNonNull(mask, "mask"));
    }

    /**
     * Returns how {@link #pool} weighs each position of a sequence with this mask: the pooled
     * vector is the sum of the tokens times these weights. Figures use them to follow the
     * attention back from the pooled vector.
     *
     * @param mask (B, L) 1 for real tokens, 0 for padding, any dtype; the [CLS] at position 0
     * @return (B, L) in the mask's floating type (float32 for an integer or boolean mask): for
     *     {@link #CLS} 1 at position 0 and 0 elsewhere; for {@link #MEAN} 1/n at each of the n
     *     real tokens and 0 at padding (all zeros for a row without real token)
     */
    public NDArray weights(NDArray mask) {
        Objects.requireNonNull(mask, "mask");
        if (mask.getShape().dimension() != 2) {
            throw new IllegalArgumentException("a pooling mask is (B, L), got "
                    + mask.getShape());
        }
        DataType type = mask.getDataType().isFloating() ? mask.getDataType() : DataType.FLOAT32;
        NDArray keep = Masks.keep(mask, type);
        if (this == MEAN) {
            return keep.div(keep.sum(new int[] {1}, true).maximum(1f));
        }
        NDArray first = keep.zerosLike();
        first.set(new NDIndex(":, 0"), 1f);
        return first;
    }

    /**
     * Returns the option value naming this pooling, as pipelines spell it.
     *
     * @return {@code "cls"} or {@code "mean"}
     */
    public String optionValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses an option value.
     *
     * @param value {@code "cls"} or {@code "mean"}, any case
     * @return the pooling
     * @throws IllegalArgumentException for any other value
     */
    public static TokenPooling fromOption(String value) {
        return valueOf(Objects.requireNonNull(value, "value").toUpperCase(Locale.ROOT));
    }
}
