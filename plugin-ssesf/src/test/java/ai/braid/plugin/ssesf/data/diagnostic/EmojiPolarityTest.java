package ai.braid.plugin.ssesf.data.diagnostic;

import static org.assertj.core.api.Assertions.assertThat;

import ai.braid.data.emoji.Emoji;
import ai.braid.data.emoji.EmojiData;
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
        Emoji emoji = emoji(0, "1f620", "Angry face",
                List.of("angry", "good", "stuck-out", "bad luck"));

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
        List<Emoji> catalog = EmojiData.load(RealData.emojiDirectory());

        assertThat(catalog).hasSize(1911);
        for (Emoji emoji : catalog) {
            assertThat(EmojiPolarity.score(emoji, lexicon)).as(emoji.hexCode())
                    .isEqualTo(RealData.emojiScore(emoji.hexCode(), emojibase, afinn));
        }
        Emoji thumbsDown = catalog.stream()
                .filter(emoji -> emoji.hexCode().equals("1f44e")).findFirst().orElseThrow();
        assertThat(thumbsDown.label()).isEqualTo("thumbs down");
        assertThat(EmojiPolarity.score(thumbsDown, lexicon)).isEqualTo(-3);
        Emoji copyright = catalog.stream()
                .filter(emoji -> emoji.hexCode().equals("00a9-fe0f")).findFirst().orElseThrow();
        assertThat(copyright.label()).isEqualTo("copyright");
        assertThat(copyright.image()).hasFileName("00a9-fe0f.png").exists();
    }

    /** An emoji with only the fields the polarity reads; the class fields are placeholders. */
    private static Emoji emoji(int index, String hexCode, String label, List<String> tags) {
        return new Emoji(index, hexCode, label, tags, "test", "test", Path.of(hexCode + ".png"));
    }
}
