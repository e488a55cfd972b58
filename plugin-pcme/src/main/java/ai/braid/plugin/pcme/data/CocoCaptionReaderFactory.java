package ai.braid.plugin.pcme.data;

import ai.braid.api.UserInputException;
import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.data.DataDirectories;
import ai.braid.api.data.Split;
import ai.braid.api.spi.DatasetReader;
import ai.braid.api.spi.DatasetReaderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The dataset reader {@value #NAME}: COCO images with their captions, from the official JSON
 * files.
 *
 * <pre>
 * data:
 *   reader: coco-captions
 *   path: data/coco
 *   trainInstances: annotations/instances_train2014.json
 *   testInstances: annotations/instances_val2014.json
 * </pre>
 *
 * <p>Options, all relative to {@code path} (default {@code <braid.home>/data/coco}): for each
 * split {@code <split>Captions}, the captions JSON (empty: no such split), {@code
 * <split>Images}, its image folder, and {@code <split>Instances}, its instances JSON (empty:
 * none; either every split has one or none). Defaults: train from
 * annotations/captions_train2014.json and train2014/, test from
 * annotations/captions_val2014.json and val2014/, no validation split. {@link
 * CocoCaptionReader} describes the samples.
 */
public final class CocoCaptionReaderFactory implements DatasetReaderFactory {

    /** The name pipeline files use. */
    public static final String NAME = "coco-captions";
    /** The option naming the COCO directory. */
    public static final String PATH = "path";
    /** The suffix of the options naming a split's captions file. */
    public static final String CAPTIONS = "Captions";
    /** The suffix of the options naming a split's image folder. */
    public static final String IMAGES = "Images";
    /** The suffix of the options naming a split's instances file. */
    public static final String INSTANCES = "Instances";

    private final OptionSchema options;

    /** Creates the factory; the runtime constructs it once per process. */
    public CocoCaptionReaderFactory() {
        // Built here, not statically: the default directory follows braid.home.
        OptionSchema.Builder builder = OptionSchema.builder()
                .addPath(PATH, DataDirectories.defaultDirectory("coco"), "directory the"
                        + " captions files, image folders and instances files are relative to");
        for (Split split : Split.values()) {
            String captions = switch (split) {
                case TRAIN -> CocoCaptionReader.DEFAULT_TRAIN_CAPTIONS;
                case VALIDATION -> "";
                case TEST -> CocoCaptionReader.DEFAULT_TEST_CAPTIONS;
            };
            String images = switch (split) {
                case TRAIN -> CocoCaptionReader.DEFAULT_TRAIN_IMAGES;
                case VALIDATION -> "";
                case TEST -> CocoCaptionReader.DEFAULT_TEST_IMAGES;
            };
            builder.addString(option(split, CAPTIONS), captions, "captions JSON of the "
                            + split.label() + " split (format of captions_train2014.json);"
                            + " empty for no " + split.label() + " split")
                    .addString(option(split, IMAGES), images, "folder of the "
                            + split.label() + " images that the captions' file_name values name")
                    .addString(option(split, INSTANCES), "", "instances JSON of the "
                            + split.label() + " images, whose object categories are the"
                            + " plausible-match labels; empty for none (set for every split or"
                            + " none)");
        }
        this.options = builder.build();
    }

    /**
     * Returns the name of one split's option.
     *
     * @param split the split
     * @param suffix {@link #CAPTIONS}, {@link #IMAGES} or {@link #INSTANCES}
     * @return e.g. "trainCaptions"
     */
    public static String option(Split split, String suffix) {
        return split.label() + suffix;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "COCO images (image: RGB) with their captions (text) from the official captions"
                + " JSON per split; object categories from the instances JSON as"
                + " plausible-match labels";
    }

    @Override
    public OptionSchema options() {
        return options;
    }

    /**
     * Creates a reader after checking that the configured files and folders exist; they are
     * read later.
     *
     * @param config the validated options
     * @return a {@link CocoCaptionReader}
     * @throws UserInputException if no split is configured, a file or folder is missing, a
     *     split has captions but no image folder, or only some splits have instances; the
     *     message names the option
     */
    @Override
    public DatasetReader create(ComponentConfig config) {
        Objects.requireNonNull(config, "config");
        Path directory = DataDirectories.resolve(config.getPath(PATH));
        if (!Files.isDirectory(directory)) {
            throw new UserInputException(config.where(PATH) + ": there is no directory "
                    + directory + "; expected the COCO captions files and image folders");
        }
        CocoCaptionReader.Builder reader = CocoCaptionReader.builder().optDirectory(directory);
        List<String> withInstances = new ArrayList<>();
        List<String> withoutInstances = new ArrayList<>();
        for (Split split : Split.values()) {
            String captions = config.getString(option(split, CAPTIONS));
            if (captions.isBlank()) {
                reader.optNoSplit(split);
                continue;
            }
            String images = config.getString(option(split, IMAGES));
            if (images.isBlank()) {
                throw new UserInputException(config.where(option(split, IMAGES)) + ": the "
                        + split.label() + " split has captions but no image folder");
            }
            String instances = config.getString(option(split, INSTANCES));
            (instances.isBlank() ? withoutInstances : withInstances)
                    .add(option(split, INSTANCES));
            CocoSplitFiles files = CocoSplitFiles.of(captions, images).withInstances(instances);
            check(config, directory, option(split, CAPTIONS), files.captions(), false);
            check(config, directory, option(split, IMAGES), files.images(), true);
            files.instances().ifPresent(file ->
                    check(config, directory, option(split, INSTANCES), file, false));
            reader.optSplit(split, files);
        }
        if (withInstances.isEmpty() && withoutInstances.isEmpty()) {
            throw new UserInputException(config.where(option(Split.TRAIN, CAPTIONS))
                    + ": no split has a captions file; set at least one <split>" + CAPTIONS);
        }
        if (!withInstances.isEmpty() && !withoutInstances.isEmpty()) {
            throw new UserInputException(config.where(withoutInstances.get(0)) + " is empty"
                    + " but " + withInstances + " are set; give an instances file for every"
                    + " split or for none");
        }
        return reader.build();
    }

    private static void check(ComponentConfig config, Path directory, String option,
            String name, boolean folder) {
        Path path = directory.resolve(name);
        if (folder ? !Files.isDirectory(path) : !Files.isRegularFile(path)) {
            throw new UserInputException(config.where(option) + ": there is no "
                    + (folder ? "folder " : "file ") + path);
        }
    }
}
