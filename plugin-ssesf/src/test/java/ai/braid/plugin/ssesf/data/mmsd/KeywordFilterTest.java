package ai.braid.plugin.ssesf.data.mmsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.plugin.ssesf.data.mmsd.KeywordFilter.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeywordFilterTest {

    @Test
    void theAuthorsRuleMatchesWholeTokensCaseSensitively() {
        KeywordFilter filter = KeywordFilter.mmsd();

        for (String keyword : KeywordFilter.MMSD_KEYWORDS) {
            assertThat(filter.drops("a " + keyword + " b")).as(keyword).isTrue();
            assertThat(filter.drops(keyword)).as(keyword).isTrue();
        }
        assertThat(filter.drops("# sarcasm")).isTrue();
        assertThat(filter.drops("#sarcasm")).isFalse();
        assertThat(filter.drops("sarcasmfest")).isFalse();
        assertThat(filter.drops("SARCASM Irony")).isFalse();
        assertThat(filter.drops("see <url>…")).isFalse();
        assertThat(filter.drops("")).isFalse();
    }

    @Test
    void tokensSplitAtPythonsWhitespace() {
        assertThat(KeywordFilter.tokens("  a\tb\u00a0c\u2003d\u0085e\u202ff\n")).containsExactly(
                "a", "b", "c", "d", "e", "f");
        // Zero-width characters are not whitespace in Python either.
        assertThat(KeywordFilter.tokens("a\u200bb \u2060")).containsExactly("a\u200bb",
                "\u2060");
        assertThat(KeywordFilter.tokens(" ")).isEmpty();
        assertThat(KeywordFilter.mmsd().drops("no-break\u00a0irony")).isTrue();
    }

    @Test
    void substringsMatchAnywhereInTheLowerCasedText() {
        KeywordFilter filter = KeywordFilter.of(Rule.SUBSTRINGS, List.of("Joke", "<url>"));

        assertThat(filter.keywords()).containsExactly("joke", "<url>");
        assertThat(filter.drops("a JOKESTER")).isTrue();
        assertThat(filter.drops("see <url>…")).isTrue();
        assertThat(filter.drops("jok e")).isFalse();
    }

    @Test
    void noneKeepsEverything() {
        assertThat(KeywordFilter.none().drops("sarcasm irony")).isFalse();
        assertThat(KeywordFilter.of(Rule.NONE, KeywordFilter.MMSD_KEYWORDS).drops("sarcasm"))
                .isFalse();
    }

    @Test
    void keywordsAreSingleWords() {
        assertThatThrownBy(() -> KeywordFilter.of(Rule.TOKENS, List.of("two words")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'two words'");
        assertThatThrownBy(() -> KeywordFilter.of(Rule.TOKENS, List.of(" ")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rulesHavePipelineNames() {
        assertThat(Rule.of("substrings")).isEqualTo(Rule.SUBSTRINGS);
        assertThat(Rule.TOKENS.label()).isEqualTo("tokens");
    }
}
