package ai.braid.plugin.pcme.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import ai.braid.api.data.Split;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The join and the errors of the emoji reader, on a tiny install in the packages' formats. */
class EmojiCatalogTest {

    @TempDir
    Path directory;

    @Test
    void joinsByHexCodeThenWithoutThePresentationSelector() {
        EmojiCatalog catalog = EmojiCatalog.load(EmojiFixture.write(directory));

        assertThat(catalog.entries()).extracting(EmojiEntry::hexCode)
                .containsExactly("1f600", "00a9-fe0f", "1f34e");
        EmojiEntry copyright = catalog.find("00A9-FE0F").orElseThrow();
        assertThat(copyright.label()).isEqualTo("copyright");
        assertThat(copyright.index()).isEqualTo(1);
        assertThat(copyright.image()).isEqualTo(
                directory.resolve(EmojiCatalog.IMAGE_FOLDER).resolve("00a9-fe0f.png"));
        // Trimmed, blank tags dropped, order kept.
        assertThat(catalog.find("1f600").orElseThrow().tags())
                .containsExactly("face", "grin", "grinning face", "smile", "happy");
        assertThat(catalog.subcategories())
                .containsExactly("face-smiling", "food-fruit", "other-symbol");
        assertThat(catalog.subcategoryIndex(catalog.find("1f34e").orElseThrow())).isEqualTo(1);
        assertThat(catalog.find("1f34f")).as("a text without an image").isEmpty();
    }

    @Test
    void buildsCaptionsTagVectorsAndSamplesFromTheFixture() {
        EmojiReader reader = EmojiReader.builder().optDirectory(EmojiFixture.write(directory))
                .optMinTagImages(1).build();
        CaptionCorpus corpus = reader.corpus();

        CaptionedImage grinning = corpus.image(0);
        // The tag equal to the label is left out; 4 tags remain, in two captions.
        assertThat(grinning.captions()).hasSize(3).first().isEqualTo("grinning face");
        assertThat(String.join(", ", grinning.captions().subList(1, 3)).split(", "))
                .containsExactlyInAnyOrder("face", "grin", "smile", "happy");
        assertThat(corpus.tagNames()).containsExactly("apple", "c", "face", "fruit", "grin",
                "grinning face", "happy", "red", "smile");
        assertThat(grinning.tags()).containsExactly(2, 4, 5, 6, 8);
        assertThat(corpus.image(1).split()).isEqualTo(SplitAssignment.of("00a9-fe0f"));

        BufferedImage apple = corpus.picture(2);
        assertThat(apple.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(apple.getRGB(0, 0) & 0xffffff).as("transparent -> white").isEqualTo(0xffffff);
        assertThat(apple.getRGB(1, 1) & 0xffffff).isEqualTo(0xdd0000);
        assertThat(corpus.picture(2)).as("decoded once").isSameAs(apple);
    }

    @Test
    void oneCaptionPerImageIsTheLabel() {
        EmojiReader reader = EmojiReader.builder().optDirectory(EmojiFixture.write(directory))
                .optCaptionsPerImage(1).build();

        assertThat(reader.corpus().images()).extracting(image -> image.captions())
                .containsExactly(List.of("grinning face"), List.of("copyright"),
                        List.of("red apple"));
        int samples = 0;
        for (Split split : Split.values()) {
            samples += reader.read(split).size();
        }
        assertThat(samples).isEqualTo(3);
    }

    @Test
    void aJoinedTextWithoutLabelIsAnErrorNamingTheEmojiAndFile() {
        EmojiFixture.write(directory, EmojiFixture.IMAGE_INDEX,
                EmojiFixture.TEXTS.replace("\"label\":\"red apple\",", ""));

        assertThatThrownBy(() -> EmojiCatalog.load(directory))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("1F34E")
                .hasMessageContaining(directory.resolve(EmojiCatalog.TEXTS).toString())
                .hasMessageContaining("label");
    }

    @Test
    void anImageWithoutTextIsAnError() {
        EmojiFixture.write(directory, EmojiFixture.IMAGE_INDEX,
                EmojiFixture.TEXTS.replace("\"hexcode\":\"00A9\"", "\"hexcode\":\"00AE\""));

        assertThatThrownBy(() -> EmojiCatalog.load(directory))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("[00a9-fe0f]")
                .hasMessageContaining("scripts/setup.sh");
    }

    @Test
    void malformedJsonIsAnErrorNamingTheFileAndLine() {
        EmojiFixture.write(directory, EmojiFixture.IMAGE_INDEX, "[\n{\"label\": \"x\",\n}");

        assertThatThrownBy(() -> EmojiCatalog.load(directory))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining(directory.resolve(EmojiCatalog.TEXTS).toString())
                .hasMessageContaining("line 3");
    }

    @Test
    void aCorruptPngIsAnErrorNamingTheFile() throws IOException {
        EmojiFixture.write(directory);
        Path png = directory.resolve(EmojiCatalog.IMAGE_FOLDER).resolve("1f34e.png");
        byte[] bytes = Files.readAllBytes(png);
        Files.write(png, Arrays.copyOf(bytes, 30));
        EmojiReader reader = EmojiReader.builder().optDirectory(directory).build();
        int apple = reader.catalog().find("1f34e").orElseThrow().index();
        Split split = reader.corpus().image(apple).split();
        List<GalleryCaption> captions = reader.gallery(split).captions();
        int index = IntStream.range(0, captions.size())
                .filter(i -> captions.get(i).image() == apple).findFirst().orElseThrow();

        assertThatThrownBy(() -> reader.corpus().picture(apple))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining(png.toString());
        assertThatThrownBy(() -> reader.read(split).get(index))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining(png.toString());
    }

    @Test
    void aMissingPngIsAnErrorNamingTheFile() throws IOException {
        EmojiFixture.write(directory);
        Path png = directory.resolve(EmojiCatalog.IMAGE_FOLDER).resolve("1f600.png");
        Files.delete(png);

        assertThatThrownBy(() -> EmojiReader.builder().optDirectory(directory).build()
                .corpus().picture(0))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining(png.toString());
    }
}
