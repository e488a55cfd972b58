package ai.braid.api.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoding by content, flattening to opaque RGB, and the errors for missing and broken files. */
class ImageFilesTest {

    @TempDir
    Path directory;

    @Test
    void halfTransparentPixelsBlendWithWhite() throws IOException {
        BufferedImage argb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x80000000);
        argb.setRGB(1, 0, 0xff102030);
        Path file = directory.resolve("half.png");
        ImageIO.write(argb, "png", file.toFile());

        BufferedImage rgb = ImageFiles.readRgb(file);

        assertThat(rgb.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        // 0 * 128/255 + 255 * (1 - 128/255) = 127.
        assertThat(rgb.getRGB(0, 0) & 0xffffff).isEqualTo(0x7f7f7f);
        assertThat(rgb.getRGB(1, 0) & 0xffffff).isEqualTo(0x102030);
        assertThat(ImageFiles.decode(file).getColorModel().hasAlpha())
                .as("decode keeps the alpha channel").isTrue();
    }

    @Test
    void greyImagesKeepTheirValues() throws IOException {
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 128);
        grey.getRaster().setSample(1, 0, 0, 7);
        Path file = directory.resolve("grey.png");
        ImageIO.write(grey, "png", file.toFile());

        BufferedImage rgb = ImageFiles.readRgb(file);

        assertThat(rgb.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(rgb.getRGB(0, 0) & 0xffffff).as("not gamma-converted to 188")
                .isEqualTo(0x808080);
        assertThat(rgb.getRGB(1, 0) & 0xffffff).isEqualTo(0x070707);
    }

    @Test
    void theFormatComesFromTheContentNotTheName() throws IOException {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(2, 1, 0xabcdef);
        Path file = directory.resolve("photo.jpg");
        ImageIO.write(image, "png", file.toFile());

        BufferedImage rgb = ImageFiles.readRgb(file);

        assertThat(rgb.getWidth()).isEqualTo(3);
        assertThat(rgb.getRGB(2, 1) & 0xffffff).as("lossless, so read as PNG").isEqualTo(0xabcdef);
    }

    @Test
    void aMissingFileIsNoSuchFile() {
        Path file = directory.resolve("absent.png");

        assertThatThrownBy(() -> ImageFiles.readRgb(file))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void aFileThatIsNoImageSaysSo() throws IOException {
        Path file = directory.resolve("text.png");
        Files.writeString(file, "not an image");

        assertThatThrownBy(() -> ImageFiles.readRgb(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a JPEG, PNG, GIF or BMP image (12 bytes)");
    }

    @Test
    void aTruncatedImageIsAnIoException() throws IOException {
        // Noise, so the compressed pixels fill most of the file and a third of it cuts them.
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(1);
        for (int i = 0; i < 64 * 64; i++) {
            image.setRGB(i % 64, i / 64, random.nextInt());
        }
        Path file = directory.resolve("cut.png");
        ImageIO.write(image, "png", file.toFile());
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 3));

        assertThatThrownBy(() -> ImageFiles.readRgb(file)).isInstanceOf(IOException.class)
                .isNotInstanceOf(NoSuchFileException.class);
    }
}
