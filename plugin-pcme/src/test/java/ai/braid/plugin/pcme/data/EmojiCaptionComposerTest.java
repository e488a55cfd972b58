package ai.braid.plugin.pcme.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.data.Split;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The emoji captions, tag vocabulary and split assignment, on made-up emoji. */
class EmojiCaptionComposerTest {

    private static final List<String> ROWING = List.of("boat", "canoe", "cruise", "fishing",
            "lake", "man", "oar", "paddle", "raft", "river", "row", "rowboat", "rowing");

    @Test
    void labelFirstThenTagsTwoAtATimeInAFixedOrder() {
        List<String> captions = new CaptionComposer(4)
                .captions("1f6a3-200d-2642-fe0f", "man rowing boat", ROWING);

        assertThat(captions).hasSize(4).first().isEqualTo("man rowing boat");
        for (String caption : captions.subList(1, 4)) {
            List<String> tags = List.of(caption.split(", "));
            assertThat(tags).hasSize(2);
            assertThat(ROWING).containsAll(tags);
        }
        assertThat(String.join(", ", captions.subList(1, 4)).split(", "))
                .doesNotHaveDuplicates();
        assertThat(new CaptionComposer(4).captions("1f6a3-200d-2642-fe0f", "man rowing boat",
                ROWING)).isEqualTo(captions);
        assertThat(new CaptionComposer(4).captions("1f6a3", "man rowing boat", ROWING))
                .as("another hex code shuffles differently").isNotEqualTo(captions);
    }

    @Test
    void fewTagsGiveFewerCaptionsAndTheLastMayHoldOneTag() {
        CaptionComposer composer = new CaptionComposer(10);

        assertThat(composer.captions("1f34e", "red apple", List.of("apple", "fruit", "red")))
                .hasSize(3).last().asString().doesNotContain(",");
        assertThat(composer.captions("2b50", "star", List.of("star"))).containsExactly("star");
        assertThat(composer.captions("2b50", "star", List.of())).containsExactly("star");
        assertThat(new CaptionComposer(1).captions("1f34e", "red apple", List.of("apple")))
                .containsExactly("red apple");
        assertThatThrownBy(() -> new CaptionComposer(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tagVocabularyKeepsTagsOfEnoughImages() {
        PlausibleTags tags = PlausibleTags.of(List.of(List.of("face", "smile", "face"),
                List.of("face", "cat"), List.of("cat", "smile"), List.of("face")), 2);

        assertThat(tags.names()).containsExactly("cat", "face", "smile");
        assertThat(tags.ids(List.of("smile", "face", "dog"))).containsExactly(1, 2);
        assertThat(tags.ids(List.of("dog"))).isEmpty();
        assertThat(PlausibleTags.of(List.of(List.of("face", "face")), 2).names())
                .as("a tag counts once per image").isEmpty();
    }

    @Test
    void splitsFollowCrc32OfTheKey() {
        // CRC-32 mod 10, computed with Python's zlib: 1f197 -> 0, 1f34e -> 1, 1f600 -> 7.
        assertThat(SplitAssignment.of("1f197")).isEqualTo(Split.TEST);
        assertThat(SplitAssignment.of("1f34e")).isEqualTo(Split.VALIDATION);
        assertThat(SplitAssignment.of("1f600")).isEqualTo(Split.TRAIN);
    }
}
