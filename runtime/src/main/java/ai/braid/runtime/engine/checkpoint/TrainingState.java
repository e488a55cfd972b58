package ai.braid.runtime.engine.checkpoint;

/**
 * Where a run stands after an epoch: enough, with the parameters and optimizer state, to
 * continue it exactly. Random state is a function of the seed and the step (every step reseeds
 * the engine with both, every epoch shuffles with the seed and the epoch), so seed and step are
 * the random state.
 *
 * @param epoch the epochs completed
 * @param step the optimisation steps completed
 * @param seed the run's seed
 * @param bestEpoch the epoch with the best selection metric so far, 0 if none
 * @param bestValue its value, NaN if none
 * @param epochsWithoutImprovement for early stopping
 */
public record TrainingState(
        int epoch,
        long step,
        long seed,
        int bestEpoch,
        double bestValue,
        int epochsWithoutImprovement) {}
