package ai.braid.runtime.engine;

import ai.braid.api.UserInputException;
import ai.braid.runtime.engine.checkpoint.CheckpointStore;
import ai.braid.runtime.pipeline.TrainSettings;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Starts a fresh run from another run's checkpoint ({@code train.init}), as a fine-tuning
 * pipeline starts from a pre-training one: the projectors take over that run's fitted states
 * (so word pieces keep their ids), and the projectors and the fusion its parameters, matched by
 * name and shape. The task head starts fresh: the two runs' tasks may differ.
 */
final class RunInitialization {

    private static final String WHERE = "train.init";

    private final Path folder;

    private RunInitialization(Path folder) {
        this.folder = folder;
    }

    /**
     * Finds the checkpoint a pipeline starts from.
     *
     * @param settings the pipeline's training settings
     * @return the initialisation, or empty if {@code train.init} is not set
     * @throws UserInputException naming {@code train.init} if the path holds no checkpoint
     */
    static Optional<RunInitialization> of(TrainSettings settings) {
        return settings.init().map(path -> new RunInitialization(CheckpointStore.find(path)
                .orElseThrow(() -> new UserInputException(WHERE + ": no checkpoint in " + path
                        + "; expected the --out folder of a braid train run, its checkpoint/"
                        + " folder or an epoch folder inside it"))));
    }

    /**
     * Returns the source run's fitted projector states.
     *
     * @return the states by the name of the first modality each projector serves
     */
    Map<String, byte[]> fittedStates() {
        return CheckpointStore.readProjectorStates(folder);
    }

    /**
     * Copies the source run's projector and fusion parameters into a freshly built model.
     *
     * @param model the model
     * @param manager the model's manager, for scratch arrays
     * @throws UserInputException naming {@code train.init} if the source has no fusion
     *     parameters, or holds an array of a matching name but another shape
     */
    void copyParameters(BraidModel model, NDManager manager) {
        Path fusion = CheckpointStore.fusionParametersFile(folder);
        if (!Files.isRegularFile(fusion)) {
            throw new UserInputException(WHERE + ": " + fusion + " does not exist; the run in "
                    + folder + " was saved before Braid kept its fusion's parameters by name."
                    + " Train it again, or start only its projectors with projectors.<modality>"
                    + ".init");
        }
        try (NDManager scratch = manager.newSubManager()) {
            Set<Block> done = Collections.newSetFromMap(new IdentityHashMap<>());
            model.projectorBlocks().forEach((modality, block) -> {
                Path file = CheckpointStore.projectorParametersFile(folder, modality);
                if (done.add(block) && Files.isRegularFile(file)
                        && !block.getParameters().isEmpty()) {
                    NamedParameterCopy.copy(WHERE, file,
                            CheckpointStore.readNamedParameters(file, scratch), block,
                            "the projector of '" + modality + "'");
                }
            });
            NamedParameterCopy.copy(WHERE, fusion,
                    CheckpointStore.readNamedParameters(fusion, scratch),
                    Objects.requireNonNull(model.fusionBlock()), "the fusion");
        }
    }
}
