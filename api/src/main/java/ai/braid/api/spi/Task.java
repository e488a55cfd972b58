package ai.braid.api.spi;

import ai.braid.api.data.MetricValue;
import ai.braid.api.data.Sample;
import ai.braid.api.data.Split;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the model is for: its head, its targets, its metrics and the form of its predictions.
 *
 * <p>One interface covers the shapes of work Braid runs: classification (a linear head on the
 * pooled vector, accuracy and F1), sequence labelling (emissions and CRF transitions as outputs,
 * Viterbi decoding in {@link #predict}), retrieval (per-modality embeddings as outputs, metrics
 * that accumulate a whole split before ranking), unsupervised generation (the input itself as
 * target, a metric that draws its own samples through {@link #evaluateModel}, pictures of the
 * model through {@link #drawFigures}) and iterative sampling at inference ({@link #predict}
 * calls the model many times).
 */
public interface Task {

    /**
     * Returns the task head, appended after the fusion block in the model.
     *
     * @return a block whose input is a {@link ai.braid.api.data.FusedOutput} as an {@link
     *     NDList} and whose output is the named arrays of {@link #outputs()}
     */
    Block head();

    /**
     * Returns the names of the head's outputs, e.g. {@code {"logits"}}. Objectives and metrics
     * read outputs by these names.
     *
     * @return the output names
     */
    Set<String> outputs();

    /**
     * Returns the names of the arrays {@link #targets} builds, e.g. {@code {"label"}}.
     * Objectives and metrics read targets by these names.
     *
     * @return the target names; empty for tasks without targets
     */
    Set<String> targetNames();

    /**
     * Builds the target arrays of a batch from its samples.
     *
     * @param samples the batch, B samples
     * @param manager the manager that owns the arrays
     * @return named arrays with B rows each, e.g. {@code label} of shape (B)
     * @throws ai.braid.api.UserInputException if a sample lacks a target; names the sample id
     */
    NDList targets(List<Sample> samples, NDManager manager);

    /**
     * Returns the objectives used when the pipeline names none, by component name.
     *
     * @return objective names, e.g. {@code ["cross-entropy"]}
     */
    List<String> defaultObjectives();

    /**
     * Creates fresh metric accumulators for one evaluation pass over a split.
     *
     * @return new, empty metrics
     */
    List<Metric> newMetrics();

    /**
     * Returns the metric that picks the best checkpoint and drives early stopping unless the
     * pipeline chooses another.
     *
     * @return a metric name produced by {@link #newMetrics()}
     */
    String selectionMetric();

    /**
     * Predicts for a batch of samples and formats the predictions as JSON-ready maps (strings,
     * numbers, booleans, lists and maps of those).
     *
     * @param inference runs the trained model
     * @param samples the batch
     * @return one prediction per sample, in order; each includes the sample's id
     */
    List<Map<String, Object>> predict(Inference inference, List<Sample> samples);

    /**
     * Computes metrics that need the model itself rather than a pass over the split, such as a
     * disentanglement score that encodes samples it generates. Called after the per-split
     * metrics.
     *
     * @param inference runs the trained model
     * @param split the split being evaluated
     * @return extra metric values; empty by default
     */
    default List<MetricValue> evaluateModel(Inference inference, Split split) {
        return List.of();
    }

    /**
     * Draws pictures of the trained model, such as latent traversals or reconstructions, as
     * PNG files into a directory. Called once after training with the best checkpoint's
     * parameters loaded, with the run's {@code plots/} folder, and by {@code braid eval
     * --figures DIR}. A figure whose input is missing (an optional modality, a file the
     * dataset does not have) is skipped, not reported as an error. Write each file with
     * {@link ai.braid.api.io.AtomicFiles}, so a failed drawing leaves the earlier picture.
     *
     * @param inference runs the trained model
     * @param directory where the files go; it exists
     * @throws java.io.UncheckedIOException wrapping the IOException of a file that cannot be
     *     written
     */
    default void drawFigures(Inference inference, Path directory) {}
}
