package ai.braid.plugin.ssesf.data.mmsd;

import ai.braid.api.UserInputException;
import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.data.DataDirectories;
import ai.braid.api.data.Split;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The options both sarcasm readers share: the directory, the image folder, the split files. */
final class SarcasmReaderOptions {

    /** The option naming the dataset directory. */
    static final String PATH = "path";
    /** The option naming the image folder. */
    static final String IMAGES = "images";
    /** The suffix of the options naming a split's file. */
    static final String FILE = "File";

    private SarcasmReaderOptions() {}

    /**
     * Returns the name of one split's option.
     *
     * @param split the split
     * @return e.g. "trainFile"
     */
    static String option(Split split) {
        return split.label() + FILE;
    }

    /**
     * Declares the shared options.
     *
     * @param builder the schema to add to
     * @param dataset the dataset's name in descriptions, e.g. "MMSD"
     * @param train the default train file
     * @param validation the default validation file
     * @param test the default test file
     * @param format what a split file is, e.g. "JSON file (...)"
     * @return the builder
     */
    static OptionSchema.Builder add(OptionSchema.Builder builder, String dataset, String train,
            String validation, String test, String format) {
        builder.addPath(PATH, DataDirectories.defaultDirectory("mmsd"), "directory the " + dataset
                        + " split files and the image folder are relative to")
                .addString(IMAGES, SarcasmReader.DEFAULT_IMAGE_FOLDER, "folder of the images"
                        + " <id>.jpg, relative to path");
        addFile(builder, Split.TRAIN, train, dataset, format);
        addFile(builder, Split.VALIDATION, validation, dataset, format);
        addFile(builder, Split.TEST, test, dataset, format);
        return builder;
    }

    private static void addFile(OptionSchema.Builder builder, Split split, String file,
            String dataset, String format) {
        builder.addString(option(split), file, dataset + " " + format + " of the "
                + split.label() + " split, relative to path; empty for no " + split.label()
                + " split");
    }

    /**
     * Applies the shared options to a reader's builder.
     *
     * @param config the validated options
     * @param builder the builder
     * @throws UserInputException if the image folder is empty or no split has a file
     */
    static void configure(ComponentConfig config, SarcasmReader.Builder<?> builder) {
        builder.optDirectory(config.getPath(PATH));
        String images = config.getString(IMAGES);
        if (images.isBlank()) {
            throw new UserInputException(config.where(IMAGES) + ": empty; expected the folder"
                    + " of the <id>.jpg images, e.g. " + SarcasmReader.DEFAULT_IMAGE_FOLDER);
        }
        builder.optImageFolder(images);
        boolean any = false;
        for (Split split : Split.values()) {
            String file = config.getString(option(split));
            if (file.isBlank()) {
                builder.optNoSplit(split);
            } else {
                builder.optSplitFile(split, file);
                any = true;
            }
        }
        if (!any) {
            throw new UserInputException(config.where(option(Split.TRAIN)) + ": no split has a"
                    + " file; set at least one of trainFile, validationFile, testFile");
        }
    }

    /**
     * Checks that the reader's directory, split files and image folder exist.
     *
     * @param config the options the reader was built from, to name them in messages
     * @param reader the reader
     * @throws UserInputException if one is missing; the message names the option and the
     *     path and says where to get the data
     */
    static void check(ComponentConfig config, SarcasmReader reader) {
        Path directory = reader.directory();
        if (!Files.isDirectory(directory)) {
            throw new UserInputException(config.where(PATH) + ": there is no directory "
                    + directory + "; " + reader.howToGet());
        }
        for (Map.Entry<Split, String> entry : reader.files().entrySet()) {
            Path file = directory.resolve(entry.getValue());
            if (!Files.isRegularFile(file)) {
                throw new UserInputException(config.where(option(entry.getKey())) + ": there"
                        + " is no file " + file + "; " + reader.howToGet());
            }
        }
        if (!Files.isDirectory(reader.imageFolder())) {
            throw new UserInputException(config.where(IMAGES) + ": there is no folder "
                    + reader.imageFolder() + "; " + reader.howToGet());
        }
    }
}
