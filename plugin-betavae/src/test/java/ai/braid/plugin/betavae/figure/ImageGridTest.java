package ai.braid.plugin.betavae.figure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGridTest {

    static {
        // Off-screen drawing only: a developer's DISPLAY must not decide how the test runs.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private static final int WHITE = 0xFFFFFF;
    private static final int BLACK = 0x000000;

    @TempDir
    Path dir;

    static BufferedImage read(Path file) throws IOException {
        assertThat(file).exists();
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as("readable PNG %s", file).isNotNull();
        return image;
    }

    static int rgb(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xFFFFFF;
    }

    private static float[][][] black(int rows, int columns, int size) {
        return new float[rows][columns][size];
    }

    @Test
    void imageSizeFollowsRowsColumnsScaleGapsAndTextBands() throws IOException {
        // 2 x 3 cells of 4x5 pixels (h x w) at scale 3: cells are 15 wide, 12 high.
        ImageGrid grid = ImageGrid.builder().rows(2).columns(3)
                .cells(CellFormat.of(4, 5).withScale(3)).optRowLabels(List.of("a", "b"))
                .optRowLabelWidth(40)
                .optColumnLabels(List.of("-1", "0", "1")).optTitle("title").build();
        grid.write(black(2, 3, 20), dir.resolve("labelled.png"));
        ImageGrid.builder().rows(2).columns(3).cells(CellFormat.of(4, 5).withScale(3)).build()
                .write(black(2, 3, 20), dir.resolve("plain.png"));

        BufferedImage labelled = read(dir.resolve("labelled.png"));
        assertThat(labelled.getWidth()).isEqualTo(40 + 3 * 15 + 4 * 2);
        assertThat(labelled.getHeight()).isEqualTo(22 + 16 + 2 * 12 + 3 * 2);
        BufferedImage plain = read(dir.resolve("plain.png"));
        assertThat(plain.getWidth()).isEqualTo(3 * 15 + 4 * 2);
        assertThat(plain.getHeight()).isEqualTo(2 * 12 + 3 * 2);
    }

    @Test
    void aPixelLandsOnItsScaledBlockAndGapsStayWhite() throws IOException {
        int h = 4;
        int w = 5;
        int scale = 3;
        float[][][] cells = black(2, 3, h * w);
        cells[1][2][1 * w + 2] = 1f; // row 1, column 2 of the last cell: white
        cells[0][0][0] = 0.5f;
        ImageGrid.builder().rows(2).columns(3).cells(CellFormat.of(h, w).withScale(scale)).build()
                .write(cells, dir.resolve("grid.png"));

        BufferedImage image = read(dir.resolve("grid.png"));
        int gap = ImageGrid.GAP;
        int cellX = gap + 2 * (w * scale + gap);
        int cellY = gap + (h * scale + gap);
        for (int dy = 0; dy < scale; dy++) {
            for (int dx = 0; dx < scale; dx++) {
                assertThat(rgb(image, cellX + 2 * scale + dx, cellY + 1 * scale + dy))
                        .isEqualTo(WHITE);
            }
        }
        assertThat(rgb(image, cellX + 2 * scale - 1, cellY + scale)).isEqualTo(BLACK);
        assertThat(rgb(image, cellX + 3 * scale, cellY + scale)).isEqualTo(BLACK);
        assertThat(rgb(image, cellX + 2 * scale, cellY + scale - 1)).isEqualTo(BLACK);
        // 0.5 becomes 128 in all three channels; the corner and the gaps around it are white.
        assertThat(rgb(image, gap, gap)).isEqualTo(0x808080);
        assertThat(rgb(image, 0, 0)).isEqualTo(WHITE);
        assertThat(rgb(image, gap + w * scale, gap)).isEqualTo(WHITE);
        assertThat(rgb(image, gap, gap + h * scale)).isEqualTo(WHITE);
    }

    @Test
    void threeChannelsAreReadChannelMajor() throws IOException {
        float[][][] cells = new float[1][1][3 * 2 * 2];
        cells[0][0][0] = 1f; // red of pixel (0, 0)
        cells[0][0][4 + 1] = 1f; // green of pixel (0, 1)
        cells[0][0][8 + 2] = 1f; // blue of pixel (1, 0)
        ImageGrid.builder().rows(1).columns(1).cells(CellFormat.of(2, 2).withChannels(3)).build()
                .write(cells, dir.resolve("rgb.png"));

        BufferedImage image = read(dir.resolve("rgb.png"));
        int gap = ImageGrid.GAP;
        assertThat(rgb(image, gap, gap)).isEqualTo(0xFF0000);
        assertThat(rgb(image, gap + 1, gap)).isEqualTo(0x00FF00);
        assertThat(rgb(image, gap, gap + 1)).isEqualTo(0x0000FF);
        assertThat(rgb(image, gap + 1, gap + 1)).isEqualTo(BLACK);
    }

    @Test
    void rowLabelsAreDrawnInAColumnAsWideAsTheWidestLabel() throws IOException {
        CellFormat cells = CellFormat.of(8, 8).withScale(2);
        ImageGrid narrow = ImageGrid.builder().rows(2).columns(1).cells(cells)
                .optRowLabels(List.of("z1", "z2")).build();
        ImageGrid wide = ImageGrid.builder().rows(2).columns(1).cells(cells)
                .optRowLabels(List.of("z1  KL 2.41", "z2  KL 0.01")).build();
        wide.write(black(2, 1, 64), dir.resolve("wide.png"));

        assertThat(narrow.labelWidth()).isGreaterThan(2 * ImageGrid.LABEL_PADDING);
        assertThat(wide.labelWidth()).isGreaterThan(narrow.labelWidth());
        BufferedImage image = read(dir.resolve("wide.png"));
        assertThat(image.getWidth()).isEqualTo(wide.labelWidth() + 16 + 2 * ImageGrid.GAP)
                .isEqualTo(wide.width());
        int dark = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < wide.labelWidth(); x++) {
                dark += (rgb(image, x, y) & 0xFF) < 128 ? 1 : 0;
            }
        }
        assertThat(dark).as("text pixels in the label column").isGreaterThan(20);
    }

    @Test
    void rewritingReplacesTheFileAndLeavesNoTemporaryFile() throws IOException {
        ImageGrid grid = ImageGrid.builder().rows(1).columns(1).cells(CellFormat.of(1, 1)).build();
        Path file = dir.resolve("sub/one.png");
        grid.write(new float[][][] {{{0f}}}, file);
        grid.write(new float[][][] {{{1f}}}, file);

        assertThat(rgb(read(file), ImageGrid.GAP, ImageGrid.GAP)).isEqualTo(WHITE);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("one.png");
        }
    }

    @Test
    void wrongSizesAreRejectedWithTheExpectedAndTheGivenSize() {
        ImageGrid grid = ImageGrid.builder().rows(2).columns(3).cells(CellFormat.of(4, 5)).build();
        float[][][] shortCell = black(2, 3, 20);
        shortCell[0][1] = new float[19];

        assertThatThrownBy(() -> grid.write(shortCell, dir.resolve("x.png")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cell (0, 1) must have 20 values (1 x 4 x 5), got 19");
        assertThatThrownBy(() -> grid.write(black(3, 3, 20), dir.resolve("x.png")))
                .hasMessage("cells must have 2 rows, got 3");
        assertThatThrownBy(() -> grid.write(black(2, 2, 20), dir.resolve("x.png")))
                .hasMessage("row 0 of cells must have 3 cells, got 2");
        assertThat(dir.resolve("x.png")).doesNotExist();
        assertThatThrownBy(() -> ImageGrid.builder().rows(2).columns(3).cells(CellFormat.of(4, 5))
                .optRowLabels(List.of("only one")).build())
                .hasMessage("expected 2 row labels, got 1");
        assertThatThrownBy(() -> CellFormat.of(4, 5).withChannels(2))
                .hasMessage("channels must be 1 or 3, got 2");
        assertThatThrownBy(() -> CellFormat.of(4, 5).withScale(65))
                .hasMessage("scale must be 1 to 64, got 65");
        assertThatThrownBy(() -> CellFormat.of(0, 5))
                .hasMessage("image height must be at least 1, got 0");
        assertThatThrownBy(() -> ImageGrid.builder().rows(2).cells(CellFormat.of(4, 5)).build())
                .isInstanceOf(IllegalStateException.class);
    }
}
