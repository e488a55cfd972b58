package ai.braid.runtime.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * The JSON conventions shared by the run files.
 *
 * <p>Strict JSON has no NaN or infinity, yet a diverged loss or an undefined metric is a fact
 * worth keeping. NaN is written as {@code null} (what pandas and jq read as missing) and the
 * infinities as the strings {@code "Infinity"} and {@code "-Infinity"}; reading accepts both.
 */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {}

    static JsonNode number(double value) {
        if (Double.isNaN(value)) {
            return NullNode.getInstance();
        }
        if (Double.isInfinite(value)) {
            return TextNode.valueOf(value > 0 ? "Infinity" : "-Infinity");
        }
        return DoubleNode.valueOf(value);
    }

    /**
     * Reads a number written by {@link #number(double)}.
     *
     * @throws IllegalArgumentException naming {@code what} if the node is no number
     */
    static double toDouble(JsonNode node, String what) {
        if (node == null || node.isMissingNode()) {
            throw new IllegalArgumentException("'" + what + "' is missing");
        }
        if (node.isNull()) {
            return Double.NaN;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            switch (node.textValue()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(
                "'" + what + "' must be a number, null, \"Infinity\" or \"-Infinity\", got " + node);
    }

    static long toLong(JsonNode node, String what) {
        if (node == null || node.isMissingNode()) {
            throw new IllegalArgumentException("'" + what + "' is missing");
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new IllegalArgumentException("'" + what + "' must be an integer, got " + node);
        }
        return node.longValue();
    }

    static int toInt(JsonNode node, String what) {
        long value = toLong(node, what);
        if (value != (int) value) {
            throw new IllegalArgumentException(
                    "'" + what + "' must fit in a 32-bit integer, got " + value);
        }
        return (int) value;
    }

    static String toText(JsonNode node, String what) {
        if (node == null || node.isMissingNode()) {
            throw new IllegalArgumentException("'" + what + "' is missing");
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException("'" + what + "' must be a string, got " + node);
        }
        return node.textValue();
    }

    static boolean toBoolean(JsonNode node, String what) {
        if (node == null || node.isMissingNode()) {
            throw new IllegalArgumentException("'" + what + "' is missing");
        }
        if (!node.isBoolean()) {
            throw new IllegalArgumentException("'" + what + "' must be true or false, got " + node);
        }
        return node.booleanValue();
    }
}
