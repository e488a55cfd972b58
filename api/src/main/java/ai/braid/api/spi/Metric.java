package ai.braid.api.spi;

import ai.braid.api.data.MetricValue;
import ai.djl.ndarray.NDList;
import java.util.List;

/**
 * Accumulates one evaluation pass over a split, then reports its values.
 *
 * <p>A metric copies what it needs out of each batch (counts, or embeddings for ranking), since
 * the batch's arrays are closed after {@link #update}.
 */
public interface Metric {

    /**
     * Adds one batch.
     *
     * @param outputs the task head's named outputs for the batch
     * @param targets the task's named targets for the batch
     */
    void update(NDList outputs, NDList targets);

    /**
     * Returns the values over everything added so far.
     *
     * @return one or more values, e.g. precision, recall and F1
     */
    List<MetricValue> compute();
}
