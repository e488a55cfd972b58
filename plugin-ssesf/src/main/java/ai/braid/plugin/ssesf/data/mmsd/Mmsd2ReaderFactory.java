package ai.braid.plugin.ssesf.data.mmsd;

import ai.braid.api.UserInputException;
import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.spi.DatasetReader;
import ai.braid.api.spi.DatasetReaderFactory;
import java.util.Objects;

/**
 * The dataset reader {@value #NAME}: MMSD2.0 (Qin et al. 2023), the corrected MMSD, from the
 * released JSON files and MMSD's image folder.
 *
 * <pre>
 * data: { reader: mmsd2, path: data/mmsd }
 * </pre>
 *
 * <p>Options: {@code path} (default {@code <braid.home>/data/mmsd}, the same folder as
 * {@code mmsd}, since both share the images; it may be the data/ folder of a clone of
 * JoeYing1019/MMSD2.0); {@code images} (default {@value SarcasmReader#DEFAULT_IMAGE_FOLDER});
 * {@code trainFile}, {@code validationFile}, {@code testFile} (default
 * text_json_final/train.json, valid.json, test.json; empty for no such split;
 * text_json_clean/ holds MMSD in this format). Every record is a sample: 19,816 / 2,410 /
 * 2,409. {@link Mmsd2Reader} and {@link SarcasmReader} describe the samples; the target
 * {@value SarcasmReader#LABEL} suits {@code task: classification}.
 */
public final class Mmsd2ReaderFactory implements DatasetReaderFactory {

    /** The name pipeline files use. */
    public static final String NAME = "mmsd2";

    private final OptionSchema options;

    /** Creates the factory; the runtime constructs it once per process. */
    public Mmsd2ReaderFactory() {
        // Built here, not statically: the default directory follows braid.home.
        this.options = SarcasmReaderOptions.add(OptionSchema.builder(), "MMSD2.0",
                Mmsd2Reader.DEFAULT_TRAIN_FILE, Mmsd2Reader.DEFAULT_VALIDATION_FILE,
                Mmsd2Reader.DEFAULT_TEST_FILE, "JSON file (an array of {\"image_id\","
                        + " \"text\", \"label\"})").build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "MMSD2.0 multimodal sarcasm detection (Qin et al. 2023, MMSD without spurious"
                + " cues, re-annotated): tweet image (RGB) and text, label sarcastic or not";
    }

    @Override
    public OptionSchema options() {
        return options;
    }

    /**
     * Creates a reader after checking that the directory, the split files and the image
     * folder exist; they are read later.
     *
     * @param config the validated options
     * @return an {@link Mmsd2Reader}
     * @throws UserInputException if something is missing (the message names the option and
     *     says where to get the data) or no split is configured
     */
    @Override
    public DatasetReader create(ComponentConfig config) {
        Objects.requireNonNull(config, "config");
        Mmsd2Reader.Builder builder = Mmsd2Reader.builder();
        SarcasmReaderOptions.configure(config, builder);
        Mmsd2Reader reader = builder.build();
        SarcasmReaderOptions.check(config, reader);
        return reader;
    }
}
