package ai.braid.plugin.betavae.objective;

/**
 * The KL capacity of Burgess et al. (2018), "Understanding disentangling in beta-VAE": the
 * target KL {@code C} rises linearly from 0 to {@code max} over {@code steps} training steps
 * and stays there; the objective then penalises {@code gamma * |KL - C|} instead of {@code beta
 * * KL}, so the posterior is allowed to carry a growing amount of information.
 *
 * @param max the final capacity in nats, positive
 * @param steps the training steps to reach it, positive
 * @param gamma the penalty weight, positive
 */
public record CapacitySchedule(double max, long steps, double gamma) {

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if a value is not positive
     */
    public CapacitySchedule {
        if (!(max > 0) || steps <= 0 || !(gamma > 0)) {
            throw new IllegalArgumentException("capacity max " + max + ", steps " + steps
                    + " and gamma " + gamma + " must all be positive");
        }
    }

    /**
     * Returns the capacity at a step.
     *
     * @param step the 0-based global training step
     * @return {@code max * min(1, step / steps)}
     */
    public double at(long step) {
        return max * Math.min(1.0, Math.max(0L, step) / (double) steps);
    }
}
