package ai.braid.plugin.ssesf.data.diagnostic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The canvas layout, and that Tesseract reads the drawn text back. */
class SampleImageRendererTest {

    private static final int WHITE = 0xffffff;

    private static BufferedImage emoji;

    @TempDir
    Path directory;

    @BeforeAll
    static void decodeOnce() throws Exception {
        emoji = ImageIO.read(RealData.emojiDirectory()
                .resolve("emoji-datasource-google/img/google/64/1f614.png").toFile());
    }

    @Test
    void drawsTheEmojiUnscaledOnTopAndLeavesAnEmptyBandBlank() {
        BufferedImage canvas = new SampleImageRenderer(128).render(emoji, "");

        assertThat(canvas.getWidth()).isEqualTo(128);
        assertThat(canvas.getHeight()).isEqualTo(128);
        assertThat(canvas.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        // At 128 the 64x64 PNG lands unscaled at (32, 0): opaque pixels are copied exactly.
        int opaque = 0;
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                int argb = emoji.getRGB(x, y);
                if (argb >>> 24 == 0xff) {
                    assertThat(canvas.getRGB(32 + x, y) & WHITE).isEqualTo(argb & WHITE);
                    opaque++;
                }
            }
        }
        assertThat(opaque).isGreaterThan(1000);
        assertThat(nonWhite(canvas, 0, 64, 128, 128)).isZero();
        assertThat(nonWhite(canvas, 0, 0, 32, 64)).isZero();
    }

    @Test
    void writesTextInBlackInTheBandOnly() {
        SampleImageRenderer renderer = new SampleImageRenderer(128);
        BufferedImage canvas = renderer.render(emoji, "what a horrible day");
        BufferedImage blank = renderer.render(emoji, "");

        assertThat(nonWhite(canvas, 0, 64, 128, 128)).isGreaterThan(200);
        int black = 0;
        for (int y = 64; y < 128; y++) {
            for (int x = 0; x < 128; x++) {
                black += (canvas.getRGB(x, y) & WHITE) == 0 ? 1 : 0;
            }
        }
        assertThat(black).isGreaterThan(50);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 128; x++) {
                assertThat(canvas.getRGB(x, y)).isEqualTo(blank.getRGB(x, y));
            }
        }
        SampleImageRenderer.Layout layout = renderer.layout("what a horrible day");
        assertThat(String.join(" ", layout.lines())).isEqualTo("what a horrible day");
        assertThat(layout.fontSize()).isBetween(12, 23);
    }

    @Test
    void tesseractReadsTheBandBack() throws Exception {
        SampleImageRenderer renderer = new SampleImageRenderer(128);
        String[] texts = {"what a horrible day", "well that is exhilarating",
            "another affectionateness morning"};
        for (int i = 0; i < texts.length; i++) {
            Path file = directory.resolve(i + ".png");
            ImageIO.write(renderer.render(emoji, texts[i]), "png", file.toFile());

            assertThat(Tesseract.read(file)).isEqualTo(texts[i]);
        }
    }

    @Test
    void aCanvasTooSmallForTheTextNamesTheOption() {
        assertThatThrownBy(() -> new SampleImageRenderer(128)
                .render(emoji, "so pneumonoultramicroscopicsilicovolcanoconiosis"))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("imageSize");
    }

    @Test
    void aMissingFontSaysWhichPackageInstallsIt() {
        Path missing = directory.resolve("DejaVuSans.ttf");

        assertThatThrownBy(() -> SampleImageRenderer.loadFont(missing))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("fonts-dejavu-core");
    }

    private static int nonWhite(BufferedImage image, int x0, int y0, int x1, int y1) {
        int count = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                count += (image.getRGB(x, y) & WHITE) == WHITE ? 0 : 1;
            }
        }
        return count;
    }
}
