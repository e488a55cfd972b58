package ai.braid.api.spi;

import ai.braid.api.data.LossTerm;
import ai.djl.ndarray.NDList;
import java.util.List;
import java.util.Set;

/**
 * Turns model outputs and targets into named loss terms. Losses live outside models, so one
 * model trains under any combination of objectives.
 *
 * <p>Outputs and targets are {@link NDList}s of named arrays: the task head names its outputs
 * (for example {@code logits (B, C)}, {@code embedding (B, D)}, {@code mu (B, Z)}) and the task
 * names the targets it builds from samples (for example {@code label (B)}). The runtime checks
 * before training that the task provides every name the objective requires.
 */
public interface Objective {

    /**
     * Returns the names of the model outputs this objective reads.
     *
     * @return output names, e.g. {@code {"logits"}}
     */
    Set<String> requiredOutputs();

    /**
     * Returns the names of the targets this objective reads.
     *
     * @return target names, e.g. {@code {"label"}}; empty for unsupervised objectives
     */
    Set<String> requiredTargets();

    /**
     * Computes the loss terms of one batch.
     *
     * @param outputs the task head's named outputs
     * @param targets the task's named targets
     * @return one or more scalar terms with names unique within this objective
     */
    List<LossTerm> compute(NDList outputs, NDList targets);

    /**
     * Tells the objective which global training step comes next, for objectives whose form
     * follows a schedule (an annealed weight, a capacity raised over training). The runtime
     * calls it before every training step with the 0-based step; evaluations between steps see
     * the last step told. A resumed run starts again from its saved step, so schedules continue
     * exactly. Does nothing by default.
     *
     * @param step the 0-based global step about to run
     */
    default void beginStep(long step) {}
}
