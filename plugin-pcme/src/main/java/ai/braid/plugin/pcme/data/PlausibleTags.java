package ai.braid.plugin.pcme.data;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The vocabulary of the plausible-match label vectors: the tags that enough images carry.
 *
 * <p>PMRP (Chun et al., 2021) calls two items a plausible match when their label vectors are
 * close; on COCO these are the object categories, here the emoji's tags. A tag that only one
 * or two emoji carry says nothing about which other emoji match, so a tag enters the
 * vocabulary only when at least {@code minImages} images carry it (5 by default: 429 of the
 * 3,610 tags of emojibase-data 17.0.0). The vocabulary is sorted alphabetically, a tag's id is
 * its index, and it is built from all images of all splits, so the ground truth is the same
 * whichever split is evaluated.
 */
final class PlausibleTags {

    private final List<String> names;
    private final Map<String, Integer> ids = new HashMap<>();

    private PlausibleTags(Collection<String> names) {
        this.names = List.copyOf(names);
        for (int i = 0; i < this.names.size(); i++) {
            ids.put(this.names.get(i), i);
        }
    }

    /**
     * Builds the vocabulary.
     *
     * @param tagsPerImage each image's tags
     * @param minImages how many images must carry a tag for it to enter, at least 1
     * @return the vocabulary
     * @throws IllegalArgumentException if minImages is below 1
     */
    static PlausibleTags of(Collection<? extends Collection<String>> tagsPerImage,
            int minImages) {
        if (minImages < 1) {
            throw new IllegalArgumentException(
                    "minTagImages is " + minImages + "; expected at least 1");
        }
        Map<String, Integer> counts = new HashMap<>();
        for (Collection<String> tags : tagsPerImage) {
            for (String tag : new HashSet<>(tags)) {
                counts.merge(tag, 1, Integer::sum);
            }
        }
        Set<String> kept = new TreeSet<>();
        counts.forEach((tag, count) -> {
            if (count >= minImages) {
                kept.add(tag);
            }
        });
        return new PlausibleTags(kept);
    }

    /**
     * Returns the tags of the vocabulary.
     *
     * @return the names, sorted; a tag's id is its index
     */
    List<String> names() {
        return names;
    }

    /**
     * Returns an image's label vector.
     *
     * @param tags the image's tags
     * @return the ids of those in the vocabulary, sorted ascending and distinct
     */
    int[] ids(Collection<String> tags) {
        Objects.requireNonNull(tags, "tags");
        return tags.stream().map(ids::get).filter(Objects::nonNull).mapToInt(Integer::intValue)
                .distinct().sorted().toArray();
    }
}
