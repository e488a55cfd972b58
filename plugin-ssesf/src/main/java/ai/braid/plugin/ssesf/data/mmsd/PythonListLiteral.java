package ai.braid.plugin.ssesf.data.mmsd;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses one Python list display of string and integer literals, such as a line of MMSD's
 * text files: {@code ['id', 'text', 1]}.
 *
 * <p>The MMSD files were written with Python's {@code repr}, so a text holding a single quote
 * is enclosed in double quotes, one holding both kinds is enclosed in single quotes with an
 * escaped quote, and non-printable characters appear as hex escapes (x, u and U followed by
 * 2, 4 and 8 hex digits). The parser accepts every string literal Python 3 accepts on one
 * line: single or double quotes (not triple), the prefixes {@code u} and {@code r} in either
 * case, and every escape: backslash followed by a backslash, a quote, {@code a b f n r t v},
 * one to three octal digits, {@code x}, {@code u} or {@code U} with their hex digits, or
 * {@code N{NAME}}; an unknown escape keeps its backslash, as in Python. Integers are decimal
 * with an optional sign. Anything else (bytes,
 * f-strings, floats, names, nested lists) is a syntax error naming the column.
 */
final class PythonListLiteral {

    private final String line;
    private int position;

    private PythonListLiteral(String line) {
        this.line = line;
    }

    /**
     * Parses a list display.
     *
     * @param line the whole line, without its line terminator; blanks around the list are
     *     allowed
     * @return the items in order: {@link String} for string literals, {@link BigInteger} for
     *     integers
     * @throws SyntaxError if the line is not one list of string and integer literals
     */
    static List<Object> parse(String line) throws SyntaxError {
        return new PythonListLiteral(line).list();
    }

    private List<Object> list() throws SyntaxError {
        skipBlanks();
        expect('[', "'[' opening a list");
        List<Object> items = new ArrayList<>();
        skipBlanks();
        if (!peek(']')) {
            while (true) {
                items.add(item());
                skipBlanks();
                if (peek(',')) {
                    position++;
                    skipBlanks();
                    if (peek(']')) {
                        break;
                    }
                    continue;
                }
                if (peek(']')) {
                    break;
                }
                throw error("',' or ']' after item " + items.size());
            }
        }
        position++;
        skipBlanks();
        if (position < line.length()) {
            throw error("the end of the line after the list's ']'");
        }
        return items;
    }

    private Object item() throws SyntaxError {
        if (position >= line.length()) {
            throw error("a string or an integer");
        }
        char c = line.charAt(position);
        if (c == '-' || c == '+' || isDigit(c)) {
            return integer();
        }
        int start = position;
        boolean raw = c == 'r' || c == 'R';
        if (raw || c == 'u' || c == 'U') {
            position++;
        }
        if (peek('\'') || peek('"')) {
            return string(raw, start);
        }
        throw error("a string or an integer (Python bytes, f-strings, names and nested"
                + " lists are not supported)", start);
    }

    private BigInteger integer() throws SyntaxError {
        int start = position;
        if (peek('-') || peek('+')) {
            position++;
        }
        int digits = position;
        while (position < line.length() && isDigit(line.charAt(position))) {
            position++;
        }
        if (position == digits) {
            throw error("digits of an integer", start);
        }
        if (position < line.length()
                && (line.charAt(position) == '.' || Character.isLetter(line.charAt(position)))) {
            throw error("an integer (decimal digits only)", start);
        }
        return new BigInteger(line.substring(start, position));
    }

    private String string(boolean raw, int start) throws SyntaxError {
        char quote = line.charAt(position);
        if (position + 2 < line.length() && line.charAt(position + 1) == quote
                && line.charAt(position + 2) == quote) {
            throw error("a one-line string literal (triple quotes are not supported)", start);
        }
        position++;
        StringBuilder text = new StringBuilder();
        while (true) {
            if (position >= line.length()) {
                throw error("the closing " + quote + " of the string that starts at column "
                        + (start + 1));
            }
            char c = line.charAt(position++);
            if (c == quote) {
                return text.toString();
            }
            if (c != '\\') {
                text.append(c);
            } else if (raw) {
                // In a raw string a backslash only stops the next character from ending it.
                text.append(c);
                if (position < line.length()) {
                    text.append(line.charAt(position++));
                }
            } else {
                escape(text);
            }
        }
    }

    private void escape(StringBuilder text) throws SyntaxError {
        int start = position - 1;
        if (position >= line.length()) {
            throw error("an escaped character after '\\'", start);
        }
        char c = line.charAt(position++);
        switch (c) {
            case '\\', '\'', '"' -> text.append(c);
            case 'a' -> text.append('\u0007');
            case 'b' -> text.append('\b');
            case 'f' -> text.append('\f');
            case 'n' -> text.append('\n');
            case 'r' -> text.append('\r');
            case 't' -> text.append('\t');
            case 'v' -> text.append('\u000B');
            case 'x' -> text.appendCodePoint(hex(2, start));
            case 'u' -> text.appendCodePoint(hex(4, start));
            case 'U' -> {
                int codePoint = hex(8, start);
                if (codePoint > Character.MAX_CODE_POINT) {
                    throw error("a code point up to \\U0010ffff", start);
                }
                text.appendCodePoint(codePoint);
            }
            case 'N' -> text.appendCodePoint(named(start));
            default -> {
                if (c >= '0' && c <= '7') {
                    int value = c - '0';
                    for (int i = 0; i < 2 && position < line.length()
                            && line.charAt(position) >= '0' && line.charAt(position) <= '7'; i++) {
                        value = value * 8 + line.charAt(position++) - '0';
                    }
                    text.append((char) value);
                } else {
                    // Python keeps unknown escapes as they are, backslash included.
                    text.append('\\').append(c);
                }
            }
        }
    }

    private int hex(int digits, int start) throws SyntaxError {
        if (position + digits > line.length()) {
            throw error(digits + " hex digits after \\" + line.charAt(position - 1), start);
        }
        String hex = line.substring(position, position + digits);
        for (int i = 0; i < digits; i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                throw error(digits + " hex digits after \\" + line.charAt(position - 1), start);
            }
        }
        position += digits;
        // Eight hex digits can exceed an int's positive range; those are rejected by the caller.
        return (int) Math.min(Long.parseLong(hex, 16), Integer.MAX_VALUE);
    }

    private int named(int start) throws SyntaxError {
        int close = line.indexOf('}', position);
        if (!peek('{') || close < 0) {
            throw error("a character name in braces after \\N, e.g. \\N{BULLET}", start);
        }
        String name = line.substring(position + 1, close);
        try {
            int codePoint = Character.codePointOf(name);
            position = close + 1;
            return codePoint;
        } catch (IllegalArgumentException e) {
            throw error("a Unicode character name after \\N ('" + name + "' is none)", start);
        }
    }

    private void expect(char c, String what) throws SyntaxError {
        if (!peek(c)) {
            throw error(what);
        }
        position++;
    }

    private boolean peek(char c) {
        return position < line.length() && line.charAt(position) == c;
    }

    private void skipBlanks() {
        while (position < line.length()
                && (line.charAt(position) == ' ' || line.charAt(position) == '\t'
                        || line.charAt(position) == '\f')) {
            position++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private SyntaxError error(String expected) {
        return error(expected, position);
    }

    private SyntaxError error(String expected, int at) {
        String found = at >= line.length()
                ? "the end of the line"
                : "'" + line.substring(at, Math.min(line.length(), at + 12))
                        + (at + 12 < line.length() ? "...'" : "'");
        return new SyntaxError(at + 1, "column " + (at + 1) + ": expected " + expected
                + ", found " + found);
    }

    /** A line that is not a list of string and integer literals. */
    static final class SyntaxError extends Exception {

        private static final long serialVersionUID = 1L;

        private final int column;

        /**
         * Creates the error.
         *
         * @param column the 1-based column where the line stops making sense
         * @param message what was expected there and what was found
         */
        SyntaxError(int column, String message) {
            super(message);
            this.column = column;
        }

        /**
         * Returns where the line stops making sense.
         *
         * @return the 1-based column
         */
        int column() {
            return column;
        }
    }
}
