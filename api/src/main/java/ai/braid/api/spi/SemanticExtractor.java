package ai.braid.api.spi;

/**
 * Derives a new modality from an existing one before training, e.g. OCR text from an image.
 *
 * <p>The runtime calls {@link #extract} once per sample and caches the result on disk under a
 * key made of the input's content and {@link #fingerprint()}, so extraction runs once per
 * dataset and configuration. Implementations may be called from several threads at once.
 */
public interface SemanticExtractor {

    /**
     * Returns the raw type this extractor reads, e.g. {@code Path} for image files.
     *
     * @return the input type
     */
    Class<?> inputType();

    /**
     * Returns the raw type this extractor produces, e.g. {@code String} for OCR text. It must
     * be serialisable by the runtime's cache: {@code String}, {@code float[]} or {@code
     * String[]}.
     *
     * @return the output type
     */
    Class<?> outputType();

    /**
     * Derives the new modality's value for one sample. "Nothing found" is a valid result (an
     * image without text gives an empty string), not an error.
     *
     * @param sampleId the sample's id, for error messages
     * @param input the raw value of the source modality
     * @return the derived value, of {@link #outputType()}
     * @throws ai.braid.api.UserInputException if the input is unreadable (a corrupt image);
     *     the runtime reports it with the sample id and counts it, never drops it silently
     */
    Object extract(String sampleId, Object input);

    /**
     * Identifies everything that changes this extractor's results (engine version, language,
     * options) so the cache is invalidated when it changes.
     *
     * @return a stable string
     */
    String fingerprint();
}
