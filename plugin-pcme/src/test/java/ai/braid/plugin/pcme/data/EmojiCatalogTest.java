package ai.braid.plugin.pcme.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import ai.braid.api.data.Split;
import ai.braid.data.emoji.Emoji;
import ai.braid.data.emoji.EmojiData;
import ai.braid.data.emoji.EmojiFixture;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emoji catalog and reader on a tiny install in the packages' formats (the join itself is
 * tested in data-emoji). */
class EmojiCatalogTest {

    @TempDir
    Path directory;

    @Test
    void findsEmojiByHexCodeAndClassesThemBySubcategory() {
        EmojiCatalog catalog = EmojiCatalog.load(EmojiFixture.write(directory));

        assertThat(catalog.entries()).extracting(Emoji::hexCode)
                .containsExactly("1f600", "00a9-fe0f", "1f34e");
        assertThat(catalog.find("00A9-FE0F").orElseThrow().index()).isEqualTo(1);
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
    void aCorruptPngIsAnErrorNamingTheFile() throws IOException {
        EmojiFixture.write(directory);
        Path png = directory.resolve(EmojiData.IMAGE_FOLDER).resolve("1f34e.png");
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
        Path png = directory.resolve(EmojiData.IMAGE_FOLDER).resolve("1f600.png");
        Files.delete(png);

        assertThatThrownBy(() -> EmojiReader.builder().optDirectory(directory).build()
                .corpus().picture(0))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining(png.toString());
    }
}
