package ai.braid.plugin.ssesf.data.mmsd;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * The fixture under src/test/resources/mmsd/ in the released layouts (text/ of MMSD,
 * text_json_final/ of MMSD2.0), copied into a temporary folder with a tiny image per post.
 *
 * <p>Images are written here rather than committed: each is 16x12, its left half {@link
 * #LEFT} and its right half a colour derived from the id ({@link #right}), so a test can tell
 * which file a sample decoded. Like the real release, posts dropped by MMSD's keyword filter
 * have no image.
 */
final class MmsdFixture {

    /** The colour of every image's left half. */
    static final int LEFT = 0xC83214;
    /** The image width. */
    static final int WIDTH = 16;
    /** The image height. */
    static final int HEIGHT = 12;

    /** The MMSD posts kept by the authors' keyword filter, in file order, per split. */
    static final List<String> MMSD_TRAIN = List.of("100", "101", "102", "103", "104", "105",
            "106", "107", "108", "121", "122", "123", "124");
    /** The kept MMSD validation posts. */
    static final List<String> MMSD_VALIDATION = List.of("200", "201", "202");
    /** The MMSD test posts. */
    static final List<String> MMSD_TEST = List.of("300", "301", "302");
    /** The MMSD2.0 train posts. */
    static final List<String> MMSD2_TRAIN = List.of("862902619928506372",
            "892551658487631873", "918423568823840769", "918423568823840770",
            "918423568823840771");
    /** The MMSD2.0 validation posts. */
    static final List<String> MMSD2_VALIDATION = List.of("915657464401580032",
            "915657464401580033");
    /** The MMSD2.0 test posts. */
    static final List<String> MMSD2_TEST = List.of("930000000000000001");

    private MmsdFixture() {}

    /**
     * Returns the committed fixture (text files only).
     *
     * @return src/test/resources/mmsd on the class path
     */
    static Path resources() {
        try {
            return Path.of(MmsdFixture.class.getResource("/mmsd").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Copies the fixture and writes the images of every post that has one.
     *
     * @param temp an empty temporary folder
     * @return the dataset directory, with text/, text_json_final/ and dataset_image/
     */
    static Path copy(Path temp) {
        try {
            Path source = resources();
            Path target = temp.resolve("mmsd");
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.toList()) {
                    Path copy = target.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(file, copy);
                    }
                }
            }
            Path images = Files.createDirectories(target.resolve("dataset_image"));
            for (List<String> ids : List.of(MMSD_TRAIN, MMSD_VALIDATION, MMSD_TEST, MMSD2_TRAIN,
                    MMSD2_VALIDATION, MMSD2_TEST)) {
                for (String id : ids) {
                    writeJpeg(images.resolve(id + ".jpg"), right(id));
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns the colour of the right half of a post's image.
     *
     * @param id the post's id
     * @return an RGB colour, different for the fixture's ids
     */
    static int right(String id) {
        int hash = id.hashCode();
        // Saturated channels so that JPEG's rounding cannot make two ids look alike.
        return ((hash & 1) != 0 ? 0xE6 : 0x1E) << 16 | ((hash & 2) != 0 ? 0xE6 : 0x1E) << 8
                | ((hash & 4) != 0 ? 0xE6 : 0x1E);
    }

    /**
     * Writes a two-colour JPEG.
     *
     * @param file the file
     * @param right the colour of the right half
     * @throws IOException if it cannot be written
     */
    static void writeJpeg(Path file, int right) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                image.setRGB(x, y, x < WIDTH / 2 ? LEFT : right);
            }
        }
        if (!ImageIO.write(image, "jpg", file.toFile())) {
            throw new IOException("no JPEG writer");
        }
    }
}
