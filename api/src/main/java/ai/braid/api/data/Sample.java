package ai.braid.api.data;

import ai.braid.api.UserInputException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One example: raw inputs keyed by modality and targets keyed by name.
 *
 * <p>Immutable. Raw values are whatever a {@link ModalitySpec} declares (a {@code String}, a
 * {@code Path}, a {@code float[]}...); they become tensors only in a projector's preprocessing.
 * A {@link ai.braid.api.spi.SemanticExtractor} adds a modality through {@link #withInput}.
 */
public final class Sample {

    private final String id;
    private final Map<Modality, Object> inputs;
    private final Map<String, Object> targets;

    /**
     * Creates a sample.
     *
     * @param id unique within its dataset; used in every error and prediction about it
     * @param inputs raw values keyed by modality
     * @param targets target values keyed by name (empty for unlabelled data)
     */
    public Sample(String id, Map<Modality, Object> inputs, Map<String, Object> targets) {
        this.id = Objects.requireNonNull(id, "id");
        this.inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        this.targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
    }

    /**
     * Returns the sample's id.
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /**
     * Returns all raw inputs.
     *
     * @return an unmodifiable map in the reader's order
     */
    public Map<Modality, Object> inputs() {
        return inputs;
    }

    /**
     * Returns all targets.
     *
     * @return an unmodifiable map
     */
    public Map<String, Object> targets() {
        return targets;
    }

    /**
     * Reads one raw input with its expected type.
     *
     * @param modality the modality
     * @param type the expected Java type
     * @param <T> the type
     * @return the value
     * @throws UserInputException if the sample lacks the modality or holds another type
     */
    public <T> T input(Modality modality, Class<T> type) {
        return typed("input '" + modality + "'", inputs.get(modality), type);
    }

    /**
     * Reads one raw input if present.
     *
     * @param modality the modality
     * @return the value, or empty
     */
    public Optional<Object> findInput(Modality modality) {
        return Optional.ofNullable(inputs.get(modality));
    }

    /**
     * Reads one target with its expected type.
     *
     * @param name the target's name
     * @param type the expected Java type
     * @param <T> the type
     * @return the value
     * @throws UserInputException if the sample lacks the target or holds another type
     */
    public <T> T target(String name, Class<T> type) {
        return typed("target '" + name + "'", targets.get(name), type);
    }

    /**
     * Returns a copy with one more (or a replaced) input.
     *
     * @param modality the modality to set
     * @param value its raw value
     * @return a new sample
     */
    public Sample withInput(Modality modality, Object value) {
        Map<Modality, Object> copy = new LinkedHashMap<>(inputs);
        copy.put(modality, Objects.requireNonNull(value, "value"));
        return new Sample(id, copy, targets);
    }

    private <T> T typed(String what, Object value, Class<T> type) {
        if (value == null) {
            throw new UserInputException("sample '" + id + "' has no " + what);
        }
        if (!type.isInstance(value)) {
            throw new UserInputException("sample '" + id + "': " + what + " is a "
                    + value.getClass().getSimpleName() + ", expected " + type.getSimpleName());
        }
        return type.cast(value);
    }

    @Override
    public String toString() {
        return "Sample[" + id + ", inputs=" + inputs.keySet() + ", targets=" + targets + "]";
    }
}
