package ai.braid.plugin.ssesf.pretrain;

import ai.braid.api.data.MetricValue;
import ai.braid.api.spi.Metric;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Objects;

/**
 * Accuracy of masked language modelling with the in-batch sampled softmax of {@link
 * MaskedTokenLoss}: the share of used masked slots whose best-scoring candidate (among the
 * batch's used slots) holds the right input token. Reports NaN before any used slot.
 */
public final class MaskedTokenAccuracy implements Metric {

    private final String name;
    private final String logits;
    private final String positives;
    private final String valid;
    private long correct;
    private long total;

    /**
     * Creates an empty metric.
     *
     * @param name the reported name
     * @param logits output name of the (B, K, N) logits
     * @param positives output name of the (B, K, N) correct answers
     * @param valid output name of the (B, K) slot validity
     */
    public MaskedTokenAccuracy(String name, String logits, String positives, String valid) {
        this.name = Objects.requireNonNull(name, "name");
        this.logits = Objects.requireNonNull(logits, "logits");
        this.positives = Objects.requireNonNull(positives, "positives");
        this.valid = Objects.requireNonNull(valid, "valid");
    }

    @Override
    public void update(NDList outputs, NDList targets) {
        MaskedTokenLoss.Flat flat =
                MaskedTokenLoss.Flat.read(outputs, logits, positives, valid, name);
        NDArray used = flat.valid();
        // unused candidates drop below every used one
        NDArray scores = flat.logits().add(used.sub(1f).mul(1e9f).reshape(1, flat.count()));
        NDArray best = scores.argMax(1).toType(DataType.INT64, false);
        NDArray hit = flat.positives().gather(best.reshape(flat.count(), 1), 1).squeeze(1);
        float[] hits = hit.mul(used).toFloatArray();
        float[] counted = used.toFloatArray();
        for (int i = 0; i < hits.length; i++) {
            correct += hits[i] > 0.5f ? 1 : 0;
            total += counted[i] > 0.5f ? 1 : 0;
        }
    }

    @Override
    public List<MetricValue> compute() {
        return List.of(new MetricValue(name, total == 0 ? Double.NaN : (double) correct / total,
                true));
    }
}
