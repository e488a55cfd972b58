package ai.braid.api.spi;

import ai.braid.api.config.OptionSchema;

/**
 * What every component factory has: a name, a description and the options it accepts.
 *
 * <p>A factory is discovered through {@link java.util.ServiceLoader} under one of the seven kind
 * interfaces ({@link DatasetReaderFactory}, {@link SemanticExtractorFactory}, {@link
 * ModalityProjectorFactory}, {@link FusionBlockFactory}, {@link ObjectiveFactory}, {@link
 * LossWeightingFactory}, {@link TaskFactory}) and constructed once per process by Guice, so its constructor may {@code
 * @Inject} runtime services such as {@link ai.braid.api.BraidEnvironment} and bindings of the
 * plugin's own Guice modules. Constructors must be cheap and must not touch the data or the
 * engine: they run for {@code braid plugins}. Heavy work belongs in the kind's {@code create}.
 *
 * <p>Names are unique within a kind across all loaded plugins; two plugins offering the same
 * name is an error that names both.
 */
public interface ComponentFactory {

    /**
     * Returns the name pipeline files use, e.g. "multiway": lower case letters, digits, dashes.
     *
     * @return the name
     */
    String name();

    /**
     * Returns one line for {@code braid plugins}.
     *
     * @return the description
     */
    String description();

    /**
     * Returns the options this component accepts; the runtime validates a pipeline's options
     * against it before any work starts.
     *
     * @return the schema, {@link OptionSchema#EMPTY} if the component takes none
     */
    OptionSchema options();
}
