package ai.braid.plugin.ssesf.data.mmsd;

import ai.braid.api.data.Split;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads MMSD2.0, the corrected MMSD of Qin et al. (ACL 2023), from its released files
 * (data/ of JoeYing1019/MMSD2.0).
 *
 * <pre>
 * data/mmsd/
 *   text_json_final/train.json   [{"image_id": 862902619928506372, "text": "...", "label": 1}, ...]
 *   text_json_final/valid.json
 *   text_json_final/test.json
 *   dataset_image/&lt;id&gt;.jpg      (the MMSD images)
 * </pre>
 *
 * <p>{@link Mmsd2JsonFile} describes the format. MMSD2.0 removed the spurious cues from the
 * texts (emoji tokens, most hashtags, every keyword of MMSD's filter) and re-annotated
 * unreasonable negatives, so no keyword filter applies: every record is a sample, 19,816 /
 * 2,410 / 2,409 in train / validation / test (9,576 / 1,042 / 1,037 sarcastic). The same
 * repository's text_json_clean/ holds MMSD in this format (set the three files to read it).
 * {@link SarcasmReader} describes the samples.
 */
public final class Mmsd2Reader extends SarcasmReader {

    /** The default file of the train split. */
    public static final String DEFAULT_TRAIN_FILE = "text_json_final/train.json";
    /** The default file of the validation split. */
    public static final String DEFAULT_VALIDATION_FILE = "text_json_final/valid.json";
    /** The default file of the test split. */
    public static final String DEFAULT_TEST_FILE = "text_json_final/test.json";

    private Mmsd2Reader(Builder builder) {
        super(Mmsd2ReaderFactory.NAME, builder);
    }

    /**
     * Starts a reader with the defaults: {@code <braid.home>/data/mmsd}, text_json_final/ with
     * train.json, valid.json and test.json, images in dataset_image/.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    List<SarcasmPost> parse(Path file) {
        return Mmsd2JsonFile.read(file);
    }

    @Override
    List<SarcasmPost> keep(List<SarcasmPost> posts) {
        return posts;
    }

    @Override
    String howToGet() {
        return "MMSD2.0's text files are data/text_json_final/train.json, valid.json and"
                + " test.json of " + MMSD2_DOWNLOAD + ", whose README links the images (those"
                + " of MMSD, four zip parts) to unzip into " + imageFolder();
    }

    /** Configures an {@link Mmsd2Reader}; every option has a default. */
    public static final class Builder extends SarcasmReader.Builder<Builder> {

        private Builder() {
            super(DEFAULT_TRAIN_FILE, DEFAULT_VALIDATION_FILE, DEFAULT_TEST_FILE);
        }

        /**
         * Creates the reader; nothing is read until {@link Mmsd2Reader#read(Split)}.
         *
         * @return the reader
         */
        public Mmsd2Reader build() {
            return new Mmsd2Reader(this);
        }
    }
}
