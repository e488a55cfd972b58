package ai.braid.api.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.UserInputException;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImagePreprocessorTest {

    /** A 2 x 2 RGB image: red, green / blue, (10, 200, 30). */
    static Image fourColours() {
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xff0000);
        image.setRGB(1, 0, 0x00ff00);
        image.setRGB(0, 1, 0x0000ff);
        image.setRGB(1, 1, (10 << 16) | (200 << 8) | 30);
        return ImageFactory.getInstance().fromImage(image);
    }

    static Image uniform(int width, int height, int rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return ImageFactory.getInstance().fromImage(image);
    }

    @Test
    void rgbImagesAreChannelFirstInZeroToOne() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray pixels = new ImagePreprocessor(2, 3)
                    .preprocess(List.of(fourColours()), manager).singletonOrThrow();

            assertThat(pixels.getShape()).isEqualTo(new Shape(1, 3, 2, 2));
            assertThat(pixels.getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(pixels.getManager()).isSameAs(manager);
            float[] v = pixels.toFloatArray();
            // channel-major: R plane, G plane, B plane, each row-major
            float[] expected = {
                1, 0, 0, 10 / 255f,
                0, 1, 0, 200 / 255f,
                0, 0, 1, 30 / 255f
            };
            for (int i = 0; i < expected.length; i++) {
                assertThat(v[i]).as("value %d", i).isCloseTo(expected[i], within(1e-6f));
            }
        }
    }

    @Test
    void greyIsTheLumaOfTheColours() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray pixels = new ImagePreprocessor(2, 1)
                    .preprocess(List.of(fourColours()), manager).singletonOrThrow();

            assertThat(pixels.getShape()).isEqualTo(new Shape(1, 1, 2, 2));
            float[] v = pixels.toFloatArray();
            assertThat(v[0]).isCloseTo(0.299f, within(1e-5f));
            assertThat(v[1]).isCloseTo(0.587f, within(1e-5f));
            assertThat(v[2]).isCloseTo(0.114f, within(1e-5f));
            assertThat(v[3]).isCloseTo((0.299f * 10 + 0.587f * 200 + 0.114f * 30) / 255f,
                    within(1e-5f));
        }
    }

    @Test
    void aGreySourceKeepsItsValuesInEveryMode() {
        BufferedImage grey = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
        int[] levels = {0, 51, 204, 255};
        for (int i = 0; i < 4; i++) {
            grey.getRaster().setSample(i % 2, i / 2, 0, levels[i]);
        }
        Image image = ImageFactory.getInstance().fromImage(grey);
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] rgb = new ImagePreprocessor(2, 3).toPixels(image, manager).toFloatArray();
            float[] one = new ImagePreprocessor(2, 1).toPixels(image, manager).toFloatArray();

            for (int i = 0; i < 4; i++) {
                for (int c = 0; c < 3; c++) {
                    assertThat(rgb[c * 4 + i]).isCloseTo(levels[i] / 255f, within(1e-5f));
                }
                assertThat(one[i]).isCloseTo(levels[i] / 255f, within(1e-5f));
            }
        }
    }

    @Test
    void imagesOfAnotherSizeAreResized() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray pixels = new ImagePreprocessor(4, 3).preprocess(
                    List.of(uniform(8, 6, 0x336699), uniform(4, 4, 0xffffff)), manager)
                    .singletonOrThrow();

            assertThat(pixels.getShape()).isEqualTo(new Shape(2, 3, 4, 4));
            float[] v = pixels.toFloatArray();
            for (int i = 0; i < 16; i++) {
                assertThat(v[i]).isCloseTo(0x33 / 255f, within(1e-5f));
                assertThat(v[16 + i]).isCloseTo(0x66 / 255f, within(1e-5f));
                assertThat(v[32 + i]).isCloseTo(0x99 / 255f, within(1e-5f));
                assertThat(v[48 + i]).isEqualTo(1f);
            }
        }
    }

    @Test
    void aValueThatIsNotAnImageIsAUserError() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> new ImagePreprocessor(4, 3)
                    .preprocess(List.of(uniform(4, 4, 0), "cat.png"), manager))
                    .isInstanceOf(UserInputException.class)
                    .hasMessageContaining("image input 1")
                    .hasMessageContaining("java.lang.String");
        }
    }

    @Test
    void twoChannelsAreRefused() {
        assertThatThrownBy(() -> new ImagePreprocessor(4, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("channels 1 or 3");
    }
}
