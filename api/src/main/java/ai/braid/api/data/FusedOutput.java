package ai.braid.api.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link ai.braid.api.spi.FusionBlock} produces and a {@link ai.braid.api.spi.Task}'s
 * head consumes.
 *
 * <p>In an {@link NDList} each part is an array named by {@link #POOLED}, {@link #SEQUENCE},
 * {@link #MASK}, {@code "attention.<layer>"}, {@code "pooled.<modality>"}, {@code
 * "sequence.<modality>"} or {@code "mask.<modality>"}, so blocks pass it through DJL's {@code
 * Block.forward} unchanged. Any other named array is an extra: something a particular fusion
 * computes for the heads that know to ask for it (a pre-training fusion's unimodal vectors or
 * its pass over hard negatives, say), kept under its own name.
 *
 * @param pooled one vector per example, shape (B, D)
 * @param sequence the fused token sequence (B, L, D), or null for fusions that keep none
 * @param mask its padding mask (B, L), 1 = token; null when {@code sequence} is null
 * @param attention per layer, attention probabilities (B, H, L, L); empty unless requested
 * @param modalityPooled per-modality vectors (B, D) before fusion, for contrastive objectives
 *     that align modalities (ITC, PCME); empty when the fusion does not keep them
 * @param modalitySequences per-modality token sequences, for heads that embed each modality on
 *     its own (retrieval with attention pooling, PCME); empty when the fusion does not keep them
 * @param extras further arrays by name, in the order they are listed; a name must be none of
 *     the names or prefixes above; empty for most fusions
 */
public record FusedOutput(
        NDArray pooled,
        NDArray sequence,
        NDArray mask,
        List<NDArray> attention,
        Map<Modality, NDArray> modalityPooled,
        Map<Modality, TokenSequence> modalitySequences,
        Map<String, NDArray> extras) {

    /** Name of the pooled array in an {@link NDList}. */
    public static final String POOLED = "pooled";
    /** Name of the fused sequence in an {@link NDList}. */
    public static final String SEQUENCE = "sequence";
    /** Name of the fused sequence's mask in an {@link NDList}. */
    public static final String MASK = "mask";
    /**
     * Name of the extra that says how {@code pooled} weighs the positions of {@code sequence}:
     * (B, L), the pooled vector of example b is {@code sum_t weights[b, t] * sequence[b, t]}
     * (one-hot at the [CLS] for [CLS] pooling, the mask over its sum for mean pooling). A
     * single-stream fusion gives it with its attention maps, so that a figure follows the
     * attention back from what the heads read rather than from position 0; figures read a
     * fusion without it by its [CLS] at position 0.
     */
    public static final String POOLING_WEIGHTS = "pooling.weights";

    private static final String ATTENTION_PREFIX = "attention.";
    private static final String MODALITY_PREFIX = "pooled.";
    private static final String SEQUENCE_PREFIX = SEQUENCE + ".";
    private static final String MASK_PREFIX = MASK + ".";

    /**
     * Checks for nulls and copies the collections.
     *
     * @throws IllegalArgumentException if only one of sequence and mask is given, or an extra's
     *     name is one the other parts use
     */
    public FusedOutput {
        Objects.requireNonNull(pooled, "pooled");
        if ((sequence == null) != (mask == null)) {
            throw new IllegalArgumentException("sequence and mask come together");
        }
        attention = List.copyOf(attention);
        // Insertion order, so the encoded list is the same from run to run.
        modalityPooled = Collections.unmodifiableMap(new LinkedHashMap<>(modalityPooled));
        modalitySequences =
                Collections.unmodifiableMap(new LinkedHashMap<>(modalitySequences));
        for (String name : extras.keySet()) {
            if (isReserved(name)) {
                throw new IllegalArgumentException("the extra '" + name + "' of a fused output"
                        + " takes a name of its standard parts (" + POOLED + ", " + SEQUENCE
                        + ", " + MASK + ", " + ATTENTION_PREFIX + "*, " + MODALITY_PREFIX + "*, "
                        + SEQUENCE_PREFIX + "*, " + MASK_PREFIX + "*)");
            }
        }
        extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    }

    /**
     * A fused output without extras.
     *
     * @param pooled (B, D)
     * @param sequence (B, L, D), or null
     * @param mask (B, L), or null
     * @param attention per layer (B, H, L, L)
     * @param modalityPooled per modality (B, D)
     * @param modalitySequences per modality, tokens (B, L_m, D_m) and mask (B, L_m)
     */
    public FusedOutput(NDArray pooled, NDArray sequence, NDArray mask, List<NDArray> attention,
            Map<Modality, NDArray> modalityPooled,
            Map<Modality, TokenSequence> modalitySequences) {
        this(pooled, sequence, mask, attention, modalityPooled, modalitySequences, Map.of());
    }

    /**
     * A fused output without per-modality token sequences.
     *
     * @param pooled (B, D)
     * @param sequence (B, L, D), or null
     * @param mask (B, L), or null
     * @param attention per layer (B, H, L, L)
     * @param modalityPooled per modality (B, D)
     */
    public FusedOutput(NDArray pooled, NDArray sequence, NDArray mask, List<NDArray> attention,
            Map<Modality, NDArray> modalityPooled) {
        this(pooled, sequence, mask, attention, modalityPooled, Map.of(), Map.of());
    }

    /**
     * A fused output that is only a pooled vector per example.
     *
     * @param pooled (B, D)
     * @return the output
     */
    public static FusedOutput pooledOnly(NDArray pooled) {
        return new FusedOutput(pooled, null, null, List.of(), Map.of());
    }

    /**
     * Returns one modality's token sequence if the fusion keeps them.
     *
     * @param modality the modality
     * @return its tokens (B, L_m, D_m) and mask (B, L_m), or empty
     */
    public Optional<TokenSequence> findModalitySequence(Modality modality) {
        return Optional.ofNullable(modalitySequences.get(modality));
    }

    /**
     * Returns an extra array if the fusion computed it.
     *
     * @param name the extra's name
     * @return the array, or empty
     */
    public Optional<NDArray> findExtra(String name) {
        return Optional.ofNullable(extras.get(name));
    }

    /**
     * Returns the fused sequence if the fusion keeps one.
     *
     * @return (B, L, D), or empty
     */
    public Optional<NDArray> findSequence() {
        return Optional.ofNullable(sequence);
    }

    /**
     * Encodes this output as a list of named arrays. The arrays are renamed in place.
     *
     * @return the list, pooled first
     */
    public NDList toNDList() {
        NDList list = new NDList();
        list.add(named(pooled, POOLED));
        if (sequence != null) {
            list.add(named(sequence, SEQUENCE));
            list.add(named(mask, MASK));
        }
        for (int layer = 0; layer < attention.size(); layer++) {
            list.add(named(attention.get(layer), ATTENTION_PREFIX + layer));
        }
        modalityPooled.forEach((modality, array) ->
                list.add(named(array, MODALITY_PREFIX + modality.name())));
        modalitySequences.forEach((modality, tokens) -> {
            list.add(named(tokens.embeddings(), SEQUENCE_PREFIX + modality.name()));
            list.add(named(tokens.mask(), MASK_PREFIX + modality.name()));
        });
        extras.forEach((name, array) -> list.add(named(array, name)));
        return list;
    }

    /**
     * Decodes a list written by {@link #toNDList()}. Named arrays that are none of the
     * standard parts become extras; unnamed arrays are ignored.
     *
     * @param list the named arrays
     * @return the output
     * @throws IllegalArgumentException if the list has no array named {@value #POOLED}
     */
    public static FusedOutput from(NDList list) {
        NDArray pooled = list.get(POOLED);
        if (pooled == null) {
            throw new IllegalArgumentException(
                    "a fused output needs an array named '" + POOLED + "'; got " + names(list));
        }
        List<NDArray> attention = new ArrayList<>();
        Map<Modality, NDArray> modalityPooled = new LinkedHashMap<>();
        Map<Modality, TokenSequence> modalitySequences = new LinkedHashMap<>();
        Map<String, NDArray> extras = new LinkedHashMap<>();
        for (NDArray array : list) {
            String name = array.getName();
            if (name == null) {
                continue;
            }
            if (name.startsWith(ATTENTION_PREFIX)) {
                attention.add(array);
            } else if (name.startsWith(MODALITY_PREFIX)) {
                modalityPooled.put(Modality.of(name.substring(MODALITY_PREFIX.length())), array);
            } else if (name.startsWith(SEQUENCE_PREFIX)) {
                String modality = name.substring(SEQUENCE_PREFIX.length());
                NDArray mask = list.get(MASK_PREFIX + modality);
                if (mask == null) {
                    throw new IllegalArgumentException("a fused output has '" + name
                            + "' but no '" + MASK_PREFIX + modality + "'; got " + names(list));
                }
                modalitySequences.put(Modality.of(modality), new TokenSequence(array, mask));
            } else if (!isReserved(name)) {
                extras.put(name, array);
            }
        }
        return new FusedOutput(pooled, list.get(SEQUENCE), list.get(MASK), attention,
                modalityPooled, modalitySequences, extras);
    }

    /** Whether a name belongs to one of the standard parts. */
    private static boolean isReserved(String name) {
        return name.equals(POOLED) || name.equals(SEQUENCE) || name.equals(MASK)
                || name.startsWith(ATTENTION_PREFIX) || name.startsWith(MODALITY_PREFIX)
                || name.startsWith(SEQUENCE_PREFIX) || name.startsWith(MASK_PREFIX);
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }

    private static List<String> names(NDList list) {
        List<String> names = new ArrayList<>();
        list.forEach(array -> names.add(array.getName()));
        return names;
    }
}
