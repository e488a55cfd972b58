package ai.braid.api.data;

import java.util.Objects;

/**
 * One metric computed on one split, e.g. accuracy = 0.91.
 *
 * @param name the metric's name as reported in {@code metrics.jsonl} and {@code report.json}
 * @param value the value
 * @param higherIsBetter direction used for best-checkpoint selection and early stopping
 */
public record MetricValue(String name, double value, boolean higherIsBetter) {

    /** Checks for nulls. */
    public MetricValue {
        Objects.requireNonNull(name, "name");
    }
}
