package ai.braid.plugin.ssesf.pretrain;

/**
 * What the pre-training passes of the multiway fusion compute, with modalities named by their
 * position in the fusion's modality list (never by name).
 *
 * @param first the modality whose samples keep their partner in the hard-negative pass (the
 *     image in image-text pre-training)
 * @param second the modality whose token rows are swapped to another sample's in the
 *     hard-negative pass (the text), different from {@code first}
 * @param mlm the modality whose tokens are masked and predicted, or {@link #NO_MLM}
 * @param mlmProbability the share of each sample's maskable tokens that is masked, in (0, 1]
 * @param mlmSlots K, the fixed number of masked-token slots per sample, at least 1
 * @param negativeTemperature tau of the softmax over unimodal similarities from which hard
 *     negatives are sampled, positive
 * @param pooling how a modality's unimodal vector is read from the unimodal pass
 */
public record PretrainingSettings(int first, int second, int mlm, float mlmProbability,
        int mlmSlots, float negativeTemperature, UnimodalPooling pooling) {

    /** The value of {@code mlm} that turns masked language modelling off. */
    public static final int NO_MLM = -1;

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if a value is out of range or the pair is one modality
     */
    public PretrainingSettings {
        if (first < 0 || second < 0 || first == second) {
            throw new IllegalArgumentException("the pre-training pair must be two different"
                    + " modality positions, got " + first + " and " + second);
        }
        if (mlm < NO_MLM) {
            throw new IllegalArgumentException("mlm must be a modality position or " + NO_MLM
                    + ", got " + mlm);
        }
        if (!(mlmProbability > 0f && mlmProbability <= 1f)) {
            throw new IllegalArgumentException("mlmProbability must lie in (0, 1], got "
                    + mlmProbability);
        }
        if (mlmSlots < 1) {
            throw new IllegalArgumentException("mlmSlots must be at least 1, got " + mlmSlots);
        }
        if (!(negativeTemperature > 0f) || Float.isInfinite(negativeTemperature)) {
            throw new IllegalArgumentException("negativeTemperature must be positive, got "
                    + negativeTemperature);
        }
        if (pooling == null) {
            throw new IllegalArgumentException("pooling must be given");
        }
    }

    /**
     * Returns whether masked language modelling is on.
     *
     * @return true if {@code mlm} names a modality
     */
    public boolean hasMlm() {
        return mlm != NO_MLM;
    }

    /** How a modality's unimodal vector is read from the unimodal (within-modality) pass. */
    public enum UnimodalPooling {
        /** The masked mean of the modality's tokens; works for every projector. */
        MEAN,
        /**
         * The modality's first token: its own [CLS] when the projector emits one (ViT patches
         * and word pieces do), as VLMo reads its image and text vectors.
         */
        FIRST
    }
}
