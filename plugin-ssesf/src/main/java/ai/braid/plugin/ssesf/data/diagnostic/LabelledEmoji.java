package ai.braid.plugin.ssesf.data.diagnostic;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One base emoji: its image from emoji-datasource-google and its English words from
 * emojibase-data.
 *
 * @param hexCode the lower-case code points of emoji.json's {@code unified}, e.g. "1f600"
 * @param label emojibase's English label, e.g. "grinning face"
 * @param tags emojibase's tags, trimmed, non-blank, in the file's order; may be empty
 * @param image the 64x64 PNG
 */
public record LabelledEmoji(String hexCode, String label, List<String> tags, Path image) {

    /** Checks for nulls and copies the tags. */
    public LabelledEmoji {
        Objects.requireNonNull(hexCode, "hexCode");
        Objects.requireNonNull(label, "label");
        tags = List.copyOf(tags);
        Objects.requireNonNull(image, "image");
    }
}
