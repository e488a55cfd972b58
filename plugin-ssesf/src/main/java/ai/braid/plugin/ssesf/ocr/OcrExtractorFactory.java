package ai.braid.plugin.ssesf.ocr;

import ai.braid.api.UserInputException;
import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.spi.SemanticExtractor;
import ai.braid.api.spi.SemanticExtractorFactory;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The semantic extractor {@value #NAME}: the text in an image, read by the system Tesseract.
 *
 * <pre>
 * extractors: [ { name: ocr, from: image, to: ocr, language: eng, pageSegMode: 6 } ]
 * </pre>
 *
 * <p>Options: {@code language} (default "eng"), Tesseract model names joined by '+'; {@code
 * tessdata} (default {@code $TESSDATA_PREFIX}, else {@value #DEBIAN_TESSDATA_TEXT}), the
 * directory of the {@code .traineddata} files; {@code pageSegMode} (default 3, automatic
 * layout); {@code minHeight} (default 256), the height shorter images are enlarged to; {@code
 * minConfidence} (default 60), the word confidence below which words are left out. The
 * defaults were measured on emoji with and without caption bands (see {@link
 * OcrExtractor#DEFAULT_PAGE_SEG_MODE} and the constants after it). {@link
 * OcrExtractor} describes the output and what happens to unreadable images.
 */
public final class OcrExtractorFactory implements SemanticExtractorFactory {

    /** The name pipeline files use. */
    public static final String NAME = "ocr";
    /** The option naming the languages. */
    public static final String LANGUAGE = "language";
    /** The option naming the model directory. */
    public static final String TESSDATA = "tessdata";
    /** The option giving Tesseract's page segmentation mode. */
    public static final String PAGE_SEG_MODE = "pageSegMode";
    /** The option giving the height short images are enlarged to. */
    public static final String MIN_HEIGHT = "minHeight";
    /** The option giving the least word confidence. */
    public static final String MIN_CONFIDENCE = "minConfidence";

    private static final String DEBIAN_TESSDATA_TEXT = "/usr/share/tesseract-ocr/5/tessdata";

    private final OptionSchema options;

    /** Creates the factory; the runtime constructs it once per process. */
    public OcrExtractorFactory() {
        // Built here, not statically: the default directory follows TESSDATA_PREFIX.
        this.options = OptionSchema.builder()
                .addString(LANGUAGE, OcrExtractor.DEFAULT_LANGUAGE, "Tesseract language"
                        + " models joined by '+', e.g. eng or eng+deu (Debian packages"
                        + " tesseract-ocr-<language>)")
                .addPath(TESSDATA, OcrExtractor.defaultTessdata().toString(), "directory of"
                        + " the <language>.traineddata files; default $TESSDATA_PREFIX, else "
                        + DEBIAN_TESSDATA_TEXT)
                .addInteger(PAGE_SEG_MODE, OcrExtractor.DEFAULT_PAGE_SEG_MODE, 3, 13,
                        "Tesseract's page segmentation mode: 3 automatic layout, 6 one block of"
                                + " text, 7 one line, 11 sparse text ...")
                .addInteger(MIN_HEIGHT, OcrExtractor.DEFAULT_MIN_HEIGHT, 0, 4096, "images"
                        + " shorter than this many pixels are enlarged (up to 8 times) before"
                        + " OCR, so that small caption text is readable; 0 = never")
                .addNumber(MIN_CONFIDENCE, (double) OcrExtractor.DEFAULT_MIN_CONFIDENCE, 0,
                        100, "words Tesseract is less confident of (0 to 100) are left out, as"
                                + " are stray marks read in pictures; 0 keeps every word")
                .build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "OCR text (String) from an image (Image) with the system Tesseract, one engine"
                + " per thread; an image without text gives \"\", an unreadable one is"
                + " reported with its sample id";
    }

    @Override
    public OptionSchema options() {
        return options;
    }

    /**
     * Creates an extractor after checking that Tesseract and the models are installed.
     *
     * @param config the validated options
     * @return an {@link OcrExtractor}
     * @throws UserInputException if the language is malformed, a model file is missing (the
     *     message names the option and the file) or Tesseract is not installed
     */
    @Override
    public SemanticExtractor create(ComponentConfig config) {
        Objects.requireNonNull(config, "config");
        String language = config.getString(LANGUAGE).strip();
        Path tessdata = config.getPath(TESSDATA);
        OcrExtractor.Builder builder;
        try {
            builder = OcrExtractor.builder().optLanguage(language);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(config.where(LANGUAGE) + ": " + e.getMessage(), e);
        }
        Path missing = OcrExtractor.missingModel(tessdata, language);
        if (missing != null) {
            throw new UserInputException(config.where(TESSDATA) + ": there is no Tesseract"
                    + " model " + missing + " for language '" + language + "'; install it"
                    + " (`" + TesseractLibrary.INSTALL + "` for English) or set the option `"
                    + TESSDATA + "` to the directory holding " + missing.getFileName());
        }
        return builder.optTessdata(tessdata)
                .optPageSegMode(config.getInt(PAGE_SEG_MODE))
                .optMinHeight(config.getInt(MIN_HEIGHT))
                .optMinConfidence(config.getFloat(MIN_CONFIDENCE))
                .build();
    }
}
