package ai.braid.plugin.pcme.data;

import ai.braid.api.UserInputException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the datasets' JSON files into records, with errors that name the file and line. */
final class JsonFiles {

    // Fields the readers do not use are ignored: the files carry many (emoji.json has 25).
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private JsonFiles() {}

    /**
     * Reads a whole JSON file.
     *
     * @param file the file
     * @param type the type of its top-level value
     * @param <T> the type
     * @return the value, never null
     * @throws UserInputException if the file is missing, is not JSON or does not have the
     *     expected structure; the message names the file and the line
     */
    static <T> T read(Path file, TypeReference<T> type) {
        T value;
        try (InputStream in = Files.newInputStream(file)) {
            value = MAPPER.readValue(in, type);
        } catch (NoSuchFileException e) {
            throw new UserInputException("there is no file " + file, e);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String line = where == null ? "" : " at line " + where.getLineNr();
            throw new UserInputException(file + line + " is not the expected JSON: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + ": " + e, e);
        }
        if (value == null) {
            throw new UserInputException(file + " holds null; expected a JSON document");
        }
        return value;
    }
}
