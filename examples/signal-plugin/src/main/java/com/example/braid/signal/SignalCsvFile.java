package com.example.braid.signal;

import ai.braid.api.UserInputException;
import ai.braid.api.data.Split;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The parsed, validated content of a signal CSV file.
 *
 * <p>The format is one header line {@code id,split,label,values}, then one row per sample: a
 * unique id, the split ({@code train}, {@code validation} or {@code test}), a class name and the
 * signal as floats separated by spaces. Every signal of a file has the same length. Blank lines
 * are ignored. Every problem is reported as a {@link UserInputException} naming the file, the
 * line and what was expected.
 */
final class SignalCsvFile {

    /** The only header line accepted. */
    static final String HEADER = "id,split,label,values";

    private static final int FIELDS = 4;
    private static final String SPLITS = Arrays.stream(Split.values())
            .map(Split::label)
            .collect(Collectors.joining(", "));

    private final List<SignalRow> rows;
    private final List<String> classes;

    private SignalCsvFile(List<SignalRow> rows) {
        this.rows = List.copyOf(rows);
        // Sorted, so a class keeps its index whatever the row order and whichever split it is in.
        this.classes = List.copyOf(new TreeSet<>(rows.stream().map(SignalRow::label).toList()));
    }

    /**
     * Reads and checks a whole file.
     *
     * @param path the CSV file
     * @return its content
     * @throws UserInputException if the file cannot be read or is malformed
     */
    static SignalCsvFile read(Path path) {
        Objects.requireNonNull(path, "path");
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return parse(path, reader);
        } catch (CharacterCodingException e) {
            throw new UserInputException(path + " is not UTF-8 text; expected a CSV file with the"
                    + " header line " + HEADER, e);
        } catch (IOException e) {
            throw new UserInputException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static SignalCsvFile parse(Path path, BufferedReader reader) throws IOException {
        String header = reader.readLine();
        if (header == null) {
            throw new UserInputException(path + " is empty; expected the header line " + HEADER);
        }
        // A byte order mark is invisible in editors; accept it rather than report a "wrong" header.
        header = header.replace("\uFEFF", "").trim();
        if (!header.equals(HEADER)) {
            throw error(path, 1, "the header is '" + header + "'; expected '" + HEADER + "'");
        }
        List<SignalRow> rows = new ArrayList<>();
        Map<String, Integer> idLines = new HashMap<>();
        int number = 1;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            SignalRow row = parseRow(path, number, line);
            Integer previous = idLines.putIfAbsent(row.id(), number);
            if (previous != null) {
                throw error(path, number, "id '" + row.id() + "' is already used on line "
                        + previous + "; expected unique ids");
            }
            if (!rows.isEmpty() && row.length() != rows.get(0).length()) {
                SignalRow first = rows.get(0);
                throw error(path, number, "the signal has " + row.length() + " values but the one"
                        + " on line " + first.line() + " has " + first.length() + "; expected"
                        + " signals of equal length in one file (signal-patches batches them"
                        + " into one array)");
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new UserInputException(path + " has a header but no rows; expected at least"
                    + " one line 'id,split,label,values' after it");
        }
        return new SignalCsvFile(rows);
    }

    private static SignalRow parseRow(Path path, int number, String line) {
        // Values are separated by spaces, so a row has exactly four comma-separated fields.
        String[] fields = line.split(",", -1);
        if (fields.length != FIELDS) {
            throw error(path, number, "the row has " + fields.length + " comma-separated fields;"
                    + " expected 4 (" + HEADER + ") with the values separated by spaces");
        }
        String id = fields[0].trim();
        if (id.isEmpty()) {
            throw error(path, number, "the id is empty; expected a unique sample id");
        }
        Split split = split(path, number, fields[1].trim());
        String label = fields[2].trim();
        if (label.isEmpty()) {
            throw error(path, number, "the label is empty; expected a class name");
        }
        return new SignalRow(number, id, split, label, values(path, number, fields[3].trim()));
    }

    private static Split split(Path path, int number, String text) {
        for (Split split : Split.values()) {
            if (split.label().equals(text)) {
                return split;
            }
        }
        throw error(path, number, "unknown split '" + text + "'; expected one of " + SPLITS);
    }

    private static float[] values(Path path, int number, String text) {
        if (text.isEmpty()) {
            throw error(path, number, "the values column is empty; expected floats separated by"
                    + " spaces");
        }
        String[] tokens = text.split("\\s+");
        float[] values = new float[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            float value;
            try {
                value = Float.parseFloat(tokens[i]);
            } catch (NumberFormatException e) {
                throw error(path, number, "value " + (i + 1) + " of the values column, '"
                        + tokens[i] + "', is not a number; expected floats separated by spaces,"
                        + " such as 0.25 -1.5");
            }
            // NaN or infinity would turn the loss into NaN many steps later, far from the cause.
            if (!Float.isFinite(value)) {
                throw error(path, number, "value " + (i + 1) + " of the values column is '"
                        + tokens[i] + "'; expected a finite number");
            }
            values[i] = value;
        }
        return values;
    }

    private static UserInputException error(Path path, int line, String message) {
        return new UserInputException(path + ", line " + line + ": " + message);
    }

    /**
     * Returns every row in file order.
     *
     * @return an immutable list
     */
    List<SignalRow> rows() {
        return rows;
    }

    /**
     * Returns the distinct class names in sorted order; a row's class index is its position here.
     *
     * @return an immutable list
     */
    List<String> classes() {
        return classes;
    }
}
