package ai.braid.plugin.ssesf.data.diagnostic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An emoji's score is the sum over the distinct words of its label and tags. */
class EmojiPolarityTest {

    @Test
    void sumsDistinctWordsOnce() {
        AfinnLexicon lexicon = AfinnLexicon.of(Map.of("angry", -3, "good", 3, "out", -1,
                "bad luck", -2));
        LabelledEmoji emoji = new LabelledEmoji("1f620", "Angry face",
                List.of("angry", "good", "stuck-out", "bad luck"), Path.of("1f620.png"));

        assertThat(EmojiPolarity.words(emoji))
                .containsExactly("angry", "face", "good", "stuck", "out", "bad", "luck");
        // angry -3 once, good +3, out -1; the phrase "bad luck" is not looked for.
        assertThat(EmojiPolarity.score(emoji, lexicon)).isEqualTo(-1);
    }

    @Test
    void ratesRealEmojiAsTheIndependentComputationDoes() {
        AfinnLexicon lexicon = AfinnLexicon.load(RealData.lexiconDirectory());
        Map<String, Integer> afinn = RealData.afinn();
        var emojibase = RealData.emojibase();
        List<LabelledEmoji> catalog = EmojiTexts.load(RealData.emojiDirectory());

        assertThat(catalog).hasSize(1911);
        for (LabelledEmoji emoji : catalog) {
            assertThat(EmojiPolarity.score(emoji, lexicon)).as(emoji.hexCode())
                    .isEqualTo(RealData.emojiScore(emoji.hexCode(), emojibase, afinn));
        }
        LabelledEmoji thumbsDown = catalog.stream()
                .filter(emoji -> emoji.hexCode().equals("1f44e")).findFirst().orElseThrow();
        assertThat(thumbsDown.label()).isEqualTo("thumbs down");
        assertThat(EmojiPolarity.score(thumbsDown, lexicon)).isEqualTo(-3);
        LabelledEmoji copyright = catalog.stream()
                .filter(emoji -> emoji.hexCode().equals("00a9-fe0f")).findFirst().orElseThrow();
        assertThat(copyright.label()).isEqualTo("copyright");
        assertThat(copyright.image()).hasFileName("00a9-fe0f.png").exists();
    }
}
