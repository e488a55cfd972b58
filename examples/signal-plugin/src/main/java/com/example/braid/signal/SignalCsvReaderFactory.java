package com.example.braid.signal;

import ai.braid.api.UserInputException;
import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.data.Modality;
import ai.braid.api.spi.DatasetReader;
import ai.braid.api.spi.DatasetReaderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The dataset reader {@value #NAME}: labelled 1-D signals from a CSV file.
 *
 * <pre>
 * data: { reader: signal-csv, path: data/waveforms.csv }
 * </pre>
 *
 * <p>Options: {@code path} (required), the CSV file; {@code modality} (default {@code signal}),
 * the name the signals are given under, which the pipeline's {@code projectors:} map uses.
 */
public final class SignalCsvReaderFactory implements DatasetReaderFactory {

    /** The name pipeline files use. */
    public static final String NAME = "signal-csv";
    /** The option naming the CSV file. */
    public static final String PATH = "path";
    /** The option naming the modality. */
    public static final String MODALITY = "modality";

    private static final OptionSchema OPTIONS = OptionSchema.builder()
            .addPath(PATH, null, "CSV file with the header line " + SignalCsvFile.HEADER
                    + "; values are floats separated by spaces")
            .addString(MODALITY, "signal", "name of the modality the signals are given as")
            .build();

    /** Creates the factory; the runtime constructs it once per process. */
    public SignalCsvReaderFactory() {
        // Nothing to set up: factories must be cheap, they are built for 'braid plugins' too.
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "labelled 1-D signals (float[]) with fixed splits from a CSV file "
                + SignalCsvFile.HEADER;
    }

    @Override
    public OptionSchema options() {
        return OPTIONS;
    }

    /**
     * Creates a reader after checking that the file exists; the file is read later.
     *
     * @param config the validated options
     * @return the reader
     * @throws UserInputException if the file is missing or the modality name is invalid; the
     *     message names the option and where it was set
     */
    @Override
    public DatasetReader create(ComponentConfig config) {
        Objects.requireNonNull(config, "config");
        Path path = config.getPath(PATH);
        if (!Files.isRegularFile(path)) {
            throw new UserInputException(config.where(PATH) + ": there is no file " + path
                    + "; expected a CSV file with the header line " + SignalCsvFile.HEADER
                    + " (a relative path is resolved against the working directory)");
        }
        if (!Files.isReadable(path)) {
            throw new UserInputException(config.where(PATH) + ": " + path
                    + " is not readable; expected a readable CSV file");
        }
        return new SignalCsvReader(path, modality(config));
    }

    private static Modality modality(ComponentConfig config) {
        String name = config.getString(MODALITY);
        try {
            return Modality.of(name);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(config.where(MODALITY) + ": '" + name
                    + "' is not a modality name; expected lower case letters, digits and"
                    + " underscores, starting with a letter", e);
        }
    }
}
