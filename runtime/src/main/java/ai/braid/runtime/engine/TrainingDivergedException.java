package ai.braid.runtime.engine;

import java.util.List;

/**
 * Training produced a NaN or infinite loss. Names the step, the loss term and the batch's
 * samples, so the run can be repeated on them.
 */
public final class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final int SHOWN_IDS = 20;

    /**
     * Creates the exception.
     *
     * @param step the 0-based step
     * @param term the loss term, e.g. "loss/cross-entropy"
     * @param value its value
     * @param ids the batch's sample ids
     */
    public TrainingDivergedException(long step, String term, double value, List<String> ids) {
        super("training diverged at step " + step + ": " + term + " = " + value
                + " on the batch of samples " + shown(ids) + ". Lower train.lr, keep"
                + " train.clipNorm > 0, or check these samples; the last checkpoint is kept.");
    }

    private static String shown(List<String> ids) {
        if (ids.size() <= SHOWN_IDS) {
            return String.join(", ", ids);
        }
        return String.join(", ", ids.subList(0, SHOWN_IDS)) + " ... (" + ids.size() + " in all)";
    }
}
