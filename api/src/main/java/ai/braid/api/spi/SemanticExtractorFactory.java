package ai.braid.api.spi;

import ai.braid.api.config.ComponentConfig;

/**
 * Creates {@link SemanticExtractor}s; a pipeline's {@code extractors:} list names them together
 * with the modality they read ({@code from}) and the one they add ({@code to}).
 */
public interface SemanticExtractorFactory extends ComponentFactory {

    /**
     * Creates an extractor.
     *
     * @param config the validated options
     * @return the extractor
     */
    SemanticExtractor create(ComponentConfig config);
}
