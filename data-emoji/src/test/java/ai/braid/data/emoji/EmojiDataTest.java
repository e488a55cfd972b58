package ai.braid.data.emoji;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The join and its errors, on a tiny install in the two packages' formats. */
class EmojiDataTest {

    @TempDir
    Path directory;

    @Test
    void joinsByHexCodeThenWithoutThePresentationSelector() {
        List<Emoji> emoji = EmojiData.load(EmojiFixture.write(directory));

        assertThat(emoji).extracting(Emoji::hexCode)
                .containsExactly("1f600", "00a9-fe0f", "1f34e");
        assertThat(emoji).extracting(Emoji::index).containsExactly(0, 1, 2);
        Emoji copyright = emoji.get(1);
        assertThat(copyright.label()).isEqualTo("copyright");
        assertThat(copyright.category()).isEqualTo("Symbols");
        assertThat(copyright.subcategory()).isEqualTo("other-symbol");
        assertThat(copyright.image()).isEqualTo(
                directory.resolve(EmojiData.IMAGE_FOLDER).resolve("00a9-fe0f.png"));
        // Trimmed, blank tags dropped, order kept.
        assertThat(emoji.get(0).tags())
                .containsExactly("face", "grin", "grinning face", "smile", "happy");
    }

    @Test
    void aJoinedTextWithoutLabelIsAnErrorNamingTheEmojiAndFile() {
        EmojiFixture.write(directory, EmojiFixture.IMAGE_INDEX,
                EmojiFixture.TEXTS.replace("\"label\":\"red apple\",", ""));

        assertThatThrownBy(() -> EmojiData.load(directory))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("1F34E")
                .hasMessageContaining(directory.resolve(EmojiData.TEXTS).toString())
                .hasMessageContaining("label");
    }

    @Test
    void anImageWithoutTextIsAnError() {
        EmojiFixture.write(directory, EmojiFixture.IMAGE_INDEX,
                EmojiFixture.TEXTS.replace("\"hexcode\":\"00A9\"", "\"hexcode\":\"00AE\""));

        assertThatThrownBy(() -> EmojiData.load(directory))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("[00a9-fe0f]")
                .hasMessageContaining("scripts/setup.sh");
    }

    @Test
    void malformedJsonIsAnErrorNamingTheFileAndLine() {
        EmojiFixture.write(directory, EmojiFixture.IMAGE_INDEX, "[\n{\"label\": \"x\",\n}");

        assertThatThrownBy(() -> EmojiData.load(directory))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining(directory.resolve(EmojiData.TEXTS).toString())
                .hasMessageContaining("line 3");
    }

    @Test
    void aMissingInstallNamesTheFirstMissingFileAndTheSetupScript() {
        assertThat(EmojiData.missingFile(directory))
                .contains(directory.resolve(EmojiData.IMAGE_INDEX));
        assertThatThrownBy(() -> EmojiData.load(directory))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining(directory.resolve(EmojiData.IMAGE_INDEX).toString())
                .hasMessageContaining("scripts/setup.sh");
        assertThat(EmojiData.missingFile(EmojiFixture.write(directory))).isEmpty();
    }
}
