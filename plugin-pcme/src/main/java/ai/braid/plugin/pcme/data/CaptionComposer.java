package ai.braid.plugin.pcme.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes an emoji's captions from its label and tags.
 *
 * <p>Caption 0 is the label ("man rowing boat"). The others name the emoji's tags two at a time
 * ("canoe, lake"), in an order shuffled by a seed taken from the emoji's hex code, so that
 * captions never change between runs; the last one may hold a single tag. A tag equal to the
 * label is left out, so no caption repeats another. There are at most {@code
 * captionsPerImage} captions, and fewer when the tags run out: an emoji with t other tags has
 * {@code min(captionsPerImage, 1 + ceil(t / 2))}.
 */
final class CaptionComposer {

    /** How many tags one caption names. */
    static final int TAGS_PER_CAPTION = 2;
    /** What separates the tags of a caption. */
    static final String SEPARATOR = ", ";

    private final int captionsPerImage;

    /**
     * Creates a composer.
     *
     * @param captionsPerImage the most captions per emoji, at least 1
     * @throws IllegalArgumentException if it is below 1
     */
    CaptionComposer(int captionsPerImage) {
        if (captionsPerImage < 1) {
            throw new IllegalArgumentException(
                    "captionsPerImage is " + captionsPerImage + "; expected at least 1");
        }
        this.captionsPerImage = captionsPerImage;
    }

    /**
     * Writes one emoji's captions.
     *
     * @param hexCode the emoji's hex code, which seeds the order of its tags
     * @param label its label, the first caption
     * @param tags its tags, distinct
     * @return one to {@code captionsPerImage} captions
     */
    List<String> captions(String hexCode, String label, List<String> tags) {
        List<String> shuffled = new ArrayList<>();
        for (String tag : tags) {
            if (!tag.equalsIgnoreCase(label)) {
                shuffled.add(tag);
            }
        }
        shuffle(shuffled, new Random(StableHash.crc32("captions:" + hexCode)));
        List<String> captions = new ArrayList<>();
        captions.add(label);
        for (int from = 0; from < shuffled.size() && captions.size() < captionsPerImage;
                from += TAGS_PER_CAPTION) {
            int to = Math.min(from + TAGS_PER_CAPTION, shuffled.size());
            captions.add(String.join(SEPARATOR, shuffled.subList(from, to)));
        }
        return List.copyOf(captions);
    }

    // Fisher-Yates written out: java.util.Random's sequence is specified, Collections.shuffle's
    // use of it is not, and the captions must never change.
    private static void shuffle(List<String> items, Random random) {
        for (int i = items.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            items.set(j, items.set(i, items.get(j)));
        }
    }
}
