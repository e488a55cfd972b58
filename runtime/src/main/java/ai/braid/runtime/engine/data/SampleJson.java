package ai.braid.runtime.engine.data;

import ai.braid.api.UserInputException;
import ai.braid.api.data.Modality;
import ai.braid.api.data.ModalitySpec;
import ai.braid.api.data.Sample;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads samples for {@code braid predict} from JSON lines: one object per line with an {@code
 * id} and one field per modality of the dataset, e.g. {@code {"id": "a", "image":
 * "shirt.png", "text": "a close-fitting pullover shirt"}}.
 *
 * <p>Values are converted to the types the dataset reader declares: text for {@code String},
 * a file path (relative to the input file's folder) for {@code Path} and for images, which are
 * decoded here, and a number array for {@code float[]}.
 */
public final class SampleJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleJson() {}

    /**
     * Reads every sample of a JSON lines file.
     *
     * @param file the file
     * @param modalities the modalities the dataset declares
     * @return the samples, in file order
     * @throws UserInputException naming the file, line and field of any problem
     */
    public static List<Sample> read(Path file, List<ModalitySpec> modalities) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UserInputException("--input " + file + ": cannot read it: " + e.getMessage());
        }
        List<Sample> samples = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            if (!lines.get(n).isBlank()) {
                samples.add(parse(lines.get(n), file + ":" + (n + 1), file.toAbsolutePath()
                        .getParent(), modalities));
            }
        }
        if (samples.isEmpty()) {
            throw new UserInputException("--input " + file + ": no samples; expected one JSON"
                    + " object per line with an id and " + names(modalities));
        }
        return samples;
    }

    private static Sample parse(
            String line, String where, Path base, List<ModalitySpec> modalities) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new UserInputException(where + ": not valid JSON: "
                    + e.getOriginalMessage());
        }
        if (!node.isObject() || !node.path("id").isTextual()) {
            throw new UserInputException(where + ": expected a JSON object with a string 'id'"
                    + " and " + names(modalities));
        }
        Map<Modality, Object> inputs = new LinkedHashMap<>();
        for (ModalitySpec spec : modalities) {
            JsonNode value = node.get(spec.modality().name());
            if (value != null && !value.isNull()) {
                inputs.put(spec.modality(), convert(value, spec, where, base));
            }
        }
        Iterator<String> fields = node.fieldNames();
        while (fields.hasNext()) {
            String field = fields.next();
            if (!field.equals("id") && modalities.stream()
                    .noneMatch(spec -> spec.modality().name().equals(field))) {
                throw new UserInputException(where + ": unknown field '" + field
                        + "'; expected id and " + names(modalities));
            }
        }
        return new Sample(node.get("id").asText(), inputs, Map.of());
    }

    private static Object convert(JsonNode value, ModalitySpec spec, String where, Path base) {
        String field = where + ": '" + spec.modality() + "'";
        Class<?> type = spec.valueType();
        if (type == String.class && value.isTextual()) {
            return value.asText();
        }
        if ((type == Path.class || Image.class.isAssignableFrom(type)) && value.isTextual()) {
            Path path = base.resolve(value.asText());
            if (type == Path.class) {
                return path;
            }
            try {
                return ImageFactory.getInstance().fromFile(path);
            } catch (IOException | RuntimeException e) {
                throw new UserInputException(field + ": cannot read image " + path + ": "
                        + e.getMessage());
            }
        }
        if (type == float[].class && value.isArray()) {
            float[] values = new float[value.size()];
            for (int i = 0; i < values.length; i++) {
                if (!value.get(i).isNumber()) {
                    throw new UserInputException(field + ": element " + i + " is not a number");
                }
                values[i] = (float) value.get(i).asDouble();
            }
            return values;
        }
        throw new UserInputException(field + ": expected " + describe(type) + ", got "
                + value.getNodeType().toString().toLowerCase());
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Path.class || Image.class.isAssignableFrom(type)) {
            return "a file path (string)";
        }
        if (type == float[].class) {
            return "an array of numbers";
        }
        return "a value of type " + type.getSimpleName() + ", which predict cannot read from"
                + " JSON";
    }

    private static String names(List<ModalitySpec> modalities) {
        return "the modalities " + modalities.stream().map(spec -> spec.modality().name())
                .toList();
    }
}
