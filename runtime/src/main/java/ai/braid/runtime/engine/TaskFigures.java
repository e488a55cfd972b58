package ai.braid.runtime.engine;

import ai.braid.api.UserInputException;
import ai.braid.api.spi.Task;
import ai.braid.runtime.engine.data.PipelineData;
import ai.braid.runtime.engine.quant.WeightQuantizer;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Has a task draw its figures of a model ({@link Task#drawFigures}) into a directory. */
final class TaskFigures {

    private TaskFigures() {}

    /**
     * Creates the directory and lets the task draw with the model's current parameters,
     * fake-quantised when the pipeline trains int8-aware (the model its evaluation reports).
     *
     * @param setup the model
     * @param task the pipeline's task
     * @param directory where the files go
     * @param data the pipeline's data, for figures of chosen samples
     * @throws UserInputException if the directory cannot be created
     */
    static void draw(ModelSetup setup, Task task, Path directory, PipelineData data) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UserInputException("cannot create the figures folder " + directory + ": "
                    + e.getMessage());
        }
        try (NDManager manager = setup.manager().newSubManager();
                WeightQuantizer.FloatWeights floats = setup.quantizer().fakeQuantize(manager)) {
            task.drawFigures(new ModelInference(setup, manager, data), directory);
        }
    }
}
