package ai.braid.plugin.fashion;

import ai.braid.api.UserInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Looks up the definitions of noun senses in a WordNet 3 database (Debian's wordnet-base).
 *
 * <p>A sense is resolved the way WordNet's tools do: the line of {@code index.noun} that starts
 * with the lemma lists the synset offsets in sense order; the offset is the byte position of the
 * synset's line in {@code data.noun}, whose gloss follows {@code " | "}. Of the gloss only the
 * definition is kept: quoted usage examples ({@code ; "he ripped his left trouser"}) and
 * parenthetical remarks ({@code (usually in the plural)}) are dropped, since they are about
 * words rather than things.
 */
final class WordNetGlosses {

    /** The noun index, relative to the WordNet directory. */
    static final String INDEX = "index.noun";
    /** The noun synsets, relative to the WordNet directory. */
    static final String DATA = "data.noun";
    /** How to get the database on Debian. */
    static final String INSTALL = "apt-get install wordnet-base";

    private static final Pattern EXAMPLES = Pattern.compile(";\\s*\".*$");
    private static final Pattern REMARKS = Pattern.compile("\\s*\\([^()]*\\)");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    // Synset lines are far shorter; the longest in WordNet 3.0 is about 14 kB.
    private static final int MAX_LINE = 1 << 16;

    private final Path index;
    private final Path data;

    /**
     * Creates a lookup over a WordNet directory; nothing is read yet.
     *
     * @param directory the directory holding index.noun and data.noun, e.g. /usr/share/wordnet
     */
    WordNetGlosses(Path directory) {
        Objects.requireNonNull(directory, "directory");
        this.index = directory.resolve(INDEX);
        this.data = directory.resolve(DATA);
    }

    /**
     * Tells what is missing from a WordNet directory.
     *
     * @param directory the directory to check
     * @return empty if it holds both files, otherwise the first missing file
     */
    static Optional<Path> missingFile(Path directory) {
        for (String name : List.of(INDEX, DATA)) {
            Path file = directory.resolve(name);
            if (!Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    /**
     * Resolves senses to their definitions in one pass over index.noun.
     *
     * @param senses the senses to look up
     * @return each sense's definition, in the order of {@code senses}
     * @throws UserInputException if WordNet is missing, a lemma or sense is not in it, or the
     *     two files do not match
     */
    Map<NounSense, String> definitions(Collection<NounSense> senses) {
        missingFile(index.getParent()).ifPresent(file -> {
            throw new UserInputException("WordNet is not installed: there is no " + file
                    + "; install it with `" + INSTALL + "` or set the option `wordnet` to a"
                    + " WordNet 3 dictionary directory");
        });
        Map<String, long[]> offsets = offsetsByLemma(
                senses.stream().map(NounSense::lemma).collect(Collectors.toSet()));
        Map<NounSense, String> definitions = new LinkedHashMap<>();
        try (FileChannel channel = FileChannel.open(data, StandardOpenOption.READ)) {
            for (NounSense sense : senses) {
                long[] synsets = offsets.get(sense.lemma());
                if (synsets == null) {
                    throw new UserInputException(index + " has no noun '" + sense.lemma()
                            + "'; expected a WordNet 3 noun index (" + INSTALL + ")");
                }
                if (sense.sense() > synsets.length) {
                    throw new UserInputException(index + ": the noun '" + sense.lemma()
                            + "' has " + synsets.length + " sense(s); sense " + sense.sense()
                            + " was asked for");
                }
                long offset = synsets[sense.sense() - 1];
                definitions.put(sense, definition(gloss(channel, offset, sense)));
            }
        } catch (IOException e) {
            throw new UserInputException("cannot read " + data + ": " + e, e);
        }
        return definitions;
    }

    /**
     * Shortens a gloss to its definition: no usage examples, no parenthetical remarks.
     *
     * @param gloss the text after " | " in data.noun
     * @return the definition, trimmed, single-spaced
     */
    static String definition(String gloss) {
        String text = EXAMPLES.matcher(gloss).replaceFirst("");
        text = REMARKS.matcher(text).replaceAll("");
        return SPACES.matcher(text).replaceAll(" ").trim();
    }

    private Map<String, long[]> offsetsByLemma(Set<String> lemmas) {
        Map<String, long[]> found = new HashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(index, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = reader.readLine(); line != null && found.size() < lemmas.size();
                    line = reader.readLine()) {
                number++;
                // The licence lines at the top start with two spaces, never with a lemma.
                int space = line.indexOf(' ');
                if (space <= 0 || !lemmas.contains(line.substring(0, space))) {
                    continue;
                }
                found.put(line.substring(0, space), parseOffsets(line, number));
            }
        } catch (IOException e) {
            throw new UserInputException("cannot read " + index + ": " + e, e);
        }
        return found;
    }

    // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt offset...
    private long[] parseOffsets(String line, int number) {
        String[] fields = line.trim().split(" +");
        try {
            int synsets = Integer.parseInt(fields[2]);
            int pointers = Integer.parseInt(fields[3]);
            int first = 4 + pointers + 2;
            if (fields.length != first + synsets) {
                throw new NumberFormatException(fields.length + " fields, expected "
                        + (first + synsets));
            }
            long[] offsets = new long[synsets];
            for (int i = 0; i < synsets; i++) {
                offsets[i] = Long.parseLong(fields[first + i]);
            }
            return offsets;
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new UserInputException(index + ", line " + number + ": '" + line
                    + "' is not a WordNet index line (" + e.getMessage() + "); expected"
                    + " 'lemma n synset_cnt p_cnt [ptr...] sense_cnt tagsense_cnt offset...'", e);
        }
    }

    private String gloss(FileChannel channel, long offset, NounSense sense) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_LINE);
        channel.read(buffer, offset);
        buffer.flip();
        int end = 0;
        while (end < buffer.limit() && buffer.get(end) != '\n') {
            end++;
        }
        String line = new String(buffer.array(), 0, end, StandardCharsets.UTF_8);
        String expectedStart = String.format("%08d ", offset);
        int bar = line.indexOf(" | ");
        if (!line.startsWith(expectedStart) || bar < 0) {
            throw new UserInputException(data + ": no synset line with a gloss at byte " + offset
                    + " where " + index + " puts " + sense + "; expected matching index.noun and"
                    + " data.noun of one WordNet 3 installation (" + INSTALL + ")");
        }
        return line.substring(bar + 3);
    }
}
