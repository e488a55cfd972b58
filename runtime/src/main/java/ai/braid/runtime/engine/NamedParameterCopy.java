package ai.braid.runtime.engine;

import ai.braid.api.UserInputException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies saved arrays into a block's parameters by their names relative to the block: every
 * saved array whose name and shape match a parameter is copied into it; the block's other
 * parameters keep their fresh initialisation, so a block may add layers to a saved one.
 */
final class NamedParameterCopy {

    private static final Logger LOG = LoggerFactory.getLogger(NamedParameterCopy.class);

    private NamedParameterCopy() {}

    /**
     * Copies the matching arrays.
     *
     * @param where the pipeline path the copy answers to, for messages
     * @param file the file the arrays came from, for messages
     * @param saved the arrays, each named by its parameter's name relative to the block
     * @param block the block to fill
     * @param what how messages call the block, e.g. "the projector of 'image'"
     * @throws UserInputException naming {@code where} if an array of a matching name has
     *     another shape, or if no array matches at all
     */
    static void copy(String where, Path file, NDList saved, Block block, String what) {
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
                        + "' of shape " + array.getShape() + ", but " + what + " has it of"
                        + " shape " + weight.getShape() + "; give it the options of the run it"
                        + " starts from");
            } else {
                matches.put(entry.getValue(), array);
            }
        }
        if (matches.isEmpty()) {
            throw new UserInputException(where + ": no array of " + file + " matches a"
                    + " parameter of " + what + " by name; it holds "
                    + saved.stream().map(NDArray::getName).toList() + ", " + what + " has "
                    + names);
        }
        matches.forEach(NamedParameterCopy::overwrite);
        LOG.info("{}: copied {} of {} parameters of {} from {}{}", where, matches.size(),
                names.size(), what, file, fresh.isEmpty() ? ""
                        : "; freshly initialised: " + String.join(", ", fresh));
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
