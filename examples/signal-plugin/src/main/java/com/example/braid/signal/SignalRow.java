package com.example.braid.signal;

import ai.braid.api.data.Split;
import java.util.Objects;

/**
 * One data row of a signal CSV file.
 *
 * @param line the 1-based line number in the file, for error messages
 * @param id the sample id
 * @param split the split the row belongs to
 * @param label the class name
 * @param values the signal; copied on the way in and out, so a row never changes
 */
record SignalRow(int line, String id, Split split, String label, float[] values) {

    /** Checks for nulls and copies the values. */
    SignalRow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(label, "label");
        values = values.clone();
    }

    /**
     * Returns a copy of the signal.
     *
     * @return the values
     */
    @Override
    public float[] values() {
        return values.clone();
    }

    /**
     * Returns the signal's length without copying it.
     *
     * @return the number of values
     */
    int length() {
        return values.length;
    }
}
