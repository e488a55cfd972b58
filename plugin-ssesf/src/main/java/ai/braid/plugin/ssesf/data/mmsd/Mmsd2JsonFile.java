package ai.braid.plugin.ssesf.data.mmsd;

import ai.braid.api.UserInputException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON file of MMSD2.0 (Qin et al. 2023): text_json_final/train.json, valid.json or
 * test.json of JoeYing1019/MMSD2.0.
 *
 * <p>The file is one JSON array of objects {@code {"image_id": 862902619928506372, "text":
 * "...", "label": 1}}; other fields are ignored (text_json_clean/ has an extra "1"). The
 * image id is a JSON integer of up to 19 digits, beyond a double's precision, so it is read
 * digit for digit; a string id is accepted too.
 */
final class Mmsd2JsonFile {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Mmsd2JsonFile() {}

    /**
     * Reads every post of a file.
     *
     * @param file the file
     * @return the posts in file order; each post's origin is {@code <file>:<line>}, the line
     *     where its object starts
     * @throws UserInputException if the file is missing, is not a JSON array of such objects,
     *     a field is missing or has the wrong type, a label is not 0 or 1, or an image id
     *     repeats; the message names the file and the line
     */
    static List<SarcasmPost> read(Path file) {
        List<SarcasmPost> posts = new ArrayList<>();
        Map<String, String> origins = new HashMap<>();
        try (InputStream in = Files.newInputStream(file);
                JsonParser parser = MAPPER.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new UserInputException(where(file, parser.currentTokenLocation())
                        + ": expected a JSON array of {\"image_id\", \"text\", \"label\"}"
                        + " objects, found " + describe(parser.currentToken()));
            }
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                String origin = where(file, parser.currentTokenLocation());
                if (token != JsonToken.START_OBJECT) {
                    throw new UserInputException(origin + ": record " + (posts.size() + 1)
                            + " is " + describe(token) + "; expected an object {\"image_id\","
                            + " \"text\", \"label\"}");
                }
                SarcasmPost post = post(MAPPER.readTree(parser), origin, posts.size() + 1);
                String earlier = origins.putIfAbsent(post.id(), origin);
                if (earlier != null) {
                    throw new UserInputException(origin + ": image_id " + post.id() + " is"
                            + " also at " + earlier + "; ids must be unique within a split");
                }
                posts.add(post);
            }
            if (parser.nextToken() != null) {
                throw new UserInputException(where(file, parser.currentTokenLocation())
                        + ": expected the end of the file after the array");
            }
        } catch (NoSuchFileException e) {
            throw new UserInputException("there is no file " + file, e);
        } catch (JsonProcessingException e) {
            throw new UserInputException(where(file, e.getLocation()) + ": not valid JSON: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + ": " + e, e);
        }
        return posts;
    }

    private static SarcasmPost post(JsonNode node, String origin, int record) {
        String prefix = origin + ": record " + record;
        JsonNode idNode = node.get("image_id");
        String id;
        if (idNode != null && idNode.isIntegralNumber()) {
            id = idNode.bigIntegerValue().toString();
        } else if (idNode != null && idNode.isTextual()) {
            id = idNode.textValue();
        } else {
            throw new UserInputException(prefix + " has " + field("image_id", idNode)
                    + "; expected the tweet id as an integer");
        }
        SarcasmPost.problemWithId(id).ifPresent(problem -> {
            throw new UserInputException(prefix + ": " + problem);
        });
        JsonNode text = node.get("text");
        if (text == null || !text.isTextual()) {
            throw new UserInputException(prefix + " (image_id " + id + ") has "
                    + field("text", text) + "; expected the tweet text as a string");
        }
        JsonNode label = node.get("label");
        if (label == null || !label.isIntegralNumber()
                || (label.bigIntegerValue().signum() != 0
                        && !label.bigIntegerValue().equals(BigInteger.ONE))) {
            throw new UserInputException(prefix + " (image_id " + id + ") has "
                    + field("label", label) + "; expected 0 (not sarcastic) or 1 (sarcastic)");
        }
        return new SarcasmPost(id, text.textValue(), label.intValue(), origin);
    }

    private static String field(String name, JsonNode value) {
        return value == null ? "no field \"" + name + "\"" : "\"" + name + "\": " + value;
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "the end of the file";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "'" + token.asString() + "'";
        };
    }

    private static String where(Path file, JsonLocation location) {
        return location == null || location.getLineNr() < 1
                ? file.toString()
                : file + ":" + location.getLineNr();
    }
}
