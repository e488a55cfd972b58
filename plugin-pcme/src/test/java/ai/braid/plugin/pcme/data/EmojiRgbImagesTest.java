package ai.braid.plugin.pcme.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flattening images to opaque RGB: emoji alpha, grey photographs, broken files. */
class EmojiRgbImagesTest {

    @TempDir
    Path directory;

    @Test
    void halfTransparentPixelsBlendWithWhite() throws IOException {
        BufferedImage argb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x80000000);
        argb.setRGB(1, 0, 0xff102030);
        Path file = directory.resolve("half.png");
        ImageIO.write(argb, "png", file.toFile());

        BufferedImage rgb = RgbImages.read(file);

        // 0 * 128/255 + 255 * (1 - 128/255) = 127.
        assertThat(rgb.getRGB(0, 0) & 0xffffff).isEqualTo(0x7f7f7f);
        assertThat(rgb.getRGB(1, 0) & 0xffffff).isEqualTo(0x102030);
    }

    @Test
    void greyImagesKeepTheirValues() throws IOException {
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 128);
        grey.getRaster().setSample(1, 0, 0, 7);
        Path file = directory.resolve("grey.png");
        ImageIO.write(grey, "png", file.toFile());

        BufferedImage rgb = RgbImages.read(file);

        assertThat(rgb.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(rgb.getRGB(0, 0) & 0xffffff).as("not gamma-converted to 188")
                .isEqualTo(0x808080);
        assertThat(rgb.getRGB(1, 0) & 0xffffff).isEqualTo(0x070707);
    }

    @Test
    void aFileThatIsNoImageIsNamed() throws IOException {
        Path file = directory.resolve("text.png");
        Files.writeString(file, "not an image");

        assertThatThrownBy(() -> RgbImages.read(file))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining(file.toString());
    }
}
