package ai.braid.runtime.plugin;

import ai.braid.api.spi.ComponentFactory;
import ai.braid.api.spi.DatasetReaderFactory;
import ai.braid.api.spi.FusionBlockFactory;
import ai.braid.api.spi.LossWeightingFactory;
import ai.braid.api.spi.ModalityProjectorFactory;
import ai.braid.api.spi.ObjectiveFactory;
import ai.braid.api.spi.SemanticExtractorFactory;
import ai.braid.api.spi.TaskFactory;

/** The seven kinds of component a plugin can provide, with the names users see. */
public enum ComponentKind {
    DATASET_READER("reader", DatasetReaderFactory.class),
    SEMANTIC_EXTRACTOR("extractor", SemanticExtractorFactory.class),
    MODALITY_PROJECTOR("projector", ModalityProjectorFactory.class),
    FUSION_BLOCK("fusion", FusionBlockFactory.class),
    OBJECTIVE("objective", ObjectiveFactory.class),
    LOSS_WEIGHTING("weighting", LossWeightingFactory.class),
    TASK("task", TaskFactory.class);

    private final String label;
    private final Class<? extends ComponentFactory> factoryType;

    ComponentKind(String label, Class<? extends ComponentFactory> factoryType) {
        this.label = label;
        this.factoryType = factoryType;
    }

    /** The kind's name in messages and in {@code braid plugins}, e.g. "projector". */
    public String label() {
        return label;
    }

    /** The SPI interface a plugin registers under {@code META-INF/services}. */
    public Class<? extends ComponentFactory> factoryType() {
        return factoryType;
    }
}
