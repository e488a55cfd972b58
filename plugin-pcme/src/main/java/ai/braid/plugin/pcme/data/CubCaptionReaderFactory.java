package ai.braid.plugin.pcme.data;

import ai.braid.api.UserInputException;
import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.data.DataDirectories;
import ai.braid.api.spi.DatasetReader;
import ai.braid.api.spi.DatasetReaderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The dataset reader {@value #NAME}: CUB-200-2011 photographs with ten captions each, in the
 * layout of reedscot/cvpr2016.
 *
 * <pre>
 * data: { reader: cub-captions, path: data/cub, validationClasses: valclasses1.txt }
 * </pre>
 *
 * <p>Options: {@code path} (default {@code <braid.home>/data/cub}), the folder holding
 * text_c10/, images/ and the class lists; {@code trainClasses} (default
 * "trainvalclasses.txt"), {@code testClasses} (default "testclasses.txt") and {@code
 * validationClasses} (default none), the class lists of the splits, relative to it. {@link
 * CubCaptionReader} describes the samples.
 */
public final class CubCaptionReaderFactory implements DatasetReaderFactory {

    /** The name pipeline files use. */
    public static final String NAME = "cub-captions";
    /** The option naming the CUB directory. */
    public static final String PATH = "path";
    /** The option naming the list of training classes. */
    public static final String TRAIN_CLASSES = "trainClasses";
    /** The option naming the list of test classes. */
    public static final String TEST_CLASSES = "testClasses";
    /** The option naming the list of validation classes. */
    public static final String VALIDATION_CLASSES = "validationClasses";

    private final OptionSchema options;

    /** Creates the factory; the runtime constructs it once per process. */
    public CubCaptionReaderFactory() {
        // Built here, not statically: the default directory follows braid.home.
        this.options = OptionSchema.builder()
                .addPath(PATH, DataDirectories.defaultDirectory("cub"), "directory holding "
                        + CubCaptionReader.TEXT_FOLDER + "/<class>/<image>.txt, "
                        + CubCaptionReader.IMAGE_FOLDER + "/<class>/<image>.jpg and the class"
                        + " lists (layout of reedscot/cvpr2016)")
                .addString(TRAIN_CLASSES, CubCaptionReader.DEFAULT_TRAIN_CLASSES,
                        "list of the training classes, one class folder per line, relative to"
                                + " path")
                .addString(TEST_CLASSES, CubCaptionReader.DEFAULT_TEST_CLASSES,
                        "list of the test classes, relative to path")
                .addString(VALIDATION_CLASSES, "", "list of the validation classes, relative"
                        + " to path, left out of training; empty for no validation split")
                .build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "CUB-200-2011 birds (image: RGB photograph) with ten captions each (text),"
                + " splits by class from the class lists, the species as class and"
                + " plausible-match label";
    }

    @Override
    public OptionSchema options() {
        return options;
    }

    /**
     * Creates a reader after checking that the folders and class lists exist; the captions
     * are read later.
     *
     * @param config the validated options
     * @return a {@link CubCaptionReader}
     * @throws UserInputException if a folder or list is missing; the message names it and the
     *     option
     */
    @Override
    public DatasetReader create(ComponentConfig config) {
        Objects.requireNonNull(config, "config");
        Path directory = DataDirectories.resolve(config.getPath(PATH));
        if (!Files.isDirectory(directory)) {
            throw new UserInputException(config.where(PATH) + ": there is no directory "
                    + directory + "; expected the CUB captions in the layout of"
                    + " reedscot/cvpr2016");
        }
        CubCaptionReader.missingFile(directory, List.of()).ifPresent(missing -> {
            throw new UserInputException(config.where(PATH) + ": there is no " + missing
                    + "; expected " + CubCaptionReader.TEXT_FOLDER + "/ and "
                    + CubCaptionReader.IMAGE_FOLDER + "/ in " + directory);
        });
        List<String> listOptions = new ArrayList<>(List.of(TRAIN_CLASSES, TEST_CLASSES));
        if (!config.getString(VALIDATION_CLASSES).isBlank()) {
            listOptions.add(VALIDATION_CLASSES);
        }
        for (String option : listOptions) {
            Path list = directory.resolve(config.getString(option));
            if (!Files.isRegularFile(list)) {
                throw new UserInputException(config.where(option) + ": there is no class list "
                        + list);
            }
        }
        return CubCaptionReader.builder()
                .optDirectory(directory)
                .optTrainClasses(config.getString(TRAIN_CLASSES))
                .optTestClasses(config.getString(TEST_CLASSES))
                .optValidationClasses(config.getString(VALIDATION_CLASSES))
                .build();
    }
}
