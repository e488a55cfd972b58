package ai.braid.runtime.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttentionMapFigureTest {

    @TempDir
    Path dir;

    /** A grey 4x4 image whose 2x2 patches the [CLS] row weighs: all weight on patch (1, 0). */
    private static AttentionMapFigure.Panel imagePanel() {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                image.setRGB(x, y, new Color(128, 128, 128).getRGB());
            }
        }
        return new AttentionMapFigure.Panel("image", List.of("[CLS]", "0,0", "0,1", "1,0", "1,1"),
                new float[] {0f, 0f, 0f, 0.6f, 0f}, image);
    }

    @Test
    void theMostAttendedPatchIsTintedAndTheOthersKeepTheImage() throws Exception {
        AttentionMapFigure.Panel text = new AttentionMapFigure.Panel("text",
                List.of("[CLS]", "so", "great", "[SEP]"), new float[] {0.1f, 0.1f, 0.2f, 0f},
                null);
        Path file = dir.resolve("attention.png");
        new AttentionMapFigure("sample x", List.of(imagePanel(), text)).write(file);

        BufferedImage figure = ImageIO.read(file.toFile());
        assertThat(figure.getWidth()).isEqualTo(960);
        // The tinted copy starts at x = 16 + 224 + 16; the image panel's top is below the
        // title (16 + 24) and the panel header (20 + 6).
        int left = 256;
        int top = 66;
        Color attended = new Color(figure.getRGB(left + 56, top + 168));
        Color ignored = new Color(figure.getRGB(left + 168, top + 56));
        Color plain = new Color(figure.getRGB(16 + 56, top + 168));
        assertThat(attended.getRed()).isGreaterThan(attended.getGreen() + 60);
        assertThat(ignored).isEqualTo(new Color(128, 128, 128));
        assertThat(plain).isEqualTo(new Color(128, 128, 128));
    }

    @Test
    void aLongTitleIsDrawnSmallerToStayInsideTheFigure() {
        String title = "sar-v1-s1-36434330-test-000000: not sarcastic, predicted not sarcastic"
                + " (attention rollout of the pooled vector, 12 layers)";
        BufferedImage figure = new AttentionMapFigure(title, List.of(imagePanel())).render();

        // nothing of the title in the right margin
        for (int x = 960 - 16; x < 960; x++) {
            for (int y = 0; y < 40; y++) {
                assertThat(new Color(figure.getRGB(x, y))).as("%d %d", x, y)
                        .isEqualTo(Color.WHITE);
            }
        }
    }

    @Test
    void anImageWhosePatchesAreNotASquareGridIsDrawnAsTokens() {
        AttentionMapFigure.Panel panel = new AttentionMapFigure.Panel("image",
                List.of("[CLS]", "a", "b"), new float[] {0.2f, 0.3f, 0.5f},
                new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB));
        assertThat(panel.gridSide()).isZero();
        assertThat(imagePanel().gridSide()).isEqualTo(2);
    }

    @Test
    void aPanelNeedsOneWeightPerLabel() {
        assertThatThrownBy(() -> new AttentionMapFigure.Panel("text", List.of("a", "b"),
                new float[] {1f}, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 labels for 1 weights");
    }
}
