package ai.braid.api.spi;

import ai.braid.api.config.ComponentConfig;

/**
 * Creates {@link DatasetReader}s; the pipeline's {@code data:} section names one.
 */
public interface DatasetReaderFactory extends ComponentFactory {

    /**
     * Creates a reader. It should check that its files exist (naming the option through {@link
     * ComponentConfig#where}) but defer reading them to {@link DatasetReader#read}.
     *
     * @param config the validated options, e.g. {@code path}
     * @return the reader
     * @throws ai.braid.api.UserInputException if the configured data cannot be found
     */
    DatasetReader create(ComponentConfig config);
}
