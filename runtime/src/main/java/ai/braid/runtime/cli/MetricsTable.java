package ai.braid.runtime.cli;

import java.util.Map;
import java.util.StringJoiner;

/** Formats metric values on one line for the terminal. */
final class MetricsTable {

    private MetricsTable() {}

    static String line(Map<String, Double> values) {
        StringJoiner line = new StringJoiner("  ");
        values.forEach((name, value) -> line.add(String.format("%s=%.4f", name, value)));
        return line.toString();
    }
}
