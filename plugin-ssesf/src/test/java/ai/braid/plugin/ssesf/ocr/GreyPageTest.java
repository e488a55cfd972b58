package ai.braid.plugin.ssesf.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** The page Tesseract receives: grey values, transparency, enlargement. */
class GreyPageTest {

    @Test
    void greyIsRec601LumaAndTransparencyIsWhite() {
        BufferedImage image = new BufferedImage(4, 1, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0xffff0000);
        image.setRGB(1, 0, 0xff000000);
        image.setRGB(2, 0, 0x00000000);
        image.setRGB(3, 0, 0x80000000);

        GreyPage page = GreyPage.of(image, 0);

        assertThat(page.width()).isEqualTo(4);
        assertThat(page.height()).isEqualTo(1);
        // 0.299 * 255 = 76.2; black half covering white: 255 * (1 - 128 / 255) = 127.
        assertThat(unsigned(page.pixels())).containsExactly(76, 0, 255, 127);
    }

    @Test
    void shortImagesAreEnlargedToTheMinimumHeightAtMostEightTimes() {
        BufferedImage image = new BufferedImage(128, 64, BufferedImage.TYPE_INT_RGB);
        image.setRGB(5, 5, 0xffffff);
        BufferedImage strip = new BufferedImage(40, 10, BufferedImage.TYPE_INT_RGB);
        strip.setRGB(1, 1, 0xffffff);

        GreyPage enlarged = GreyPage.of(image, 256);
        GreyPage capped = GreyPage.of(strip, 256);
        GreyPage tall = GreyPage.of(image, 64);

        assertThat(enlarged.width()).isEqualTo(512);
        assertThat(enlarged.height()).isEqualTo(256);
        assertThat(capped.width()).isEqualTo(320);
        assertThat(capped.height()).isEqualTo(80);
        assertThat(tall.height()).isEqualTo(64);
    }

    @Test
    void enlargementInterpolatesBetweenNeighbours() {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0x000000);
        image.setRGB(1, 0, 0xffffff);

        GreyPage page = GreyPage.of(image, 4);

        // 4x: output pixel centres map to x = -0.375, -0.125, 0.125, 0.375 ... 1.375; clamped
        // at the edges, linear in between: 255 * (0.125, 0.375, 0.625, 0.875) in the middle.
        assertThat(page.width()).isEqualTo(8);
        assertThat(unsigned(page.pixels())).startsWith(0, 0, 32, 96, 159, 223, 255, 255);
    }

    @Test
    void aUniformPageIsRecognisedAndNotEnlarged() {
        BufferedImage white = new BufferedImage(30, 20, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 30; x++) {
                white.setRGB(x, y, 0xffffff);
            }
        }
        GreyPage page = GreyPage.of(white, 256);

        assertThat(page.isUniform()).isTrue();
        assertThat(page.height()).isEqualTo(20);
        white.setRGB(29, 19, 0xfefefe);
        assertThat(GreyPage.of(white, 0).isUniform()).isFalse();
    }

    private static int[] unsigned(byte[] values) {
        int[] result = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i] & 0xff;
        }
        return result;
    }
}
