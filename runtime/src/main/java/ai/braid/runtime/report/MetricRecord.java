package ai.braid.runtime.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One line of {@code metrics.jsonl}: the values measured on one split at one training step.
 *
 * <p>Its JSON form is flat, the four fixed fields first and then every value in insertion
 * order:
 *
 * <pre>{@code
 * {"step":1200,"epoch":3,"split":"train","time":81.5,"loss":0.42,"loss/cross-entropy":0.42,"lr":9.5E-4}
 * }</pre>
 *
 * <p>Value names are free ({@code "loss"}, {@code "loss/<term>"} for each loss term,
 * {@code "accuracy"}, {@code "recall@1_i2t"}, {@code "lr"}) except for the four fixed field
 * names. A NaN value is written as {@code null}, an infinite one as {@code "Infinity"} or
 * {@code "-Infinity"}.
 *
 * @param step optimizer steps taken so far, from 0
 * @param epoch the epoch the step belongs to
 * @param split which data the values were measured on, e.g. {@link #TRAIN}
 * @param time wall-clock seconds since the run started
 * @param values the measured values by name, in the order they are written; unmodifiable
 */
public record MetricRecord(long step, int epoch, String split, double time,
        Map<String, Double> values) {

    /** The split the model learns from. */
    public static final String TRAIN = "train";

    /** The split that selects the best epoch. */
    public static final String VALIDATION = "validation";

    /** The held-out split. */
    public static final String TEST = "test";

    /** The names a value cannot take, because the fixed fields use them. */
    public static final Set<String> RESERVED_NAMES = Set.of("step", "epoch", "split", "time");

    /**
     * Checks every field and freezes a copy of the values, keeping their order.
     *
     * @throws IllegalArgumentException if step, epoch or time is negative, the split is blank, or
     *     a value name is reserved
     */
    public MetricRecord {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(values, "values");
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        if (split.isBlank()) {
            throw new IllegalArgumentException("split must not be blank");
        }
        if (time < 0 || Double.isNaN(time)) {
            throw new IllegalArgumentException("time must be >= 0 seconds, got " + time);
        }
        Map<String, Double> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Double> entry : values.entrySet()) {
            String name = Objects.requireNonNull(entry.getKey(), "value name");
            if (RESERVED_NAMES.contains(name)) {
                throw new IllegalArgumentException("value name '" + name
                        + "' is reserved; reserved names are " + RESERVED_NAMES);
            }
            copy.put(name, Objects.requireNonNull(entry.getValue(),
                    () -> "value '" + name + "' is null; use NaN for an undefined value"));
        }
        values = Collections.unmodifiableMap(copy);
    }

    /**
     * Looks up one value.
     *
     * @param name the value's name, e.g. "loss"
     * @return the value, or NaN if this record has none by that name
     */
    public double value(String name) {
        Double value = values.get(name);
        return value == null ? Double.NaN : value;
    }

    /**
     * Renders this record as one line of JSON, without a line break.
     *
     * @return the compact JSON object
     */
    public String toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("step", step);
        node.put("epoch", epoch);
        node.put("split", split);
        node.set("time", Json.number(time));
        values.forEach((name, value) -> node.set(name, Json.number(value)));
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses what {@link #toJson()} wrote.
     *
     * @param json one JSON object
     * @return the record
     * @throws IllegalArgumentException saying what is wrong if the text is not valid JSON, not an
     *     object, lacks a fixed field, or has a value that is not a number
     */
    public static MetricRecord fromJson(String json) {
        Objects.requireNonNull(json, "json");
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object, got "
                    + (node == null || node.isMissingNode() ? "nothing" : node.getNodeType()));
        }
        long step = Json.toLong(node.get("step"), "step");
        int epoch = Json.toInt(node.get("epoch"), "epoch");
        String split = Json.toText(node.get("split"), "split");
        double time = Json.toDouble(node.get("time"), "time");
        Map<String, Double> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!RESERVED_NAMES.contains(field.getKey())) {
                values.put(field.getKey(), Json.toDouble(field.getValue(), field.getKey()));
            }
        }
        return new MetricRecord(step, epoch, split, time, values);
    }
}
