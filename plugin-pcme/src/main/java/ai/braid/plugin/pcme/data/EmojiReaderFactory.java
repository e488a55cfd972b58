package ai.braid.plugin.pcme.data;

import ai.braid.api.UserInputException;
import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.data.DataDirectories;
import ai.braid.api.spi.DatasetReader;
import ai.braid.api.spi.DatasetReaderFactory;
import ai.braid.data.emoji.EmojiData;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The dataset reader {@value #NAME}: emoji images with captions from their labels and tags.
 *
 * <pre>
 * data: { reader: emoji, captionsPerImage: 4, minTagImages: 5 }
 * </pre>
 *
 * <p>Options: {@code path} (default {@code <braid.home>/data/emoji}, where scripts/setup.sh
 * unpacks the npm packages emoji-datasource-google and emojibase-data), {@code
 * captionsPerImage} (default 4), the most captions per image, and {@code minTagImages} (default
 * 5), how many images must carry a tag for it to enter the plausible-match label vector. {@link
 * EmojiReader} describes the samples and the fixed splits.
 */
public final class EmojiReaderFactory implements DatasetReaderFactory {

    /** The name pipeline files use. */
    public static final String NAME = "emoji";
    /** The option naming the data directory. */
    public static final String PATH = "path";
    /** The option giving the most captions per image. */
    public static final String CAPTIONS_PER_IMAGE = "captionsPerImage";
    /** The option giving the least number of images of a plausible-match tag. */
    public static final String MIN_TAG_IMAGES = "minTagImages";

    private final OptionSchema options;

    /** Creates the factory; the runtime constructs it once per process. */
    public EmojiReaderFactory() {
        // Built here, not statically: the default directory follows braid.home.
        this.options = OptionSchema.builder()
                .addPath(PATH, DataDirectories.defaultDirectory("emoji"), "directory holding "
                        + EmojiData.IMAGE_PACKAGE + "/ and " + EmojiData.TEXT_PACKAGE
                        + "/, as scripts/setup.sh installs them")
                .addInteger(CAPTIONS_PER_IMAGE, EmojiReader.DEFAULT_CAPTIONS_PER_IMAGE, 1, 100,
                        "most captions per image: the label, then its tags two at a time")
                .addInteger(MIN_TAG_IMAGES, EmojiReader.DEFAULT_MIN_TAG_IMAGES, 1, 10_000,
                        "a tag is a plausible-match label when at least this many images"
                                + " carry it")
                .build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "1,911 emoji (image: 64x64 RGB on white) with captions from their emojibase"
                + " label and tags (text), fixed 80/10/10 splits by image, subcategory classes"
                + " and shared tags as plausible matches";
    }

    @Override
    public OptionSchema options() {
        return options;
    }

    /**
     * Creates a reader after checking that the data is installed; it is read later.
     *
     * @param config the validated options
     * @return an {@link EmojiReader}
     * @throws UserInputException if the data is missing; the message names the path looked
     *     at, says to run scripts/setup.sh and names the option
     */
    @Override
    public DatasetReader create(ComponentConfig config) {
        Objects.requireNonNull(config, "config");
        Path directory = DataDirectories.resolve(config.getPath(PATH));
        EmojiData.missingFile(directory).ifPresent(missing -> {
            throw new UserInputException(config.where(PATH) + ": "
                    + EmojiData.notInstalled(directory, missing));
        });
        return EmojiReader.builder()
                .optDirectory(directory)
                .optCaptionsPerImage(config.getInt(CAPTIONS_PER_IMAGE))
                .optMinTagImages(config.getInt(MIN_TAG_IMAGES))
                .build();
    }
}
