package ai.braid.api.spi;

import ai.braid.api.config.ComponentConfig;

/** Creates {@link Task}s; the pipeline's {@code task:} entry names one. */
public interface TaskFactory extends ComponentFactory {

    /**
     * Creates a task.
     *
     * @param config the validated options
     * @param context the dataset and the fusion's output width
     * @return the task
     * @throws ai.braid.api.UserInputException if the dataset lacks a target the task needs;
     *     the message names the target and the dataset's targets
     */
    Task create(ComponentConfig config, TaskContext context);
}
