package ai.braid.plugin.fashion;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The two texts of every class: the definition of its specific WordNet sense and that of its
 * group's general sense (see {@link GarmentClass}).
 */
final class GarmentTexts {

    private final List<String> specific;
    private final List<String> general;

    private GarmentTexts(List<String> specific, List<String> general) {
        this.specific = List.copyOf(specific);
        this.general = List.copyOf(general);
    }

    /**
     * Looks the texts of all ten classes up in WordNet.
     *
     * @param wordNet the WordNet lookup
     * @return the texts
     * @throws ai.braid.api.UserInputException if WordNet is missing or lacks a sense
     */
    static GarmentTexts lookUp(WordNetGlosses wordNet) {
        Objects.requireNonNull(wordNet, "wordNet");
        Set<NounSense> senses = new LinkedHashSet<>();
        for (GarmentClass garment : GarmentClass.values()) {
            senses.add(garment.specific());
            senses.add(garment.group().sense());
        }
        Map<NounSense, String> definitions = wordNet.definitions(senses);
        List<String> specific = new ArrayList<>();
        List<String> general = new ArrayList<>();
        for (GarmentClass garment : GarmentClass.values()) {
            specific.add(definitions.get(garment.specific()));
            general.add(definitions.get(garment.group().sense()));
        }
        return new GarmentTexts(specific, general);
    }

    /**
     * Returns one of a class's texts.
     *
     * @param label the class in {@code [0, 10)}
     * @param specificText true for the class's own definition, false for its group's
     * @return the text
     */
    String text(int label, boolean specificText) {
        return specificText ? specific.get(label) : general.get(label);
    }
}
