package ai.braid.plugin.fashion;

import static ai.braid.plugin.fashion.RawFiles.cut;
import static ai.braid.plugin.fashion.RawFiles.gzip;
import static ai.braid.plugin.fashion.RawFiles.idx;
import static ai.braid.plugin.fashion.RawFiles.pixels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {

    @TempDir
    Path dir;

    @Test
    void readsImagesAndLabels() throws IOException {
        Path images = write("images.gz", gzip(idx(2051, pixels(3), 3, 28, 28)));
        Path labels = write("labels.gz", gzip(idx(2049, new byte[] {9, 0, 3}, 3)));

        IdxImages read = IdxFile.readImages(images, 28, 28);
        assertThat(read.count()).isEqualTo(3);
        assertThat(read.imageSize()).isEqualTo(784);
        // Pixel 5 of image 2 is (2 * 40 + 5) mod 256, written big-endian after a 16-byte header.
        assertThat(read.pixels()[2 * 784 + 5]).isEqualTo((byte) 85);
        assertThat(read.pixels()).isEqualTo(pixels(3));
        assertThat(IdxFile.readLabels(labels, 10)).containsExactly(9, 0, 3);
    }

    @Test
    void readsAnEmptyFile() throws IOException {
        Path images = write("images.gz", gzip(idx(2051, new byte[0], 0, 28, 28)));
        assertThat(IdxFile.readImages(images, 28, 28).count()).isZero();
    }

    @Test
    void reportsAWrongMagicNumber() throws IOException {
        Path labelsAsImages = write("images.gz", gzip(idx(2049, new byte[] {1}, 1)));
        Path imagesAsLabels = write("labels.gz", gzip(idx(2051, pixels(1), 1, 28, 28)));

        assertThatThrownBy(() -> IdxFile.readImages(labelsAsImages, 28, 28))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith(labelsAsImages + ": the IDX magic number is 2049")
                .hasMessageContaining("expected 2051");
        assertThatThrownBy(() -> IdxFile.readLabels(imagesAsLabels, 10))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith(imagesAsLabels + ": the IDX magic number is 2051")
                .hasMessageContaining("expected 2049");
    }

    @Test
    void reportsOtherImageSizes() throws IOException {
        Path images = write("images.gz", gzip(idx(2051, new byte[27 * 28], 1, 27, 28)));

        assertThatThrownBy(() -> IdxFile.readImages(images, 28, 28))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith(images.toString())
                .hasMessageContaining("27x28")
                .hasMessageContaining("expected 28x28");
    }

    @Test
    void reportsMissingData() throws IOException {
        byte[] header = idx(2051, new byte[0], 3, 28, 28);
        // A valid gzip stream whose content stops after 2.5 of the 3 declared images.
        Path short1 = write("short.gz", gzip(idx(2051, cut(pixels(3), 1960), 3, 28, 28)));
        Path headerOnly = write("header.gz", gzip(cut(header, 10)));

        assertThatThrownBy(() -> IdxFile.readImages(short1, 28, 28))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith(short1 + " is truncated")
                .hasMessageContaining("after 1960 of the 2352 data bytes");
        assertThatThrownBy(() -> IdxFile.readImages(headerOnly, 28, 28))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith(headerOnly + " is truncated")
                .hasMessageContaining("inside the IDX header");
    }

    @Test
    void reportsACutOffGzipStream() throws IOException {
        byte[] noise = new byte[3 * 784];
        new Random(1).nextBytes(noise);
        byte[] whole = gzip(idx(2051, noise, 3, 28, 28));
        Path cutOff = write("cut.gz", cut(whole, whole.length / 2));

        assertThatThrownBy(() -> IdxFile.readImages(cutOff, 28, 28))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith(cutOff + " is truncated");
    }

    @Test
    void reportsACorruptGzipStream() throws IOException {
        byte[] noise = new byte[3 * 784];
        new Random(2).nextBytes(noise);
        byte[] bytes = gzip(idx(2051, noise, 3, 28, 28));
        // Damage the CRC in the trailer: the data inflates, the check fails.
        bytes[bytes.length - 6] ^= 0x55;
        Path corrupt = write("corrupt.gz", bytes);

        assertThatThrownBy(() -> IdxFile.readImages(corrupt, 28, 28))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith(corrupt + " is corrupt");
    }

    @Test
    void reportsAFileThatIsNotGzip() throws IOException {
        Path raw = write("raw.gz", idx(2049, new byte[] {1, 2}, 2));
        Path empty = write("empty.gz", new byte[0]);

        assertThatThrownBy(() -> IdxFile.readLabels(raw, 10))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith(raw + " is not a gzip file");
        assertThatThrownBy(() -> IdxFile.readLabels(empty, 10))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith(empty + " is not a gzip file");
    }

    @Test
    void reportsMoreDataThanDeclared() throws IOException {
        Path labels = write("labels.gz", gzip(idx(2049, new byte[] {1, 2, 3}, 2)));

        assertThatThrownBy(() -> IdxFile.readLabels(labels, 10))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith(labels + " holds more data than its header declares");
    }

    @Test
    void reportsALabelOutOfRangeAndANegativeCount() throws IOException {
        Path labels = write("labels.gz", gzip(idx(2049, new byte[] {1, 10, 3}, 3)));
        Path negative = write("negative.gz", gzip(idx(2049, new byte[0], -1)));

        assertThatThrownBy(() -> IdxFile.readLabels(labels, 10))
                .isInstanceOf(UserInputException.class)
                .hasMessage(labels + ": label 1 is 10; expected a class index in [0, 9]");
        assertThatThrownBy(() -> IdxFile.readLabels(negative, 10))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith(negative + ": the header declares -1 items");
    }

    @Test
    void reportsAMissingFile() {
        Path missing = dir.resolve("nothing.gz");

        assertThatThrownBy(() -> IdxFile.readLabels(missing, 10))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith(missing + " does not exist")
                .hasMessageContaining("apt-get install dataset-fashion-mnist");
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }
}
