package ai.braid.plugin.ssesf.data.mmsd;

import ai.braid.api.UserInputException;
import ai.braid.plugin.ssesf.data.mmsd.PythonListLiteral.SyntaxError;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one text file of MMSD (Cai et al. 2019): train.txt, valid2.txt or test2.txt.
 *
 * <p>Each line is a Python list literal written by {@code repr}: {@code ['id', 'text',
 * label]} in train.txt, {@code ['id', 'text', label, label]} in valid2.txt and test2.txt,
 * whose first label comes from the hashtags of the original post and whose last from a
 * human annotator. The last label counts, as in the authors' code; a line of either length is
 * accepted in any file. The file is UTF-8 (a byte-order mark is skipped); lines end in
 * {@code \r\n} (the released files), {@code \n} or {@code \r}; blank lines are skipped.
 */
final class MmsdTextFile {

    private MmsdTextFile() {}

    /**
     * Reads every post of a file, before any keyword filtering.
     *
     * @param file the file
     * @return the posts in file order; each post's origin is {@code <file>:<line>}
     * @throws UserInputException if the file is missing, not UTF-8, or a line is not a list of
     *     an id, a text and one or two labels 0 or 1, or an id repeats; the message names the
     *     file and line and says what was expected
     */
    static List<SarcasmPost> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserInputException("there is no file " + file, e);
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + ": " + e, e);
        }
        // Decoded line by line, so that an encoding error names its line.
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<SarcasmPost> posts = new ArrayList<>();
        Map<String, Integer> lines = new HashMap<>();
        int number = 0;
        int start = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
                end++;
            }
            number++;
            String line;
            try {
                line = decoder.decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
            } catch (CharacterCodingException e) {
                throw new UserInputException(file + ":" + number + ": not UTF-8 text; MMSD's"
                        + " text files are UTF-8", e);
            }
            start = end < bytes.length && bytes[end] == '\r' && end + 1 < bytes.length
                    && bytes[end + 1] == '\n' ? end + 2 : end + 1;
            if (number == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            SarcasmPost post = post(line, file + ":" + number);
            Integer earlier = lines.putIfAbsent(post.id(), number);
            if (earlier != null) {
                throw new UserInputException(post.origin() + ": post id '" + post.id()
                        + "' is also on line " + earlier + "; ids must be unique within a"
                        + " split");
            }
            posts.add(post);
        }
        return posts;
    }

    /**
     * Parses one line.
     *
     * @param line the line without its terminator
     * @param origin file and line number, for messages
     * @return the post
     * @throws UserInputException if the line is malformed
     */
    static SarcasmPost post(String line, String origin) {
        List<Object> items;
        try {
            items = PythonListLiteral.parse(line);
        } catch (SyntaxError e) {
            throw new UserInputException(origin + ": not a Python list ['id', 'text', label]"
                    + " or ['id', 'text', label, label]: " + e.getMessage());
        }
        if (items.size() != 3 && items.size() != 4) {
            throw new UserInputException(origin + ": the list has " + items.size() + " items;"
                    + " expected ['id', 'text', label] (train.txt) or ['id', 'text', label,"
                    + " label] (valid2.txt, test2.txt)");
        }
        String id = id(items.get(0), origin);
        if (!(items.get(1) instanceof String text)) {
            throw new UserInputException(origin + ": item 2 is " + items.get(1) + "; expected"
                    + " the text as a string literal");
        }
        int label = 0;
        for (int i = 2; i < items.size(); i++) {
            label = label(items.get(i), i + 1, origin);
        }
        return new SarcasmPost(id, text, label, origin);
    }

    private static String id(Object item, String origin) {
        // The released files quote their ids; an unquoted integer means the same tweet.
        String id = item instanceof BigInteger number ? number.toString() : (String) item;
        SarcasmPost.problemWithId(id).ifPresent(problem -> {
            throw new UserInputException(origin + ": " + problem);
        });
        return id;
    }

    private static int label(Object item, int position, String origin) {
        if (!(item instanceof BigInteger number)) {
            throw new UserInputException(origin + ": item " + position + " is the string '"
                    + item + "'; expected a label 0 (not sarcastic) or 1 (sarcastic) without"
                    + " quotes");
        }
        if (!number.equals(BigInteger.ZERO) && !number.equals(BigInteger.ONE)) {
            throw new UserInputException(origin + ": label " + number + " (item " + position
                    + ") is not 0 (not sarcastic) or 1 (sarcastic)");
        }
        return number.intValue();
    }
}
