package ai.braid.runtime.engine.optim;

import ai.djl.training.tracker.CosineTracker;
import ai.djl.training.tracker.LinearTracker;
import ai.djl.training.tracker.Tracker;
import ai.djl.training.tracker.WarmUpTracker;

/**
 * The learning rate at each optimisation step: linear warm-up from 0, then cosine or linear
 * decay to 0 at the last step, or constant. Built on DJL's trackers, indexed by the global
 * step so a resumed run continues the same curve.
 */
public final class LearningRateSchedule {

    private final Tracker tracker;

    private LearningRateSchedule(Tracker tracker) {
        this.tracker = tracker;
    }

    /**
     * Creates a schedule.
     *
     * @param kind "cosine", "linear" or "constant"
     * @param peak the rate after warm-up
     * @param warmupSteps steps of linear warm-up
     * @param totalSteps steps of the whole run
     * @return the schedule
     */
    public static LearningRateSchedule of(
            String kind, float peak, int warmupSteps, long totalSteps) {
        int decaySteps = (int) Math.max(1, Math.min(Integer.MAX_VALUE, totalSteps - warmupSteps));
        Tracker main = switch (kind) {
            case "cosine" -> CosineTracker.builder().setBaseValue(peak).optFinalValue(0f)
                    .setMaxUpdates(decaySteps).build();
            case "linear" -> LinearTracker.builder().setBaseValue(peak)
                    .optSlope(-peak / decaySteps).optMinValue(0f).build();
            case "constant" -> Tracker.fixed(peak);
            default -> throw new IllegalArgumentException("unknown schedule " + kind);
        };
        if (warmupSteps == 0) {
            return new LearningRateSchedule(main);
        }
        return new LearningRateSchedule(WarmUpTracker.builder().setMainTracker(main)
                .optWarmUpSteps(warmupSteps).optWarmUpBeginValue(0f).build());
    }

    /**
     * Returns the rate of a step.
     *
     * @param step the 0-based optimisation step
     * @return the learning rate
     */
    public float at(long step) {
        return tracker.getNewValue((int) Math.min(Integer.MAX_VALUE, step));
    }
}
