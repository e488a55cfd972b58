package ai.braid.plugin.ssesf.data.mmsd;

import ai.braid.api.data.Split;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Reads MMSD, the multimodal sarcasm detection dataset of Cai, Cai and Wan (ACL 2019), from
 * its released files (headacheboy/data-of-multimodal-sarcasm-detection).
 *
 * <pre>
 * data/mmsd/
 *   text/train.txt       ['910308516510011393', 'most # funny quotes ...', 1]
 *   text/valid2.txt      ['...', '...', 1, 0]   (hashtag label, annotator label)
 *   text/test2.txt
 *   dataset_image/&lt;id&gt;.jpg
 * </pre>
 *
 * <p>{@link MmsdTextFile} describes the line format (Python list literals); the annotator's
 * label, the last one, counts. Posts are then filtered by keyword as in the authors' code
 * ({@link KeywordFilter#mmsd()}); the images of dropped posts were never released. With the
 * released files and the default filter the splits hold:
 *
 * <table>
 *   <caption>MMSD sizes</caption>
 *   <tr><th>split</th><th>lines</th><th>samples</th><th>sarcastic</th></tr>
 *   <tr><td>train</td><td>29,040</td><td>19,816</td><td>8,642</td></tr>
 *   <tr><td>validation</td><td>2,410</td><td>2,410</td><td>959</td></tr>
 *   <tr><td>test</td><td>2,409</td><td>2,409</td><td>959</td></tr>
 * </table>
 *
 * <p>{@link SarcasmReader} describes the samples.
 */
public final class MmsdReader extends SarcasmReader {

    /** The default file of the train split. */
    public static final String DEFAULT_TRAIN_FILE = "text/train.txt";
    /** The default file of the validation split. */
    public static final String DEFAULT_VALIDATION_FILE = "text/valid2.txt";
    /** The default file of the test split. */
    public static final String DEFAULT_TEST_FILE = "text/test2.txt";

    private final KeywordFilter filter;

    private MmsdReader(Builder builder) {
        super(MmsdReaderFactory.NAME, builder);
        this.filter = builder.filter;
    }

    /**
     * Starts a reader with the defaults: {@code <braid.home>/data/mmsd}, text/train.txt,
     * text/valid2.txt, text/test2.txt, images in dataset_image/, the keyword filter of the
     * authors' code.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the keyword filter.
     *
     * @return the filter applied to every split
     */
    public KeywordFilter filter() {
        return filter;
    }

    @Override
    List<SarcasmPost> parse(Path file) {
        return MmsdTextFile.read(file);
    }

    @Override
    List<SarcasmPost> keep(List<SarcasmPost> posts) {
        return posts.stream().filter(post -> !filter.drops(post.text())).toList();
    }

    @Override
    String howToGet() {
        return "MMSD's text files are text/train.txt, text/valid2.txt and text/test2.txt of "
                + MMSD_DOWNLOAD + ", whose README links the images (four zip parts) to unzip"
                + " into " + imageFolder();
    }

    /** Configures an {@link MmsdReader}; every option has a default. */
    public static final class Builder extends SarcasmReader.Builder<Builder> {

        private KeywordFilter filter = KeywordFilter.mmsd();

        private Builder() {
            super(DEFAULT_TRAIN_FILE, DEFAULT_VALIDATION_FILE, DEFAULT_TEST_FILE);
        }

        /**
         * Sets the keyword filter.
         *
         * @param filter which posts to drop (default {@link KeywordFilter#mmsd()})
         * @return this builder
         */
        public Builder optKeywordFilter(KeywordFilter filter) {
            this.filter = Objects.requireNonNull(filter, "filter");
            return this;
        }

        /**
         * Creates the reader; nothing is read until {@link MmsdReader#read(Split)}.
         *
         * @return the reader
         */
        public MmsdReader build() {
            return new MmsdReader(this);
        }
    }
}
