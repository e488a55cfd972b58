package ai.braid.plugin.betavae.figure;

import static ai.braid.plugin.betavae.figure.ImageGridTest.read;
import static ai.braid.plugin.betavae.figure.ImageGridTest.rgb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconstructionFigureTest {

    static {
        // Off-screen drawing only: a developer's DISPLAY must not decide how the test runs.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private static final int SIDE = 4;
    private static final int SCALE = 2;
    private static final CellFormat SCALED = CellFormat.of(SIDE, SIDE).withScale(SCALE);
    private static final int CELL = SIDE * SCALE;

    @TempDir
    Path dir;

    /** The top-left pixel of a cell; the label column's width follows from the image width. */
    private static int[] cell(BufferedImage image, int columns, int row, int column) {
        int gap = ImageGrid.GAP;
        int labelWidth = image.getWidth() - columns * CELL - (columns + 1) * gap;
        return new int[] {labelWidth + gap + column * (CELL + gap), gap + row * (CELL + gap)};
    }

    @Test
    void fewImagesGiveOriginalsAboveTheirReconstructions() throws IOException {
        float[][] originals = new float[3][SIDE * SIDE];
        float[][] reconstructions = new float[3][SIDE * SIDE];
        originals[2][0] = 1f;
        reconstructions[2][0] = 0.6f;
        ReconstructionFigure.builder().cells(SCALED).build()
                .write(originals, reconstructions, dir.resolve("r.png"));

        BufferedImage image = read(dir.resolve("r.png"));
        assertThat(image.getHeight()).isEqualTo(2 * CELL + 3 * ImageGrid.GAP);
        int[] original = cell(image, 3, 0, 2);
        int[] reconstruction = cell(image, 3, 1, 2);
        assertThat(rgb(image, original[0], original[1])).isEqualTo(0xFFFFFF);
        assertThat(rgb(image, reconstruction[0] + 1, reconstruction[1] + 1)).isEqualTo(0x999999);
        assertThat(rgb(image, reconstruction[0] + 2, reconstruction[1])).isZero();
    }

    @Test
    void manyImagesContinueInPairsOfRowsWithBlankCellsAtTheEnd() throws IOException {
        int n = 12;
        float[][] originals = new float[n][SIDE * SIDE];
        float[][] reconstructions = new float[n][SIDE * SIDE];
        originals[11][0] = 1f;
        reconstructions[11][0] = 0.6f;
        ReconstructionFigure.builder().cells(SCALED).optTitle("epoch 3")
                .build().write(originals, reconstructions, dir.resolve("r.png"));

        BufferedImage image = read(dir.resolve("r.png"));
        int title = ImageGrid.TITLE_HEIGHT;
        assertThat(image.getHeight()).isEqualTo(title + 4 * CELL + 5 * ImageGrid.GAP);
        // Image 11 is the second of the second pair of rows.
        int[] original = cell(image, 10, 2, 1);
        int[] reconstruction = cell(image, 10, 3, 1);
        assertThat(rgb(image, original[0], original[1] + title)).isEqualTo(0xFFFFFF);
        assertThat(rgb(image, reconstruction[0], reconstruction[1] + title)).isEqualTo(0x999999);
        int[] blank = cell(image, 10, 2, 5);
        assertThat(rgb(image, blank[0] + 1, blank[1] + title + 1)).isEqualTo(0xFFFFFF);
        int[] black = cell(image, 10, 2, 0);
        assertThat(rgb(image, black[0] + 1, black[1] + title + 1)).isZero();
    }

    @Test
    void mismatchedImagesAreRejected() {
        ReconstructionFigure figure =
                ReconstructionFigure.builder().cells(CellFormat.of(SIDE, SIDE)).build();
        Path file = dir.resolve("r.png");

        assertThatThrownBy(() -> figure.write(new float[2][16], new float[3][16], file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected as many reconstructions as originals, at least one, got 2"
                        + " originals and 3 reconstructions");
        assertThatThrownBy(() -> figure.write(new float[2][16], new float[][] {
                new float[16], new float[15]}, file))
                .hasMessage("reconstruction 1 must have 16 values (1 x 4 x 4), got 15");
    }
}
