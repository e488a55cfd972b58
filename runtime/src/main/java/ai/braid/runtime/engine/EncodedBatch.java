package ai.braid.runtime.engine;

import ai.djl.ndarray.NDList;
import java.util.List;

/**
 * A batch ready for the model.
 *
 * @param inputs the projectors' preprocessed arrays, modality after modality
 * @param targets the task's named targets
 * @param ids the samples' ids, in batch order, for error messages
 */
record EncodedBatch(NDList inputs, NDList targets, List<String> ids) {

    EncodedBatch {
        ids = List.copyOf(ids);
    }
}
