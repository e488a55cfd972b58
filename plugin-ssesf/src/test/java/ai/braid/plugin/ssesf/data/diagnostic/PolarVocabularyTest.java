package ai.braid.plugin.ssesf.data.diagnostic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import ai.braid.data.emoji.Emoji;
import ai.braid.data.emoji.EmojiData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The selection of emoji and words: thresholds, exclusions, balance and caps. */
class PolarVocabularyTest {

    private static List<Emoji> catalog;
    private static AfinnLexicon lexicon;

    @BeforeAll
    static void readOnce() {
        catalog = EmojiData.load(RealData.emojiDirectory());
        lexicon = AfinnLexicon.load(RealData.lexiconDirectory());
    }

    @Test
    void uncappedRealSelectionIsBalancedAndRespectsTheThresholds() {
        PolarVocabulary vocabulary = PolarVocabulary.select(catalog, lexicon,
                new PolarVocabulary.Selection(2, 3, 0, 0));
        Map<String, Integer> afinn = RealData.afinn();

        assertThat(vocabulary.emojiCandidates(Polarity.POSITIVE)).isEqualTo(221);
        assertThat(vocabulary.emojiCandidates(Polarity.NEGATIVE)).isEqualTo(168);
        assertThat(vocabulary.wordCandidates(Polarity.POSITIVE)).isEqualTo(282);
        assertThat(vocabulary.wordCandidates(Polarity.NEGATIVE)).isEqualTo(365);
        for (Polarity polarity : Polarity.values()) {
            assertThat(vocabulary.emoji(polarity)).hasSize(168)
                    .allSatisfy(emoji -> {
                        assertThat(Math.abs(emoji.score())).isGreaterThanOrEqualTo(2);
                        assertThat(emoji.polarity()).isEqualTo(polarity);
                    });
            List<Integer> strengths = vocabulary.emoji(polarity).stream()
                    .map(emoji -> Math.abs(emoji.score())).toList();
            assertThat(strengths).isSortedAccordingTo((a, b) -> b - a);
            assertThat(vocabulary.words(polarity)).hasSize(282)
                    .allSatisfy(word -> {
                        assertThat(word.word()).matches("[a-z]+");
                        assertThat(afinn.get(word.word())).isEqualTo(word.score());
                        assertThat(Math.abs(word.score())).isGreaterThanOrEqualTo(3);
                        assertThat(Polarity.of(word.score())).isEqualTo(polarity);
                        assertThat(ExcludedWords.WORDS).doesNotContain(word.word());
                    });
        }
    }

    @Test
    void capsKeepTheStrongestEmojiAndAFixedSampleOfWords() {
        PolarVocabulary all = PolarVocabulary.select(catalog, lexicon,
                new PolarVocabulary.Selection(2, 3, 0, 0));
        PolarVocabulary capped = PolarVocabulary.select(catalog, lexicon,
                new PolarVocabulary.Selection(2, 3, 50, 50));

        for (Polarity polarity : Polarity.values()) {
            assertThat(capped.emoji(polarity)).hasSize(50)
                    .isEqualTo(all.emoji(polarity).subList(0, 50));
            assertThat(capped.words(polarity)).hasSize(50)
                    .isEqualTo(all.words(polarity).subList(0, 50));
        }
        assertThat(capped.emoji(Polarity.NEGATIVE).get(0).emoji().label())
                .isEqualTo("pensive face");
        assertThat(capped.emoji(Polarity.POSITIVE).get(0).emoji().label())
                .isEqualTo("rolling on the floor laughing");
    }

    @Test
    void balancesAPolarityThatHasFewerCandidates() {
        AfinnLexicon small = AfinnLexicon.of(Map.of("happy", 3, "great", 3, "sad", -2,
                "awful", -3, "smile", 2, "bad", -3, "ok", 1));
        List<Emoji> emoji = List.of(
                emoji(0, "a", "happy smile", List.of()),
                emoji(1, "b", "great", List.of()),
                emoji(2, "c", "sad", List.of("awful")),
                emoji(3, "d", "ok", List.of()));

        PolarVocabulary vocabulary = PolarVocabulary.select(emoji, small,
                new PolarVocabulary.Selection(2, 3, 0, 0));

        assertThat(vocabulary.emojiCandidates(Polarity.POSITIVE)).isEqualTo(2);
        assertThat(vocabulary.emoji(Polarity.POSITIVE)).extracting(PolarEmoji::hexCode)
                .containsExactly("a");
        assertThat(vocabulary.emoji(Polarity.NEGATIVE)).extracting(PolarEmoji::score)
                .containsExactly(-5);
        assertThat(vocabulary.words(Polarity.POSITIVE)).hasSize(2);
        assertThat(vocabulary.words(Polarity.NEGATIVE)).extracting(PolarWord::word)
                .containsExactlyInAnyOrder("awful", "bad");
    }

    @Test
    void thresholdsThatLeaveAPolarityEmptyAreRejected() {
        assertThatThrownBy(() -> PolarVocabulary.select(catalog, lexicon,
                new PolarVocabulary.Selection(25, 3, 0, 0)))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("no emoji")
                .hasMessageContaining("minEmojiScore");
    }

    /** An emoji with only the fields the polarity reads; the class fields are placeholders. */
    private static Emoji emoji(int index, String hexCode, String label, List<String> tags) {
        return new Emoji(index, hexCode, label, tags, "test", "test", Path.of(hexCode + ".png"));
    }
}
