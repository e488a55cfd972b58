package ai.braid.plugin.ssesf.ocr;

import ai.braid.api.UserInputException;
import ai.braid.api.spi.SemanticExtractor;
import ai.djl.modality.cv.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OCR text from an image with the system Tesseract: {@link Image} in, {@code String} out.
 *
 * <p>The text is the recognised words in reading order separated by single spaces, every line
 * break and run of blanks normalised; an image without text gives "", which the runtime keeps
 * as an empty modality (a WordPiece projector encodes it as {@code [CLS] [SEP]}). Short images
 * are enlarged before recognition (see {@link Builder#optMinHeight}), and words Tesseract is
 * not confident of, mostly stray marks read in pictures, are left out (see {@link
 * Builder#optMinConfidence}).
 *
 * <p>Thread-safe: the runtime calls {@link #extract} from a parallel stream, and each call
 * borrows a Tesseract engine that no other thread uses meanwhile; there are at most as many
 * engines as calls ran at once, each loading the model once.
 *
 * <p>An image that cannot be read (not a {@code BufferedImage}, no pixels, or Tesseract
 * failing on it) is logged with its sample id, counted in {@link #statistics()} and reported by
 * a {@link UserInputException} that names the sample. It is not turned into "": the runtime
 * caches every result, so an unreadable image mistaken for one without text would never be
 * reported again, while a thrown error reaches the runtime, which collects all of them with
 * their ids and stops with the count, caching nothing for them.
 */
public final class OcrExtractor implements SemanticExtractor, AutoCloseable {

    /** Where Debian's tesseract-ocr-eng installs the models. */
    public static final Path DEBIAN_TESSDATA = Path.of("/usr/share/tesseract-ocr/5/tessdata");
    /** The default language. */
    public static final String DEFAULT_LANGUAGE = "eng";
    /**
     * The default page segmentation mode: automatic layout without orientation detection. On
     * emoji with a caption band, mode 6 (one block) read the captions as well, but it found
     * "words" in 77% of emoji without any text and mode 3 in 8%; mode 11 (sparse text) lost
     * half the words of captions.
     */
    public static final int DEFAULT_PAGE_SEG_MODE = 3;
    /**
     * The default height short images are enlarged to: captions of 10-pixel DejaVu under
     * 64-pixel emoji were read with 76% of their words as they are and with all of them
     * enlarged to 256 pixels.
     */
    public static final int DEFAULT_MIN_HEIGHT = 256;
    /**
     * The default minimum word confidence, against the stray marks Tesseract reads in
     * pictures ("@", "b,"): with it, none of 60 emoji without text gave a word (5 did without
     * it), while the captions kept 98% to 100% of their words.
     */
    public static final float DEFAULT_MIN_CONFIDENCE = 60;
    /** How many failed sample ids {@link #statistics()} keeps. */
    public static final int KEPT_FAILED_IDS = 100;

    /** Changes whenever the image preparation changes, so cached results are recomputed. */
    private static final String PREPARATION = "grey-rec601/bilinear-max8/uniform-empty";
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z0-9_]+(\\+[A-Za-z0-9_]+)*");
    private static final Pattern BLANKS = Pattern.compile("\\s+");
    private static final Logger LOG = LoggerFactory.getLogger(OcrExtractor.class);
    private static final Cleaner CLEANER = Cleaner.create();

    private final Path tessdata;
    private final String language;
    private final int pageSegMode;
    private final int minHeight;
    private final float minConfidence;
    private final String fingerprint;
    private final EnginePool engines;
    private final Cleaner.Cleanable cleanable;
    private final AtomicLong images = new AtomicLong();
    private final AtomicLong withoutText = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final List<String> failedIds = new ArrayList<>();

    private OcrExtractor(Builder builder) {
        this.tessdata = builder.tessdata;
        this.language = builder.language;
        this.pageSegMode = builder.pageSegMode;
        this.minHeight = builder.minHeight;
        this.minConfidence = builder.minConfidence;
        this.fingerprint = String.format(Locale.ROOT, "tesseract %s, language %s (model %s),"
                + " psm %d, minHeight %d, minConfidence %s, %s", TesseractLibrary.version(),
                language, modelHash(tessdata, language), pageSegMode, minHeight, minConfidence,
                PREPARATION);
        Path data = tessdata;
        String lang = language;
        int psm = pageSegMode;
        EnginePool pool = new EnginePool(() -> new TesseractEngine(data, lang, psm));
        // One engine now, so a model Tesseract cannot load fails here and not per sample.
        pool.release(pool.acquire());
        this.engines = pool;
        // The runtime never closes extractors: free the native engines with the extractor.
        this.cleanable = CLEANER.register(this, pool::close);
    }

    /**
     * Starts a builder.
     *
     * @return a builder with the defaults: English, {@link #defaultTessdata()}, page
     *     segmentation mode {@value #DEFAULT_PAGE_SEG_MODE}, images enlarged to {@value
     *     #DEFAULT_MIN_HEIGHT} pixels, words of confidence {@value #DEFAULT_MIN_CONFIDENCE} and
     *     more
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the default model directory: the environment variable {@code TESSDATA_PREFIX}
     * if set (Tesseract's own convention), else {@link #DEBIAN_TESSDATA}.
     *
     * @return the directory
     */
    public static Path defaultTessdata() {
        String prefix = System.getenv("TESSDATA_PREFIX");
        return prefix == null || prefix.isBlank() ? DEBIAN_TESSDATA : Path.of(prefix);
    }

    /**
     * Returns {@link Image}: the extractor reads DJL images that wrap a {@link BufferedImage}.
     *
     * @return {@code Image.class}
     */
    @Override
    public Class<?> inputType() {
        return Image.class;
    }

    /**
     * Returns {@code String}.
     *
     * @return {@code String.class}
     */
    @Override
    public Class<?> outputType() {
        return String.class;
    }

    /**
     * Reads the text of one image.
     *
     * @param sampleId the sample's id, named in the warning and error of an unreadable image
     * @param input an {@link Image} wrapping a {@link BufferedImage}
     * @return the words separated by single spaces; "" if the image shows no text
     * @throws UserInputException if the image cannot be read; it is logged and counted first
     */
    @Override
    public String extract(String sampleId, Object input) {
        images.incrementAndGet();
        GreyPage page;
        try {
            page = GreyPage.of(buffered(input), minHeight);
        } catch (RuntimeException e) {
            throw unreadable(sampleId, e);
        }
        String text = page.isUniform() ? "" : recognise(sampleId, page);
        if (text.isEmpty()) {
            withoutText.incrementAndGet();
        }
        return text;
    }

    private String recognise(String sampleId, GreyPage page) {
        TesseractEngine engine = engines.acquire();
        String words;
        try {
            words = engine.read(page, minConfidence);
        } catch (RuntimeException e) {
            engines.discard(engine);
            throw unreadable(sampleId, e);
        }
        engines.release(engine);
        return BLANKS.matcher(words).replaceAll(" ").strip();
    }

    private static BufferedImage buffered(Object input) {
        if (!(input instanceof Image image)) {
            throw new IllegalArgumentException("expected an image, got "
                    + (input == null ? "nothing" : input.getClass().getName()));
        }
        if (image.getWidth() <= 0 || image.getHeight() <= 0) {
            throw new IllegalArgumentException("the image has no pixels ("
                    + image.getWidth() + "x" + image.getHeight() + ")");
        }
        if (!(image.getWrappedImage() instanceof BufferedImage buffered)) {
            Object wrapped = image.getWrappedImage();
            throw new IllegalArgumentException("expected an image backed by a"
                    + " java.awt.image.BufferedImage, got "
                    + (wrapped == null ? "nothing" : wrapped.getClass().getName()));
        }
        return buffered;
    }

    private UserInputException unreadable(String sampleId, RuntimeException cause) {
        failures.incrementAndGet();
        synchronized (failedIds) {
            if (failedIds.size() < KEPT_FAILED_IDS) {
                failedIds.add(sampleId);
            }
        }
        String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        LOG.warn("OCR cannot read the image of sample '{}': {}", sampleId, reason);
        return new UserInputException("OCR cannot read the image of sample '" + sampleId
                + "': " + reason, cause);
    }

    /**
     * Identifies the results: the Tesseract version, the language and a hash of its model
     * files, the page segmentation mode, the enlargement, the confidence cut and the image
     * preparation.
     *
     * @return e.g. "tesseract 5.3.0, language eng (model 7af2...), psm 6, minHeight 256, ..."
     */
    @Override
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * Counts what this extractor has read so far, for a task's report or a log line.
     *
     * @return a snapshot of the counts
     */
    public OcrStatistics statistics() {
        synchronized (failedIds) {
            return new OcrStatistics(images.get(), withoutText.get(), failures.get(), failedIds);
        }
    }

    /**
     * Returns how many Tesseract engines were created: one per thread that ran OCR at the
     * same time, plus one for each engine discarded after a failure.
     *
     * @return the number of engines
     */
    public int engines() {
        return engines.created();
    }

    /**
     * Frees the Tesseract engines; an extractor that is merely dropped frees them when it is
     * garbage-collected.
     */
    @Override
    public void close() {
        cleanable.clean();
    }

    @Override
    public String toString() {
        return "OcrExtractor[" + language + ", " + tessdata + ", psm " + pageSegMode
                + ", minHeight " + minHeight + ", minConfidence " + minConfidence + "]";
    }

    /**
     * Checks that every model of a language list exists.
     *
     * @param tessdata the model directory
     * @param language e.g. "eng+deu"
     * @return the first missing {@code .traineddata} file, or null if all exist
     */
    static Path missingModel(Path tessdata, String language) {
        for (String single : language.split("\\+")) {
            Path model = tessdata.resolve(single + ".traineddata");
            if (!Files.isRegularFile(model)) {
                return model;
            }
        }
        return null;
    }

    private static String modelHash(Path tessdata, String language) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        for (String single : language.split("\\+")) {
            Path model = tessdata.resolve(single + ".traineddata");
            try (InputStream in = new DigestInputStream(Files.newInputStream(model), digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the Tesseract model " + model, e);
            }
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }

    /** Builds an {@link OcrExtractor}; every setting has a default. */
    public static final class Builder {

        private Path tessdata = defaultTessdata();
        private String language = DEFAULT_LANGUAGE;
        private int pageSegMode = DEFAULT_PAGE_SEG_MODE;
        private int minHeight = DEFAULT_MIN_HEIGHT;
        private float minConfidence = DEFAULT_MIN_CONFIDENCE;

        private Builder() {}

        /**
         * Sets the directory of the {@code .traineddata} models (default {@link
         * #defaultTessdata()}).
         *
         * @param tessdata the directory
         * @return this builder
         */
        public Builder optTessdata(Path tessdata) {
            this.tessdata = Objects.requireNonNull(tessdata, "tessdata");
            return this;
        }

        /**
         * Sets the language (default {@value #DEFAULT_LANGUAGE}), Tesseract's model name; join
         * several with '+', e.g. "eng+deu".
         *
         * @param language the model names
         * @return this builder
         * @throws IllegalArgumentException if it is not a '+'-separated list of names
         */
        public Builder optLanguage(String language) {
            Objects.requireNonNull(language, "language");
            if (!LANGUAGE.matcher(language).matches()) {
                throw new IllegalArgumentException("the language must be Tesseract model"
                        + " names joined by '+', e.g. \"eng\" or \"eng+deu\", got \""
                        + language + "\"");
            }
            this.language = language;
            return this;
        }

        /**
         * Sets Tesseract's page segmentation mode (default {@value #DEFAULT_PAGE_SEG_MODE}):
         * 3 automatic, 4 one column, 6 one block, 7 one line, 11 sparse text, and so on (see
         * {@code tesseract --help-psm}).
         *
         * @param pageSegMode 3 to 13
         * @return this builder
         */
        public Builder optPageSegMode(int pageSegMode) {
            this.pageSegMode = pageSegMode;
            return this;
        }

        /**
         * Sets the height images shorter than it are enlarged to before recognition (default
         * {@value #DEFAULT_MIN_HEIGHT}), at most {@value GreyPage#MAX_SCALE} times; 0 never
         * enlarges.
         *
         * @param minHeight pixels, at least 0
         * @return this builder
         */
        public Builder optMinHeight(int minHeight) {
            this.minHeight = minHeight;
            return this;
        }

        /**
         * Sets the confidence (0 to 100) below which a recognised word is left out (default
         * {@value #DEFAULT_MIN_CONFIDENCE}); 0 keeps every word, like the command-line tool.
         *
         * @param minConfidence Tesseract's word confidence
         * @return this builder
         */
        public Builder optMinConfidence(float minConfidence) {
            this.minConfidence = minConfidence;
            return this;
        }

        /**
         * Builds the extractor: loads the Tesseract library, hashes the models and loads them
         * into a first engine.
         *
         * @return the extractor
         * @throws IllegalArgumentException if a setting is out of range
         * @throws UserInputException if Tesseract is not installed, a model file is missing
         *     (the message names the file) or Tesseract cannot load it
         */
        public OcrExtractor build() {
            if (pageSegMode < 3 || pageSegMode > 13 || minHeight < 0 || minConfidence < 0
                    || minConfidence > 100) {
                throw new IllegalArgumentException("pageSegMode must be in 3..13, minHeight at"
                        + " least 0 and minConfidence in [0, 100], got " + pageSegMode + ", "
                        + minHeight + ", " + minConfidence);
            }
            Path missing = missingModel(tessdata, language);
            if (missing != null) {
                throw new UserInputException("there is no Tesseract model " + missing
                        + "; install it (`" + TesseractLibrary.INSTALL + "` for English) or"
                        + " point tessdata at the directory holding " + missing.getFileName());
            }
            return new OcrExtractor(this);
        }
    }
}
