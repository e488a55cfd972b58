package ai.braid.data.emoji;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One base emoji: its image from emoji-datasource-google joined with its English text from
 * emojibase-data.
 *
 * @param index the emoji's place in emoji.json
 * @param hexCode the lower-case code points of emoji.json's {@code unified}, e.g. "1f600" or
 *     "0023-fe0f-20e3"
 * @param label emojibase's English label, trimmed, e.g. "grinning face"
 * @param tags emojibase's tags, trimmed, non-blank and distinct, in the file's order; may be
 *     empty
 * @param category emoji.json's category, e.g. "Smileys &amp; Emotion"
 * @param subcategory emoji.json's subcategory, e.g. "face-smiling"
 * @param image the 64x64 PNG
 */
public record Emoji(int index, String hexCode, String label, List<String> tags, String category,
        String subcategory, Path image) {

    /** Checks for nulls and copies the tags. */
    public Emoji {
        Objects.requireNonNull(hexCode, "hexCode");
        Objects.requireNonNull(label, "label");
        tags = List.copyOf(tags);
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(subcategory, "subcategory");
        Objects.requireNonNull(image, "image");
    }
}
