package ai.braid.plugin.ssesf.data.mmsd;

import java.util.Objects;
import java.util.Optional;

/**
 * One post of MMSD or MMSD2.0 as its text file gives it; its image is {@code <id>.jpg} in the
 * dataset's image folder.
 *
 * @param id the tweet id, the image's file name without ".jpg"
 * @param text the tweet text exactly as the file holds it (MMSD's texts are lower-cased and
 *     tokenised, with {@code <user>}, {@code <url>}, {@code <num>} and {@code emoji_N} tokens)
 * @param label 0 (not sarcastic) or 1 (sarcastic)
 * @param origin where the post is written, for messages, e.g. "/data/mmsd/text/train.txt:12"
 */
record SarcasmPost(String id, String text, int label, String origin) {

    /** Checks for nulls and the label's range. */
    SarcasmPost {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(origin, "origin");
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("label " + label + " of post " + id);
        }
    }

    /**
     * Tells what is wrong with an id, if anything: it names a file in the image folder, so it
     * must be a plain file name.
     *
     * @param id a candidate id
     * @return empty if the id is usable, otherwise what is wrong with it
     */
    static Optional<String> problemWithId(String id) {
        if (id.isBlank()) {
            return Optional.of("the id is empty");
        }
        if (id.contains("/") || id.contains("\\") || id.equals(".") || id.equals("..")
                || id.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("the id '" + id + "' is not a plain file name; expected the"
                    + " tweet id that names the image <id>.jpg");
        }
        return Optional.empty();
    }

    /**
     * Describes a label for messages.
     *
     * @param label a class index
     * @return e.g. "1 (sarcastic)"
     */
    static String describe(int label) {
        return label + " (" + SarcasmReader.CLASSES.get(label) + ")";
    }
}
