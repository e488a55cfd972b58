package ai.braid.runtime.engine;

import ai.braid.runtime.engine.quant.Int8Export;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code braid quantize} measured: the float32 model and its int8 export, each with its
 * size in bytes (actual files) and its metrics on the validation and test splits.
 *
 * @param pipeline the pipeline's name
 * @param checkpoint the epoch folder that was quantised
 * @param floatFile the checkpoint's float32 parameters file
 * @param floatBytes its size
 * @param floatMetrics the float32 model's metrics per split label, in evaluation order
 * @param int8File the export's parameters file
 * @param export what the export holds, its file size included
 * @param int8Metrics the metrics of the model with the export's dequantised weights
 */
public record QuantizationReport(String pipeline, String checkpoint, String floatFile,
        long floatBytes, Map<String, Map<String, Double>> floatMetrics, String int8File,
        Int8Export.Summary export, Map<String, Map<String, Double>> int8Metrics) {

    /** Copies the maps (keeping their order) and checks for null. */
    public QuantizationReport {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(floatFile, "floatFile");
        Objects.requireNonNull(int8File, "int8File");
        Objects.requireNonNull(export, "export");
        floatMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(floatMetrics));
        int8Metrics = Collections.unmodifiableMap(new LinkedHashMap<>(int8Metrics));
    }

    /**
     * Returns the report as JSON-ready maps: {@code {float: {bytes, file, metrics}, int8:
     * {bytes, file, metrics}, ...}} with the scheme, the quantised weights' count and their
     * bytes as float32 and as int8 plus scales.
     *
     * @return ordered maps of numbers and strings
     */
    public Map<String, Object> toMap() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("pipeline", pipeline);
        root.put("checkpoint", checkpoint);
        root.put("scheme", export.scheme().label());
        root.put("float", model(floatBytes, floatFile, floatMetrics));
        root.put("int8", model(export.fileBytes(), int8File, int8Metrics));
        root.put("sizeRatio", (double) floatBytes / export.fileBytes());
        Map<String, Object> weights = new LinkedHashMap<>();
        weights.put("parameters", export.quantizedParameters());
        weights.put("values", export.quantizedValues());
        weights.put("float32Bytes", export.quantizedFloat32Bytes());
        weights.put("int8Bytes", export.quantizedInt8Bytes());
        root.put("quantizedWeights", weights);
        root.put("floatParameterValues", export.floatValues());
        return root;
    }

    private static Map<String, Object> model(
            long bytes, String file, Map<String, Map<String, Double>> metrics) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("bytes", bytes);
        model.put("file", file);
        model.put("metrics", metrics);
        return model;
    }
}
