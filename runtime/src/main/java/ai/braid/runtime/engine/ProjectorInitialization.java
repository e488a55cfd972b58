package ai.braid.runtime.engine;

import ai.braid.api.UserInputException;
import ai.braid.api.data.Modality;
import ai.braid.runtime.engine.checkpoint.CheckpointStore;
import ai.braid.runtime.pipeline.PipelineSpec;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts projectors from another run's parameters ({@code projectors.<modality>.init}): every
 * saved array whose name relative to the projector block and shape match one of the
 * projector's parameters is copied into it; the projector's other parameters keep their fresh
 * initialisation, so a projector may add layers to a pretrained one.
 */
final class ProjectorInitialization {

    private ProjectorInitialization() {}

    /**
     * Copies the parameters of every projector the pipeline initialises from another run.
     *
     * @param projectors the pipeline's projector declarations
     * @param model the initialised model
     * @param manager the model's manager, for scratch arrays
     * @throws UserInputException naming {@code projectors.<modality>.init} if the source has no
     *     checkpoint, no parameters for the modality, an array of a matching name but another
     *     shape, or no array that matches at all
     */
    static void apply(List<PipelineSpec.Projector> projectors, BraidModel model,
            NDManager manager) {
        Map<String, Block> blocks = model.projectorBlocks();
        for (PipelineSpec.Projector declared : projectors) {
            if (declared.init() != null) {
                copy(declared.modality(), declared.init(),
                        blocks.get(declared.modality().name()), manager);
            }
        }
    }

    /**
     * Reads what the source runs' projectors fitted, for every projector the pipeline
     * initialises from another run.
     *
     * @param projectors the pipeline's projector declarations
     * @return the fitted states by the name of the modality that declares {@code init}; a
     *     source that saved no state for its modality (it shared the projector of another
     *     modality) has none, and the projector fits on this run's data
     * @throws UserInputException naming {@code projectors.<modality>.init} if a source has no
     *     checkpoint
     */
    static Map<String, byte[]> fittedStates(List<PipelineSpec.Projector> projectors) {
        Map<String, byte[]> states = new LinkedHashMap<>();
        for (PipelineSpec.Projector declared : projectors) {
            if (declared.init() != null) {
                byte[] state = CheckpointStore.readProjectorStates(
                        checkpoint(declared.modality(), declared.init()))
                        .get(declared.init().modality().name());
                if (state != null) {
                    states.put(declared.modality().name(), state);
                }
            }
        }
        return states;
    }

    private static Path checkpoint(Modality modality, PipelineSpec.ProjectorInit init) {
        return CheckpointStore.find(init.path()).orElseThrow(() -> new UserInputException(
                "projectors." + modality + ".init: no checkpoint in " + init.path() + "; expected"
                        + " the --out folder of a braid train run, its checkpoint/ folder or an"
                        + " epoch folder inside it"));
    }

    private static void copy(Modality modality, PipelineSpec.ProjectorInit init, Block block,
            NDManager manager) {
        String where = "projectors." + modality + ".init";
        Path folder = checkpoint(modality, init);
        String source = init.modality().name();
        Path file = CheckpointStore.projectorParametersFile(folder, source);
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(where + ": " + file + " does not exist; expected the"
                    + " parameters of the projector of '" + source + "' there (that run saved"
                    + " them for " + CheckpointStore.projectorParameterModalities(folder)
                    + "; name another with init: {path: ..., modality: NAME})");
        }
        try (NDManager scratch = manager.newSubManager()) {
            NamedParameterCopy.copy(where, file,
                    CheckpointStore.readProjectorParameters(folder, source, scratch), block,
                    "the projector of '" + modality + "'");
        }
    }
}
