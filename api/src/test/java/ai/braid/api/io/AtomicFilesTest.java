package ai.braid.api.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replacing files whole: new content, created folders, no temporary files, nothing lost. */
class AtomicFilesTest {

    @TempDir
    Path directory;

    @Test
    void replacesTheContentAndLeavesNoTemporaryFile() throws IOException {
        Path file = directory.resolve("report.json");
        AtomicFiles.writeString(file, "first");

        AtomicFiles.writeString(file, "second, longer");

        assertThat(Files.readString(file)).isEqualTo("second, longer");
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void createsTheFolderAndWritesAReadablePng() throws IOException {
        Path file = directory.resolve("plots/picture.png");
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(2, 1, 0x123456);

        AtomicFiles.writePng(file, image);

        BufferedImage read = ImageIO.read(file.toFile());
        assertThat(read.getWidth()).isEqualTo(3);
        assertThat(read.getRGB(2, 1) & 0xffffff).isEqualTo(0x123456);
    }

    @Test
    void aFailedReplacementKeepsWhatWasThere() throws IOException {
        // A non-empty folder cannot be replaced by a file, so the rename fails.
        Path target = directory.resolve("plots");
        Files.createDirectories(target);
        Path kept = Files.writeString(target.resolve("loss.png"), "old");

        assertThatThrownBy(() -> AtomicFiles.writeBytes(target, new byte[] {1, 2, 3}))
                .isInstanceOf(IOException.class);

        assertThat(Files.readString(kept)).isEqualTo("old");
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files).as("the temporary file is removed").containsExactly(target);
        }
    }
}
