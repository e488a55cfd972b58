package ai.braid.api.data;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of a modality: "image", "text", "ocr", "signal"...
 *
 * <p>Modalities are open-ended names, not an enum, so a plugin adds one by using it. Nothing in
 * the runtime or the shared blocks branches on a modality's name.
 *
 * @param name lower case letters, digits and underscores, starting with a letter
 */
public record Modality(String name) implements Comparable<Modality> {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    /**
     * Creates a modality name.
     *
     * @throws IllegalArgumentException if the name does not match {@code [a-z][a-z0-9_]*}
     */
    public Modality {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "modality name '" + name + "' must match " + NAME.pattern());
        }
    }

    /**
     * Shorthand for {@code new Modality(name)}.
     *
     * @param name the modality's name
     * @return the modality
     */
    public static Modality of(String name) {
        return new Modality(name);
    }

    @Override
    public int compareTo(Modality other) {
        return name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
