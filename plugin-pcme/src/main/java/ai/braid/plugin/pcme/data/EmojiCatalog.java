package ai.braid.plugin.pcme.data;

import ai.braid.api.UserInputException;
import ai.braid.data.emoji.Emoji;
import ai.braid.data.emoji.EmojiData;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The emoji of emoji-datasource-google joined with their English texts from emojibase-data
 * ({@link EmojiData}), looked up by hex code and classed by subcategory.
 */
public final class EmojiCatalog {

    private final List<Emoji> entries;
    private final List<String> subcategories;
    private final Map<String, Integer> subcategoryIds = new HashMap<>();
    private final Map<String, Emoji> byHexCode = new HashMap<>();

    private EmojiCatalog(List<Emoji> entries) {
        this.entries = List.copyOf(entries);
        Set<String> names = new TreeSet<>();
        for (Emoji entry : this.entries) {
            names.add(entry.subcategory());
            byHexCode.put(entry.hexCode(), entry);
        }
        this.subcategories = List.copyOf(names);
        for (int i = 0; i < subcategories.size(); i++) {
            subcategoryIds.put(subcategories.get(i), i);
        }
    }

    /**
     * Reads and joins the two JSON files (not the images).
     *
     * @param directory the data directory
     * @return the catalog, in emoji.json's order
     * @throws UserInputException as {@link EmojiData#load} does
     */
    public static EmojiCatalog load(Path directory) {
        return new EmojiCatalog(EmojiData.load(directory));
    }

    /**
     * Returns every emoji.
     *
     * @return the entries in emoji.json's order; entry i has index i
     */
    public List<Emoji> entries() {
        return entries;
    }

    /**
     * Looks up an emoji by its hex code.
     *
     * @param hexCode e.g. "1f600", any case
     * @return the entry, or empty
     */
    public Optional<Emoji> find(String hexCode) {
        return Optional.ofNullable(byHexCode.get(hexCode.toLowerCase(Locale.ROOT)));
    }

    /**
     * Returns the subcategories, the emoji's classes.
     *
     * @return the distinct subcategory names, sorted (99 for emoji-datasource-google 16.0.0)
     */
    public List<String> subcategories() {
        return subcategories;
    }

    /**
     * Returns an emoji's class.
     *
     * @param entry an entry of this catalog
     * @return the index of its subcategory in {@link #subcategories()}
     */
    public int subcategoryIndex(Emoji entry) {
        return subcategoryIds.get(entry.subcategory());
    }

    @Override
    public String toString() {
        return "EmojiCatalog[" + entries.size() + " emoji, " + subcategories.size()
                + " subcategories]";
    }
}
