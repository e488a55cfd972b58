package ai.braid.plugin.pcme.task;

import java.util.Objects;

/**
 * How {@code braid predict} answers a query: from which split's items, and how many.
 *
 * @param gallery the split(s) whose items are ranked
 * @param top results per query
 */
public record QuerySettings(GallerySplit gallery, int top) {

    /** Checks the values. */
    public QuerySettings {
        Objects.requireNonNull(gallery, "gallery");
        if (top < 1) {
            throw new IllegalArgumentException("top must be >= 1, got " + top);
        }
    }
}
