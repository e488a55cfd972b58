package ai.braid.runtime.engine.data;

import ai.braid.api.UserInputException;
import ai.braid.api.data.Modality;
import ai.braid.api.data.Sample;
import ai.braid.api.spi.ModalityProjector;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a batch of samples into the model's input arrays with each modality's projector
 * preprocessing, in fusion order.
 */
public final class BatchEncoder {

    private final Map<Modality, ModalityProjector> projectors;

    /**
     * Creates an encoder.
     *
     * @param projectors each modality's projector, in fusion order
     */
    public BatchEncoder(Map<Modality, ModalityProjector> projectors) {
        this.projectors = Collections.unmodifiableMap(new LinkedHashMap<>(projectors));
    }

    /**
     * Returns the projectors this encoder runs.
     *
     * @return the projectors by modality, in fusion order
     */
    public Map<Modality, ModalityProjector> projectors() {
        return projectors;
    }

    /**
     * Preprocesses a batch.
     *
     * @param samples the batch
     * @param manager owns the arrays and decides their device
     * @return the model's inputs with the number of arrays of each modality
     * @throws ai.braid.api.UserInputException if a sample lacks a modality or a value cannot
     *     be decoded
     */
    public Encoded encode(List<Sample> samples, NDManager manager) {
        NDList inputs = new NDList();
        int[] arities = new int[projectors.size()];
        int m = 0;
        for (Modality modality : projectors.keySet()) {
            NDList arrays = encode(modality, samples, manager);
            arities[m++] = arrays.size();
            inputs.addAll(arrays);
        }
        return new Encoded(inputs, arities);
    }

    /**
     * Preprocesses one modality of a batch with its projector.
     *
     * @param modality a modality this encoder has a projector for
     * @param samples the batch
     * @param manager owns the arrays and decides their device
     * @return the projector's preprocessed arrays
     * @throws ai.braid.api.UserInputException if there is no projector for the modality, a
     *     sample lacks it or a value cannot be decoded
     */
    public NDList encode(Modality modality, List<Sample> samples, NDManager manager) {
        ModalityProjector projector = projectors.get(modality);
        if (projector == null) {
            throw new UserInputException("the model has no projector for modality '" + modality
                    + "'; it has " + projectors.keySet());
        }
        List<Object> values = new ArrayList<>(samples.size());
        for (Sample sample : samples) {
            values.add(sample.input(modality, projector.inputType()));
        }
        return projector.preprocess(values, manager);
    }

    /**
     * A preprocessed batch.
     *
     * @param inputs the arrays, modality after modality
     * @param arities how many arrays each modality contributed
     */
    public record Encoded(NDList inputs, int[] arities) {

        /**
         * Returns the input shapes, for initialising the model.
         *
         * @return one shape per array
         */
        public Shape[] shapes() {
            return inputs.stream().map(NDArray::getShape).toArray(Shape[]::new);
        }
    }
}
