package com.example.braid.signal;

import ai.braid.api.UserInputException;
import ai.braid.api.data.Modality;
import ai.braid.api.spi.ModalityProjector;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Projects 1-D signals ({@code float[]}) to patch tokens.
 *
 * <p>{@link #preprocess} stacks a batch of equally long signals into one float32 array (B, T);
 * {@link #block()} is a {@link PatchEmbeddingBlock} that turns it into {@code [embeddings (B, L,
 * dim), mask (B, L)]} with {@code L = T / patch}. Signals are not padded: a padded patch would be
 * a token of zeros the model could not tell from a silent stretch of signal.
 */
public final class SignalPatchProjector implements ModalityProjector {

    private final Modality modality;
    private final int patch;
    private final int dim;
    private final PatchEmbeddingBlock block;

    /**
     * Creates a projector with a fresh, uninitialised block.
     *
     * @param modality the modality it projects, for error messages
     * @param patch values per patch token, at least 1
     * @param dim the token embedding width, at least 1
     */
    public SignalPatchProjector(Modality modality, int patch, int dim) {
        this.modality = Objects.requireNonNull(modality, "modality");
        this.block = new PatchEmbeddingBlock(patch, dim);
        this.patch = patch;
        this.dim = dim;
    }

    @Override
    public Class<?> inputType() {
        return float[].class;
    }

    @Override
    public int dim() {
        return dim;
    }

    /**
     * Returns the number of values per patch token.
     *
     * @return the patch length
     */
    public int patch() {
        return patch;
    }

    /**
     * Stacks a batch of signals.
     *
     * @param inputs B signals of equal length T, each a {@code float[]}
     * @param manager the manager that owns the array and decides its device
     * @return one array {@code values (B, T)} of float32
     * @throws UserInputException if a value is no {@code float[]}, the lengths differ or a signal
     *     is shorter than one patch
     */
    @Override
    public NDList preprocess(List<?> inputs, NDManager manager) {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(manager, "manager");
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("modality '" + modality + "': empty batch");
        }
        List<float[]> signals = signals(inputs);
        int length = signals.get(0).length;
        if (length < patch) {
            throw new UserInputException("modality '" + modality + "': signals of length "
                    + length + " are shorter than one patch (" + SignalPatchProjectorFactory.PATCH
                    + ": " + patch + " in projectors." + modality + "); expected signals of at"
                    + " least " + patch + " values, or a smaller patch");
        }
        // One flat copy, then one native array: cheaper than B small arrays stacked.
        float[] flat = new float[signals.size() * length];
        for (int i = 0; i < signals.size(); i++) {
            System.arraycopy(signals.get(i), 0, flat, i * length, length);
        }
        return new NDList(manager.create(flat, new Shape(signals.size(), length)));
    }

    private List<float[]> signals(List<?> inputs) {
        TreeSet<Integer> lengths = new TreeSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            Object input = inputs.get(i);
            if (!(input instanceof float[] signal)) {
                throw new UserInputException("modality '" + modality + "': input " + i
                        + " of the batch is a "
                        + (input == null ? "null" : input.getClass().getSimpleName())
                        + "; expected float[] (a 1-D signal)");
            }
            lengths.add(signal.length);
        }
        if (lengths.size() > 1) {
            throw new UserInputException("modality '" + modality + "': one batch holds signals"
                    + " of lengths " + lengths + "; expected signals of one length (the"
                    + " signal-patches projector does not pad)");
        }
        return inputs.stream().map(float[].class::cast).toList();
    }

    /**
     * Returns the patch embedding block.
     *
     * @return the same {@link PatchEmbeddingBlock} on every call
     */
    @Override
    public Block block() {
        return block;
    }

    @Override
    public String toString() {
        return "SignalPatchProjector[" + modality + ", patch=" + patch + ", dim=" + dim + "]";
    }
}
