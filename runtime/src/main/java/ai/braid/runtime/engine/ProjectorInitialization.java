package ai.braid.runtime.engine;

import ai.braid.api.UserInputException;
import ai.braid.api.data.Modality;
import ai.braid.runtime.engine.checkpoint.CheckpointStore;
import ai.braid.runtime.pipeline.PipelineSpec;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts projectors from another run's parameters ({@code projectors.<modality>.init}): every
 * saved array whose name relative to the projector block and shape match one of the
 * projector's parameters is copied into it; the projector's other parameters keep their fresh
 * initialisation, so a projector may add layers to a pretrained one.
 */
final class ProjectorInitialization {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectorInitialization.class);

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
            NDList saved = CheckpointStore.readProjectorParameters(folder, source, scratch);
            Map<Parameter, NDArray> matches = new LinkedHashMap<>();
            List<String> fresh = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (Pair<String, Parameter> entry : block.getParameters()) {
                String name = entry.getKey();
                names.add(name);
                NDArray weight = entry.getValue().getArray();
                NDArray array = saved.get(name);
                if (array == null) {
                    fresh.add(name);
                } else if (!array.getShape().equals(weight.getShape())) {
                    throw new UserInputException(where + ": " + file + " holds '" + name
                            + "' of shape " + array.getShape() + ", but the projector of '"
                            + modality + "' has it of shape " + weight.getShape()
                            + "; give the projector the options of the run it starts from");
                } else {
                    matches.put(entry.getValue(), array);
                }
            }
            if (matches.isEmpty()) {
                throw new UserInputException(where + ": no array of " + file + " matches a"
                        + " parameter of the projector of '" + modality + "' by name; it holds "
                        + saved.stream().map(NDArray::getName).toList() + ", the projector has "
                        + names);
            }
            matches.forEach(ProjectorInitialization::overwrite);
            LOG.info("{}: copied {} of {} parameters from {}{}", where, matches.size(),
                    names.size(), file, fresh.isEmpty() ? ""
                            : "; freshly initialised: " + String.join(", ", fresh));
        }
    }

    /** Writes values into a parameter in place, so blocks and stores keep their arrays. */
    private static void overwrite(Parameter parameter, NDArray values) {
        NDArray weight = parameter.getArray();
        // An in-place write into a leaf that requires a gradient is refused by the engine;
        // the caller marks trainable parameters again afterwards.
        weight.setRequiresGradient(false);
        try (NDArray moved = values.toDevice(weight.getDevice(), true)) {
            weight.subi(weight).addi(moved.toType(weight.getDataType(), false));
        }
    }
}
