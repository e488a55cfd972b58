package ai.braid.plugin.pcme.task;

import ai.braid.api.data.Modality;

/**
 * The labels of the two retrieval directions in metric names, e.g. {@code i2t} (image queries,
 * text gallery) and {@code t2i}: the modalities' initials, or their whole names when the
 * initials are the same.
 *
 * @param forward a-to-b label
 * @param backward b-to-a label
 */
record Directions(String forward, String backward) {

    static Directions of(Modality a, Modality b) {
        String first = a.name().substring(0, 1);
        String second = b.name().substring(0, 1);
        if (first.equals(second)) {
            first = a.name();
            second = b.name();
        }
        return new Directions(first + "2" + second, second + "2" + first);
    }
}
