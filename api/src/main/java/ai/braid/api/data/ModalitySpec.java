package ai.braid.api.data;

import java.util.Objects;

/**
 * A modality a dataset provides (or an extractor produces), with the Java type of its raw
 * values.
 *
 * <p>The runtime checks before any work that each projector and extractor accepts the raw type
 * of the modality it is attached to. Typical types: {@link String} for text, {@link
 * java.nio.file.Path} or {@link java.awt.image.BufferedImage} for images, {@code float[]} for
 * signals.
 *
 * @param modality the modality's name
 * @param valueType the Java type of one sample's raw value
 */
public record ModalitySpec(Modality modality, Class<?> valueType) {

    /** Checks for nulls. */
    public ModalitySpec {
        Objects.requireNonNull(modality, "modality");
        Objects.requireNonNull(valueType, "valueType");
    }
}
