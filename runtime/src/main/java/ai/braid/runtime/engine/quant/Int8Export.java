package ai.braid.runtime.engine.quant;

import ai.braid.api.UserInputException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The int8 export of a model, a folder with two files:
 *
 * <ul>
 *   <li>{@code model.int8.ndlist}: every parameter by its model name. A quantised weight (C,
 *       ...) is an int8 array {@code q} plus a float32 array {@code <name>.scale} of (C) scales
 *       per channel or (1) per tensor, read back as {@code w = q * scale}; every other
 *       parameter (biases, norms, embeddings) is stored as it is, in float32.
 *   <li>{@code manifest.json}: the format, the scheme, which parameters are quantised (name,
 *       shape, scale count) and which are float, value counts and byte sizes.
 * </ul>
 */
public final class Int8Export {

    /** The parameters' file. */
    public static final String PARAMETERS = "model.int8.ndlist";
    /** The manifest's file. */
    public static final String MANIFEST = "manifest.json";
    /** Appended to a quantised weight's name to name its scales. */
    public static final String SCALE_SUFFIX = ".scale";
    /** The {@code format} of the manifest. */
    public static final String FORMAT = "braid-int8/1";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);
    private static final NDIndex ALL = new NDIndex("...");

    private Int8Export() {}

    /**
     * Tells whether a folder holds an export.
     *
     * @param directory the folder
     * @return true if it has both {@value #PARAMETERS} and {@value #MANIFEST}
     */
    public static boolean isExport(Path directory) {
        return Files.isRegularFile(directory.resolve(PARAMETERS))
                && Files.isRegularFile(directory.resolve(MANIFEST));
    }

    /**
     * What an export holds.
     *
     * @param scheme the scales' scheme
     * @param quantizedParameters how many weights are int8
     * @param quantizedValues their values
     * @param scaleValues their scales
     * @param floatValues the values of the parameters stored as float32
     * @param fileBytes the size of {@code model.int8.ndlist}
     */
    public record Summary(QuantizationScheme scheme, int quantizedParameters,
            long quantizedValues, long scaleValues, long floatValues, long fileBytes) {

        /**
         * Returns the bytes the quantised weights take as float32.
         *
         * @return 4 bytes per value
         */
        public long quantizedFloat32Bytes() {
            return 4 * quantizedValues;
        }

        /**
         * Returns the bytes the quantised weights take as int8 values plus float32 scales.
         *
         * @return 1 byte per value and 4 per scale
         */
        public long quantizedInt8Bytes() {
            return quantizedValues + 4 * scaleValues;
        }
    }

    /**
     * Writes a model's parameters with the quantizer's weights in int8.
     *
     * @param directory an existing folder; its {@code model.int8.ndlist} and {@code
     *     manifest.json} are written
     * @param parameters every parameter of the model, by name
     * @param quantizer the weights to quantise and their scheme
     * @param manager a short-lived manager for the copies and int8 arrays, closed by the caller
     * @return what was written
     */
    public static Summary write(Path directory, List<Pair<String, Parameter>> parameters,
            WeightQuantizer quantizer, NDManager manager) {
        Objects.requireNonNull(directory, "directory");
        Set<String> quantized = quantizer.weights().stream().map(Pair::getKey)
                .collect(Collectors.toSet());
        NDList arrays = new NDList();
        List<Map<String, Object>> quantizedEntries = new ArrayList<>();
        List<Map<String, Object>> floatEntries = new ArrayList<>();
        long quantizedValues = 0;
        long scaleValues = 0;
        long floatValues = 0;
        for (Pair<String, Parameter> entry : parameters) {
            String name = entry.getKey();
            NDArray copy = entry.getValue().getArray().duplicate();
            copy.attach(manager);
            Map<String, Object> described = new LinkedHashMap<>();
            described.put("name", name);
            described.put("shape", copy.getShape().getShape());
            if (quantized.contains(name)) {
                NDArray scales = SymmetricInt8.scales(copy, quantizer.scheme());
                NDArray values = SymmetricInt8.quantize(copy, scales);
                values.setName(name);
                scales.setName(name + SCALE_SUFFIX);
                arrays.add(values);
                arrays.add(scales);
                quantizedValues += values.size();
                scaleValues += scales.size();
                described.put("scales", scales.size());
                quantizedEntries.add(described);
            } else {
                NDArray stored = copy.getDataType() == DataType.FLOAT32 ? copy
                        : copy.toType(DataType.FLOAT32, false);
                stored.setName(name);
                arrays.add(stored);
                floatValues += stored.size();
                floatEntries.add(described);
            }
        }
        try {
            Path file = directory.resolve(PARAMETERS);
            Files.write(file, arrays.encode());
            Summary summary = new Summary(quantizer.scheme(), quantizedEntries.size(),
                    quantizedValues, scaleValues, floatValues, Files.size(file));
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("format", FORMAT);
            manifest.put("file", PARAMETERS);
            manifest.put("scheme", quantizer.scheme().label());
            manifest.put("dequantize", "w = q * scale, q int8 in [-127, 127], scale = max|w| / 127"
                    + (quantizer.scheme() == QuantizationScheme.PER_CHANNEL
                            ? " per output channel (axis 0); scales in <name>" + SCALE_SUFFIX
                            : " over the tensor; scale in <name>" + SCALE_SUFFIX));
            manifest.put("quantized", quantizedEntries);
            manifest.put("float", floatEntries);
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("quantized", quantizedValues);
            values.put("scales", scaleValues);
            values.put("float", floatValues);
            manifest.put("values", values);
            Map<String, Object> bytes = new LinkedHashMap<>();
            bytes.put("file", summary.fileBytes());
            bytes.put("quantizedAsFloat32", summary.quantizedFloat32Bytes());
            bytes.put("quantizedAsInt8", summary.quantizedInt8Bytes());
            bytes.put("floatParameters", 4 * floatValues);
            manifest.put("bytes", bytes);
            JSON.writeValue(directory.resolve(MANIFEST).toFile(), manifest);
            return summary;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the int8 export in " + directory, e);
        }
    }

    /**
     * Loads an export into a model of the same pipeline: int8 weights are dequantised ({@code q
     * * scale}), the other parameters copied. Values are written in place, so call it outside a
     * gradient collector.
     *
     * @param directory the export's folder
     * @param parameters every parameter of the model, by name
     * @param manager a short-lived manager for the decoded arrays, closed by the caller
     * @throws UserInputException if the export is missing or does not fit the model
     */
    public static void load(Path directory, List<Pair<String, Parameter>> parameters,
            NDManager manager) {
        Path file = directory.resolve(PARAMETERS);
        NDList arrays;
        try {
            arrays = NDList.decode(manager, Files.readAllBytes(file));
        } catch (IOException | RuntimeException e) {
            throw new UserInputException("cannot read the int8 export " + file + ": " + e);
        }
        Map<String, NDArray> byName = new HashMap<>();
        arrays.forEach(array -> byName.put(array.getName(), array));
        for (Pair<String, Parameter> entry : parameters) {
            String name = entry.getKey();
            NDArray stored = byName.get(name);
            NDArray target = entry.getValue().getArray();
            if (stored == null) {
                throw new UserInputException(file + " has no parameter '" + name
                        + "'; was it exported from this pipeline?");
            }
            NDArray value = stored;
            if (stored.getDataType() == DataType.INT8) {
                NDArray scales = byName.get(name + SCALE_SUFFIX);
                if (scales == null) {
                    throw new UserInputException(file + " has no scales '" + name + SCALE_SUFFIX
                            + "' for its int8 parameter '" + name + "'");
                }
                value = SymmetricInt8.dequantize(stored, scales);
            }
            if (!value.getShape().equals(target.getShape())) {
                throw new UserInputException(file + ": parameter '" + name + "' has shape "
                        + value.getShape() + ", the model expects " + target.getShape()
                        + "; was it exported from this pipeline?");
            }
            target.set(ALL, value.toType(target.getDataType(), false)
                    .toDevice(target.getDevice(), false));
        }
    }
}
