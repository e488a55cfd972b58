package ai.braid.plugin.fashion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordNetGlossesTest {

    private static final Path WORDNET = Path.of(FashionMnistReader.DEFAULT_WORDNET);

    @TempDir
    Path dir;

    @Test
    void resolvesSensesThroughTheIndexInSenseOrder() {
        NounSense boot = new NounSense("boot", 1);
        NounSense luggage = new NounSense("boot", 2);
        NounSense trouser = new NounSense("trouser", 1);
        NounSense feet = new NounSense("footwear", 2);

        Map<NounSense, String> definitions = new WordNetGlosses(WORDNET)
                .definitions(List.of(boot, luggage, trouser, feet));

        assertThat(definitions).containsExactly(
                Map.entry(boot, "footwear that covers the whole foot and lower leg"),
                Map.entry(luggage, "British term for the luggage compartment in a car"),
                // Gloss: (usually in the plural) a garment ...; "he had a sharp crease in ..."
                Map.entry(trouser, "a garment extending from the waist to the knee or ankle,"
                        + " covering each leg separately"),
                Map.entry(feet, "covering for a person's feet"));
    }

    @Test
    void everyClassHasDistinctSpecificTextsAndSharesItsGroupText() {
        GarmentTexts texts = GarmentTexts.lookUp(new WordNetGlosses(WORDNET));

        List<String> specific = new ArrayList<>();
        for (GarmentClass garment : GarmentClass.values()) {
            String text = texts.text(garment.ordinal(), true);
            assertThat(text).isNotBlank().doesNotContain("\"", "(", "|");
            specific.add(text);
            for (GarmentClass other : GarmentClass.values()) {
                assertThat(texts.text(other.ordinal(), false).equals(
                        texts.text(garment.ordinal(), false)))
                        .as(garment + " vs " + other)
                        .isEqualTo(garment.group() == other.group());
            }
            assertThat(text).isNotEqualTo(texts.text(garment.ordinal(), false));
        }
        assertThat(specific).doesNotHaveDuplicates();
        assertThat(texts.text(GarmentClass.BAG.ordinal(), false))
                .isEqualTo("any object that can be used to hold things");
    }

    @Test
    void definitionsDropExamplesAndRemarks() {
        assertThat(WordNetGlosses.definition(
                "(usually in the plural) a thing (big) for feet; worn outside; \"a \"quote\"\"; "
                        + "\"another\"  "))
                .isEqualTo("a thing for feet; worn outside");
    }

    @Test
    void reportsAnUnknownLemmaAndAMissingSense() {
        WordNetGlosses wordNet = new WordNetGlosses(WORDNET);

        assertThatThrownBy(() -> wordNet.definitions(List.of(new NounSense("qqgarment", 1))))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith(WORDNET.resolve("index.noun") + " has no noun"
                        + " 'qqgarment'");
        assertThatThrownBy(() -> wordNet.definitions(List.of(new NounSense("t-shirt", 2))))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("'t-shirt' has 1 sense(s); sense 2 was asked for");
    }

    @Test
    void reportsMissingWordNetWithTheInstallCommand() {
        assertThatThrownBy(() -> new WordNetGlosses(dir.resolve("none"))
                .definitions(List.of(new NounSense("boot", 1))))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("there is no " + dir.resolve("none").resolve("index.noun"))
                .hasMessageContaining("`apt-get install wordnet-base`")
                .hasMessageContaining("option `wordnet`");
    }

    @Test
    void reportsAnIndexThatDoesNotMatchTheData() throws IOException {
        Files.writeString(dir.resolve("index.noun"), "  licence line\nboot n 1 0 1 0 00000020  \n");
        Files.writeString(dir.resolve("data.noun"), "00000000 06 n 01 boot 0 000 | a boot\n");

        assertThatThrownBy(() -> new WordNetGlosses(dir)
                .definitions(List.of(new NounSense("boot", 1))))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith(dir.resolve("data.noun") + ": no synset line with a"
                        + " gloss at byte 20")
                .hasMessageContaining("boot#1");
    }

    @Test
    void reportsAMalformedIndexLine() throws IOException {
        Files.writeString(dir.resolve("index.noun"), "boot n x 0 1 0 00000000\n");
        Files.writeString(dir.resolve("data.noun"), "00000000 06 n 01 boot 0 000 | a boot\n");

        assertThatThrownBy(() -> new WordNetGlosses(dir)
                .definitions(List.of(new NounSense("boot", 1))))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith(dir.resolve("index.noun") + ", line 1: ");
    }

    @Test
    void readsASmallConsistentDatabase() throws IOException {
        Files.writeString(dir.resolve("index.noun"), "boot n 1 0 1 0 00000000  \n");
        Files.writeString(dir.resolve("data.noun"),
                "00000000 06 n 01 boot 0 000 | a boot (really); \"kick\"  \n");

        assertThat(new WordNetGlosses(dir).definitions(List.of(new NounSense("boot", 1))))
                .containsExactly(Map.entry(new NounSense("boot", 1), "a boot"));
    }
}
