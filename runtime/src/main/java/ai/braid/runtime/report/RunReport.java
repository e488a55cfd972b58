package ai.braid.runtime.report;

import ai.braid.api.UserInputException;
import ai.braid.api.io.AtomicFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The summary of a finished run, {@code DIR/report.json}.
 *
 * <pre>{@code
 * RunReport.builder()
 *         .setPipeline("fashion-mlp").setSeed(42).setDevice("cpu()")
 *         .setEpochs(10).setSteps(18_750).setWallSeconds(312.4)
 *         .optSamplesPerSecond(1_920.5)
 *         .optSelection("accuracy", 0.893, 8)
 *         .addMetrics("validation", Map.of("loss", 0.31, "accuracy", 0.893))
 *         .putExtra("parameters", 118_282)
 *         .build()
 *         .write(out);
 * }</pre>
 *
 * <p>The file is pretty-printed JSON with the keys {@code pipeline, seed, epochs, bestEpoch,
 * selectionMetric, selectionValue, metrics, wallSeconds, samplesPerSecond, steps, device,
 * stoppedEarly, extra}. Absent facts (no selection metric, no best epoch) and NaN numbers are
 * written as {@code null}.
 *
 * @param pipeline the pipeline's name
 * @param seed the seed of every random choice
 * @param epochs epochs run, fewer than configured when stopped early
 * @param bestEpoch the epoch whose parameters were kept as the best, from 1; 0 when none was
 *     selected
 * @param selectionMetric the validation metric that picked the best epoch; empty when none
 * @param selectionValue that metric's value at the best epoch; NaN when none
 * @param metrics the final values by split, then by name, e.g. {@code metrics.get("test")
 *     .get("accuracy")}; unmodifiable, in insertion order
 * @param wallSeconds wall-clock seconds of the whole run
 * @param samplesPerSecond training samples per second over the run; NaN when unknown
 * @param steps optimizer steps taken
 * @param device the device the model ran on, e.g. "gpu(0)"
 * @param stoppedEarly whether early stopping ended the run before its last epoch
 * @param extra free-form entries (strings, numbers, booleans, lists and maps of them); after a
 *     round trip through the file they come back as JSON's Java types; unmodifiable
 */
public record RunReport(String pipeline, long seed, int epochs, int bestEpoch,
        String selectionMetric, double selectionValue, Map<String, Map<String, Double>> metrics,
        double wallSeconds, double samplesPerSecond, long steps, String device,
        boolean stoppedEarly, Map<String, Object> extra) {

    /** The file's name inside the output directory. */
    public static final String FILE_NAME = "report.json";

    /**
     * Checks every field and freezes copies of the maps, keeping their order.
     *
     * @throws IllegalArgumentException if a count is negative or a map holds a null
     */
    public RunReport {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(selectionMetric, "selectionMetric");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(extra, "extra");
        if (epochs < 0 || bestEpoch < 0 || steps < 0) {
            throw new IllegalArgumentException("epochs, bestEpoch and steps must be >= 0, got "
                    + epochs + ", " + bestEpoch + ", " + steps);
        }
        Map<String, Map<String, Double>> metricsCopy = new LinkedHashMap<>();
        metrics.forEach((split, values) -> {
            Map<String, Double> valuesCopy = new LinkedHashMap<>();
            Objects.requireNonNull(values, () -> "metrics of split " + split).forEach(
                    (name, value) -> valuesCopy.put(Objects.requireNonNull(name, "metric name"),
                            Objects.requireNonNull(value, () -> "metric " + split + "/" + name)));
            metricsCopy.put(Objects.requireNonNull(split, "split"),
                    Collections.unmodifiableMap(valuesCopy));
        });
        metrics = Collections.unmodifiableMap(metricsCopy);
        Map<String, Object> extraCopy = new LinkedHashMap<>();
        extra.forEach((key, value) -> extraCopy.put(Objects.requireNonNull(key, "extra key"),
                Objects.requireNonNull(value, () -> "extra entry " + key)));
        extra = Collections.unmodifiableMap(extraCopy);
    }

    /**
     * Starts a report.
     *
     * @return a builder with no metrics, no selection and no extra entries
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns where the report of an output directory lives.
     *
     * @param outDir the run's output directory
     * @return {@code outDir/report.json}
     */
    public static Path file(Path outDir) {
        return Objects.requireNonNull(outDir, "outDir").resolve(FILE_NAME);
    }

    /**
     * Renders this report as pretty-printed JSON.
     *
     * @return the JSON text, ending with a line break
     */
    public String toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("pipeline", pipeline);
        node.put("seed", seed);
        node.put("epochs", epochs);
        if (bestEpoch > 0) {
            node.put("bestEpoch", bestEpoch);
        } else {
            node.set("bestEpoch", NullNode.getInstance());
        }
        if (selectionMetric.isEmpty()) {
            node.set("selectionMetric", NullNode.getInstance());
        } else {
            node.put("selectionMetric", selectionMetric);
        }
        node.set("selectionValue", Json.number(selectionValue));
        ObjectNode metricsNode = node.putObject("metrics");
        metrics.forEach((split, values) -> {
            ObjectNode splitNode = metricsNode.putObject(split);
            values.forEach((name, value) -> splitNode.set(name, Json.number(value)));
        });
        node.set("wallSeconds", Json.number(wallSeconds));
        node.set("samplesPerSecond", Json.number(samplesPerSecond));
        node.put("steps", steps);
        node.put("device", device);
        node.put("stoppedEarly", stoppedEarly);
        node.set("extra", Json.MAPPER.valueToTree(extra));
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code outDir/report.json}, creating the directory if needed. The text goes to a
     * temporary file in the same directory that then replaces the report in one atomic rename,
     * so a reader never sees half a report.
     *
     * @param outDir the run's output directory
     * @return the written file
     * @throws IOException if writing fails
     */
    public Path write(Path outDir) throws IOException {
        Path target = file(outDir);
        AtomicFiles.writeString(target, toJson());
        return target;
    }

    /**
     * Reads a report written by {@link #write(Path)}.
     *
     * @param file a {@code report.json} file
     * @return the report
     * @throws UserInputException naming the file and the field if the file is not a report
     * @throws IOException if the file cannot be read
     */
    public static RunReport read(Path file) throws IOException {
        String text = Files.readString(Objects.requireNonNull(file, "file"),
                StandardCharsets.UTF_8);
        try {
            return fromJson(text);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(file + ": not a run report: " + e.getMessage(), e);
        }
    }

    /**
     * Parses what {@link #toJson()} wrote.
     *
     * @param json the report's JSON text
     * @return the report
     * @throws IllegalArgumentException naming the field if the text is not a report
     */
    public static RunReport fromJson(String json) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(Objects.requireNonNull(json, "json"));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        Builder builder = builder()
                .setPipeline(Json.toText(node.get("pipeline"), "pipeline"))
                .setSeed(Json.toLong(node.get("seed"), "seed"))
                .setEpochs(Json.toInt(node.get("epochs"), "epochs"))
                .setSteps(Json.toLong(node.get("steps"), "steps"))
                .setWallSeconds(Json.toDouble(node.get("wallSeconds"), "wallSeconds"))
                .setDevice(Json.toText(node.get("device"), "device"))
                .optSamplesPerSecond(
                        Json.toDouble(node.get("samplesPerSecond"), "samplesPerSecond"))
                .optStoppedEarly(Json.toBoolean(node.get("stoppedEarly"), "stoppedEarly"));
        JsonNode best = node.path("bestEpoch");
        JsonNode metric = node.path("selectionMetric");
        JsonNode value = node.path("selectionValue");
        builder.optSelection(
                absent(metric) ? "" : Json.toText(metric, "selectionMetric"),
                absent(value) ? Double.NaN : Json.toDouble(value, "selectionValue"),
                absent(best) ? 0 : Json.toInt(best, "bestEpoch"));
        JsonNode metrics = node.path("metrics");
        if (!metrics.isMissingNode()) {
            if (!metrics.isObject()) {
                throw new IllegalArgumentException("'metrics' must be an object of splits");
            }
            for (Iterator<Map.Entry<String, JsonNode>> splits = metrics.fields();
                    splits.hasNext(); ) {
                Map.Entry<String, JsonNode> split = splits.next();
                if (!split.getValue().isObject()) {
                    throw new IllegalArgumentException(
                            "'metrics." + split.getKey() + "' must be an object of numbers");
                }
                Map<String, Double> values = new LinkedHashMap<>();
                split.getValue().fields().forEachRemaining(entry -> values.put(entry.getKey(),
                        Json.toDouble(entry.getValue(),
                                "metrics." + split.getKey() + "." + entry.getKey())));
                builder.addMetrics(split.getKey(), values);
            }
        }
        JsonNode extra = node.path("extra");
        if (!extra.isMissingNode() && !extra.isNull()) {
            if (!extra.isObject()) {
                throw new IllegalArgumentException("'extra' must be an object");
            }
            extra.fields().forEachRemaining(entry -> {
                if (!entry.getValue().isNull()) {
                    builder.putExtra(entry.getKey(),
                            Json.MAPPER.convertValue(entry.getValue(), Object.class));
                }
            });
        }
        return builder.build();
    }

    private static boolean absent(JsonNode node) {
        return node.isMissingNode() || node.isNull();
    }

    /** Builds a {@link RunReport}; {@code set*} facts every run has, {@code opt*} the rest. */
    public static final class Builder {

        private String pipeline;
        private long seed;
        private int epochs;
        private int bestEpoch;
        private String selectionMetric = "";
        private double selectionValue = Double.NaN;
        private final Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        private double wallSeconds = Double.NaN;
        private double samplesPerSecond = Double.NaN;
        private long steps;
        private String device = "";
        private boolean stoppedEarly;
        private final Map<String, Object> extra = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Sets the pipeline's name (required).
         *
         * @param pipeline the name
         * @return this builder
         */
        public Builder setPipeline(String pipeline) {
            this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
            return this;
        }

        /**
         * Sets the run's seed.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder setSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets how many epochs ran.
         *
         * @param epochs epochs run
         * @return this builder
         */
        public Builder setEpochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /**
         * Sets how many optimizer steps were taken.
         *
         * @param steps steps taken
         * @return this builder
         */
        public Builder setSteps(long steps) {
            this.steps = steps;
            return this;
        }

        /**
         * Sets the run's wall-clock time.
         *
         * @param wallSeconds seconds
         * @return this builder
         */
        public Builder setWallSeconds(double wallSeconds) {
            this.wallSeconds = wallSeconds;
            return this;
        }

        /**
         * Sets the device the model ran on.
         *
         * @param device e.g. "cpu()" or "gpu(0)"
         * @return this builder
         */
        public Builder setDevice(String device) {
            this.device = Objects.requireNonNull(device, "device");
            return this;
        }

        /**
         * Sets the training throughput.
         *
         * @param samplesPerSecond training samples per second; NaN when unknown (the default)
         * @return this builder
         */
        public Builder optSamplesPerSecond(double samplesPerSecond) {
            this.samplesPerSecond = samplesPerSecond;
            return this;
        }

        /**
         * Sets how the best epoch was chosen.
         *
         * @param metric the validation metric that chose it; empty for none (the default)
         * @param value its value at the best epoch
         * @param bestEpoch the chosen epoch, from 1; 0 for none
         * @return this builder
         */
        public Builder optSelection(String metric, double value, int bestEpoch) {
            this.selectionMetric = Objects.requireNonNull(metric, "metric");
            this.selectionValue = value;
            this.bestEpoch = bestEpoch;
            return this;
        }

        /**
         * Sets whether early stopping ended the run.
         *
         * @param stoppedEarly true if it did; false by default
         * @return this builder
         */
        public Builder optStoppedEarly(boolean stoppedEarly) {
            this.stoppedEarly = stoppedEarly;
            return this;
        }

        /**
         * Adds the final values of one split, merged into any added before.
         *
         * @param split e.g. "test"
         * @param values the values by name
         * @return this builder
         */
        public Builder addMetrics(String split, Map<String, Double> values) {
            Objects.requireNonNull(values, "values");
            metrics.computeIfAbsent(Objects.requireNonNull(split, "split"),
                    s -> new LinkedHashMap<>()).putAll(values);
            return this;
        }

        /**
         * Adds one free-form entry, replacing one with the same key.
         *
         * @param key the entry's name
         * @param value a string, number, boolean, or a list or map of those
         * @return this builder
         */
        public Builder putExtra(String key, Object value) {
            extra.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Builds the report.
         *
         * @return the report
         * @throws IllegalStateException if no pipeline name was set
         */
        public RunReport build() {
            if (pipeline == null) {
                throw new IllegalStateException("setPipeline must be called before build");
            }
            return new RunReport(pipeline, seed, epochs, bestEpoch, selectionMetric,
                    selectionValue, metrics, wallSeconds, samplesPerSecond, steps, device,
                    stoppedEarly, extra);
        }
    }
}
