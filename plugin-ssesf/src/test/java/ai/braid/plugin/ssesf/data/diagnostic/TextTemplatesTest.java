package ai.braid.plugin.ssesf.data.diagnostic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The templates are neutral: no filler is rated by the real lexicon. */
class TextTemplatesTest {

    @Test
    void fillersHaveNoScoreAndTextsHaveTwoToFiveWords() {
        Map<String, Integer> afinn = RealData.afinn();

        assertThat(TextTemplates.fillers()).isNotEmpty()
                .allSatisfy(word -> assertThat(afinn).as(word).doesNotContainKey(word))
                .allMatch(word -> word.matches("[a-z]+"));
        for (int t = 0; t < TextTemplates.TEMPLATES.size(); t++) {
            String template = TextTemplates.TEMPLATES.get(t);
            assertThat(template.split("\\{word}", -1)).as(template).hasSize(2);
            String text = TextTemplates.fill(t, "awesome");
            assertThat(text).contains("awesome").doesNotContain("{");
            assertThat(text.split(" ")).hasSizeBetween(2, 5);
        }
    }
}
