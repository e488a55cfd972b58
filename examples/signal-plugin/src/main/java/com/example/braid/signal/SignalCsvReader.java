package com.example.braid.signal;

import ai.braid.api.data.Modality;
import ai.braid.api.data.ModalitySpec;
import ai.braid.api.data.Sample;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.api.data.TargetSpec;
import ai.braid.api.spi.DatasetReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads labelled signals from one CSV file (see {@link SignalCsvFile} for the format).
 *
 * <p>Each sample carries one input, the signal as a {@code float[]} under the configured
 * modality, and one target, {@value #TARGET}: the class index as a {@link Long}, an index into
 * {@link TargetSpec#classes()} of {@link #targets()}. Splits come from the file's split column,
 * so they are the same on every run.
 *
 * <p>The file is read once, on the first call that needs it, and kept: it is small, and the
 * class names must be known before any split is read.
 */
public final class SignalCsvReader implements DatasetReader {

    /** The name of the class-label target. */
    public static final String TARGET = "label";

    private final Path path;
    private final Modality modality;
    private SignalCsvFile file;

    /**
     * Creates a reader; nothing is read until {@link #targets()} or {@link #read(Split)}.
     *
     * @param path the CSV file
     * @param modality the modality the signals are given as
     */
    public SignalCsvReader(Path path, Modality modality) {
        this.path = Objects.requireNonNull(path, "path");
        this.modality = Objects.requireNonNull(modality, "modality");
    }

    @Override
    public List<ModalitySpec> modalities() {
        return List.of(new ModalitySpec(modality, float[].class));
    }

    /**
     * Returns the single target {@value #TARGET} with the file's class names in sorted order.
     *
     * @return one target spec
     * @throws ai.braid.api.UserInputException if the file is malformed
     */
    @Override
    public List<TargetSpec> targets() {
        return List.of(new TargetSpec(TARGET, file().classes()));
    }

    @Override
    public SampleSet read(Split split) {
        Objects.requireNonNull(split, "split");
        SignalCsvFile content = file();
        List<Sample> samples = content.rows().stream()
                .filter(row -> row.split() == split)
                .map(row -> toSample(row, content.classes()))
                .toList();
        return SampleSet.of(samples);
    }

    private Sample toSample(SignalRow row, List<String> classes) {
        long classIndex = classes.indexOf(row.label());
        // row.values() is a fresh copy: whoever changes a sample's array cannot change the file.
        return new Sample(row.id(), Map.of(modality, row.values()),
                Map.of(TARGET, classIndex));
    }

    // Synchronized: a reader may be asked for two splits from two threads.
    private synchronized SignalCsvFile file() {
        if (file == null) {
            file = SignalCsvFile.read(path);
        }
        return file;
    }

    @Override
    public String toString() {
        return "SignalCsvReader[" + path + ", modality=" + modality + "]";
    }
}
