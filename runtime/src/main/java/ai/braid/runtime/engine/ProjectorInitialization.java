package ai.braid.runtime.engine;

import ai.braid.api.UserInputException;
import ai.braid.api.data.Modality;
import ai.braid.runtime.engine.checkpoint.CheckpointStore;
import ai.braid.runtime.pipeline.PipelineSpec;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private static void copy(Modality modality, PipelineSpec.ProjectorInit init, Block block,
            NDManager manager) {
        String where = "projectors." + modality + ".init";
        Path folder = CheckpointStore.find(init.path()).orElseThrow(() -> new UserInputException(
                where + ": no checkpoint in " + init.path() + "; expected the --out folder of a"
                        + " braid train run, its checkpoint/ folder or an epoch folder inside it"));
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
