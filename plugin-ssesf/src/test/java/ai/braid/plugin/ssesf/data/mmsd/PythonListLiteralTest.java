package ai.braid.plugin.ssesf.data.mmsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.plugin.ssesf.data.mmsd.PythonListLiteral.SyntaxError;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * Checks the parser against what Python 3's {@code ast.literal_eval} gives for the same
 * lines (the expected values were worked out by hand from the Python language reference).
 */
class PythonListLiteralTest {

    @Test
    void parsesStringsAndIntegersInBothQuoteStyles() throws SyntaxError {
        assertThat(PythonListLiteral.parse("['1', \"it 's\", 1, -0, +7]"))
                .containsExactly("1", "it 's", BigInteger.ONE, BigInteger.ZERO,
                        BigInteger.valueOf(7));
        assertThat(PythonListLiteral.parse("  [ 'a' ,'b',  ]\t")).containsExactly("a", "b");
        assertThat(PythonListLiteral.parse("[]")).isEmpty();
        assertThat(PythonListLiteral.parse("['x', 123456789012345678901234567890]").get(1))
                .isEqualTo(new BigInteger("123456789012345678901234567890"));
    }

    @Test
    void decodesEveryEscape() throws SyntaxError {
        assertThat(PythonListLiteral.parse("['\\\\ \\' \\\" \\a\\b\\f\\n\\r\\t\\v']").get(0))
                .isEqualTo("\\ ' \" \u0007\b\f\n\r\t\u000B");
        // Octal: one to three digits, so \1018 is 'A' followed by '8'.
        assertThat(PythonListLiteral.parse("['\\101\\1018\\0\\7']").get(0))
                .isEqualTo("AA8\0\u0007");
        assertThat(PythonListLiteral.parse("['\\x41\\xa0\\u2060\\U0001F602']").get(0))
                .isEqualTo("A\u00a0\u2060\uD83D\uDE02");
        // Two \\u escapes of a surrogate pair give the emoji they encode.
        assertThat(PythonListLiteral.parse("['\\ud83d\\ude02']").get(0))
                .isEqualTo("\uD83D\uDE02");
        assertThat(PythonListLiteral.parse("['\\N{BULLET}\\N{bullet}']").get(0))
                .isEqualTo("\u2022\u2022");
        // Python keeps an unknown escape as written.
        assertThat(PythonListLiteral.parse("['\\d\\q']").get(0)).isEqualTo("\\d\\q");
        // Characters outside ASCII may appear raw, as repr writes printable ones.
        assertThat(PythonListLiteral.parse("['\u00af \u30c4 \uD83D\uDE02']").get(0))
                .isEqualTo("\u00af \u30c4 \uD83D\uDE02");
    }

    @Test
    void prefixesAreHonoured() throws SyntaxError {
        assertThat(PythonListLiteral.parse("[u'a\\n', U\"b\", r'c\\n\\'', R\"\\d\"]"))
                .containsExactly("a\n", "b", "c\\n\\'", "\\d");
    }

    @Test
    void aQuoteOfTheOtherKindNeedsNoEscape() throws SyntaxError {
        assertThat(PythonListLiteral.parse("[\"won 't\", 'say \" so \"']"))
                .containsExactly("won 't", "say \" so \"");
    }

    @Test
    void errorsNameTheColumnAndWhatWasExpected() {
        assertError("['1', 'unterminated, 1]", 24, "the closing ' of the string that starts"
                + " at column 7");
        assertError("['1', 'a' 1]", 11, "',' or ']' after item 2");
        assertError("['1', 'a', 1", 13, "',' or ']' after item 3");
        assertError("('1', 'a', 1)", 1, "'[' opening a list");
        assertError("['1', 'a', 1] x", 15, "the end of the line");
        assertError("['1', 'a', True]", 12, "a string or an integer");
        assertError("['1', b'a', 1]", 7, "a string or an integer");
        assertError("['1', 'a', 1.0]", 12, "an integer (decimal digits only)");
        assertError("['1', 'a', -]", 12, "digits of an integer");
        assertError("['1', '\\x4', 1]", 8, "2 hex digits after \\x");
        assertError("['1', '\\u12g4', 1]", 8, "4 hex digits after \\u");
        assertError("['1', '\\U00110000', 1]", 8, "a code point up to \\U0010ffff");
        assertError("['1', '\\N{NO SUCH NAME}', 1]", 8, "a Unicode character name");
        assertError("['1', '''a''', 1]", 7, "triple quotes are not supported");
        assertError("", 1, "'[' opening a list");
    }

    private static void assertError(String line, int column, String expected) {
        assertThatThrownBy(() -> PythonListLiteral.parse(line))
                .isInstanceOf(SyntaxError.class)
                .hasMessageStartingWith("column " + column + ": expected ")
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(((SyntaxError) e).column()).isEqualTo(column));
    }
}
