package ai.braid.data.emoji;

import ai.braid.api.UserInputException;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the base emoji of emoji-datasource-google joined with their texts from emojibase-data,
 * as scripts/setup.sh installs the two npm packages under {@code data/emoji/}.
 *
 * <p>Each entry of emoji.json (one per base emoji; skin-tone variants are nested in it and
 * ignored, as are emojibase's {@code skins}) is joined to the entry of en/data.json with the
 * same lower-case hex code, or, failing that, to the one whose hex code is the same once every
 * "-fe0f" (the emoji presentation selector, which the two packages write differently) is
 * removed from both. For emoji-datasource-google 16.0.0 and emojibase-data 17.0.0 all 1,911
 * images find their text (207 of them through the second rule); the 38 texts without an image
 * are not used.
 */
public final class EmojiData {

    /** The npm package of the images. */
    public static final String IMAGE_PACKAGE = "emoji-datasource-google";
    /** The npm package of the texts. */
    public static final String TEXT_PACKAGE = "emojibase-data";
    /** The image index, relative to the data directory. */
    public static final String IMAGE_INDEX = IMAGE_PACKAGE + "/emoji.json";
    /** The folder of the 64x64 PNGs, relative to the data directory. */
    public static final String IMAGE_FOLDER = IMAGE_PACKAGE + "/img/google/64";
    /** The English labels and tags, relative to the data directory. */
    public static final String TEXTS = TEXT_PACKAGE + "/en/data.json";

    private static final String SELECTOR = "-fe0f";
    // emoji.json has 25 fields per entry and en/data.json a dozen; only a few are read.
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private EmojiData() {}

    /**
     * Tells what is missing from an emoji data directory.
     *
     * @param directory the directory scripts/setup.sh fills
     * @return empty if it holds both JSON files and the image folder, otherwise the first
     *     missing one
     */
    public static Optional<Path> missingFile(Path directory) {
        for (String name : List.of(IMAGE_INDEX, TEXTS)) {
            if (!Files.isRegularFile(directory.resolve(name))) {
                return Optional.of(directory.resolve(name));
            }
        }
        Path images = directory.resolve(IMAGE_FOLDER);
        return Files.isDirectory(images) ? Optional.empty() : Optional.of(images);
    }

    /**
     * Says that the emoji data is missing and how to install it.
     *
     * @param directory the directory looked at
     * @param missing the first missing file in it
     * @return the message
     */
    public static String notInstalled(Path directory, Path missing) {
        String what = Files.isDirectory(directory)
                ? "there is no " + missing
                : "there is no directory " + directory;
        return "the emoji data is not installed: " + what + "; run scripts/setup.sh, which"
                + " unpacks the npm packages " + IMAGE_PACKAGE + " and " + TEXT_PACKAGE
                + " into data/emoji/, or set the option `path` to a directory holding "
                + IMAGE_INDEX + ", " + IMAGE_FOLDER + "/ and " + TEXTS;
    }

    /**
     * Reads and joins the two JSON files (not the images).
     *
     * @param directory the data directory
     * @return the emoji in emoji.json's order; emoji i has index i
     * @throws UserInputException if a file is missing or malformed, an image has no text or
     *     its text has no label; the message names the file and the emoji
     */
    public static List<Emoji> load(Path directory) {
        Objects.requireNonNull(directory, "directory");
        missingFile(directory).ifPresent(missing -> {
            throw new UserInputException(notInstalled(directory, missing));
        });
        Path imageIndex = directory.resolve(IMAGE_INDEX);
        Path textFile = directory.resolve(TEXTS);
        List<ImageRecord> images = read(imageIndex, new TypeReference<>() {});
        List<TextRecord> texts = read(textFile, new TypeReference<>() {});
        Map<String, TextRecord> exact = new HashMap<>();
        Map<String, TextRecord> withoutSelector = new HashMap<>();
        for (TextRecord text : texts) {
            if (text != null && text.hexcode() != null) {
                String key = text.hexcode().toLowerCase(Locale.ROOT);
                exact.putIfAbsent(key, text);
                withoutSelector.putIfAbsent(key.replace(SELECTOR, ""), text);
            }
        }
        List<Emoji> emoji = new ArrayList<>(images.size());
        List<String> unmatched = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            ImageRecord image = images.get(i);
            if (image == null || image.unified() == null || image.subcategory() == null
                    || image.category() == null) {
                throw new UserInputException(imageIndex + ": entry " + i + " lacks 'unified',"
                        + " 'category' or 'subcategory'");
            }
            String hexCode = image.unified().toLowerCase(Locale.ROOT);
            TextRecord text = exact.get(hexCode);
            if (text == null) {
                text = withoutSelector.get(hexCode.replace(SELECTOR, ""));
            }
            if (text == null) {
                unmatched.add(hexCode);
                continue;
            }
            if (text.label() == null || text.label().isBlank()) {
                throw new UserInputException(textFile + ": the entry of emoji " + text.hexcode()
                        + " has no label; expected a non-empty 'label' for every emoji that"
                        + " has an image");
            }
            String file = image.image() == null ? hexCode + ".png" : image.image();
            emoji.add(new Emoji(emoji.size(), hexCode, text.label().trim(),
                    cleanTags(text.tags()), image.category(), image.subcategory(),
                    directory.resolve(IMAGE_FOLDER).resolve(file)));
        }
        if (!unmatched.isEmpty()) {
            throw new UserInputException(unmatched.size() + " emoji of " + imageIndex
                    + " have no entry in " + textFile + ", e.g. "
                    + unmatched.subList(0, Math.min(5, unmatched.size()))
                    + "; the two packages must be the versions scripts/setup.sh installs");
        }
        return List.copyOf(emoji);
    }

    private static List<String> cleanTags(List<String> tags) {
        Set<String> clean = new LinkedHashSet<>();
        if (tags != null) {
            for (String tag : tags) {
                if (tag != null && !tag.isBlank()) {
                    clean.add(tag.trim());
                }
            }
        }
        return List.copyOf(clean);
    }

    private static <T> T read(Path file, TypeReference<T> type) {
        T value;
        try (InputStream in = Files.newInputStream(file)) {
            value = MAPPER.readValue(in, type);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String line = where == null ? "" : " at line " + where.getLineNr();
            throw new UserInputException(file + line + " is not the expected JSON: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + ": " + e, e);
        }
        if (value == null) {
            throw new UserInputException(file + " holds null; expected a JSON array");
        }
        return value;
    }

    /** The fields of one emoji.json entry the reader uses. */
    record ImageRecord(
            @JsonProperty("unified") String unified,
            @JsonProperty("image") String image,
            @JsonProperty("category") String category,
            @JsonProperty("subcategory") String subcategory) {}

    /** The fields of one en/data.json entry the reader uses. */
    record TextRecord(
            @JsonProperty("hexcode") String hexcode,
            @JsonProperty("label") String label,
            @JsonProperty("tags") List<String> tags) {}
}
