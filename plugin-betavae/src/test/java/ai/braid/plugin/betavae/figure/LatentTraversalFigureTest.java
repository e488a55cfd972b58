package ai.braid.plugin.betavae.figure;

import static ai.braid.plugin.betavae.figure.ImageGridTest.read;
import static ai.braid.plugin.betavae.figure.ImageGridTest.rgb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatentTraversalFigureTest {

    static {
        // Off-screen drawing only: a developer's DISPLAY must not decide how the test runs.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private static final int SIDE = 6;
    private static final int SCALE = 2;
    private static final CellFormat SCALED = CellFormat.of(SIDE, SIDE).withScale(SCALE);
    private static final int STEPS = 5;

    @TempDir
    Path dir;

    /** Unit {@code i}'s images are uniformly grey at {@code greys[i]}. */
    private static float[][][] uniformRows(float... greys) {
        float[][][] decoded = new float[greys.length][STEPS][SIDE * SIDE];
        for (int unit = 0; unit < greys.length; unit++) {
            for (float[] image : decoded[unit]) {
                Arrays.fill(image, greys[unit]);
            }
        }
        return decoded;
    }

    /** The grey level (0-255) of every row, read in the last column, GAP from the right. */
    private static int[] rowGreys(BufferedImage image, int rows) {
        int cell = SIDE * SCALE;
        int top = ImageGrid.TITLE_HEIGHT + ImageGrid.HEADER_HEIGHT;
        int[] greys = new int[rows];
        for (int r = 0; r < rows; r++) {
            greys[r] = rgb(image, image.getWidth() - ImageGrid.GAP - 1,
                    top + ImageGrid.GAP + r * (cell + ImageGrid.GAP) + 1) & 0xFF;
        }
        return greys;
    }

    @Test
    void rowsAreSortedByKlDescending() throws IOException {
        double[] kl = {0.1, 2.5, 1.0};
        LatentTraversalFigure.builder().cells(SCALED).build()
                .write(uniformRows(0.2f, 0.6f, 1f), kl, 3, 7, dir.resolve("t.png"));

        BufferedImage image = read(dir.resolve("t.png"));
        // Units 1 (0.6), 2 (1.0), 0 (0.2).
        assertThat(rowGreys(image, 3)).containsExactly(153, 255, 51);
        assertThat(image.getHeight()).isEqualTo(ImageGrid.TITLE_HEIGHT + ImageGrid.HEADER_HEIGHT
                + 3 * SIDE * SCALE + 4 * ImageGrid.GAP);
    }

    @Test
    void unsortedRowsKeepTheUnitOrder() throws IOException {
        LatentTraversalFigure.builder().cells(SCALED).optSortByKl(false)
                .build().write(uniformRows(0.2f, 0.6f, 1f), new double[] {0.1, 2.5, 1.0}, 3,
                        0, dir.resolve("t.png"));

        assertThat(rowGreys(read(dir.resolve("t.png")), 3)).containsExactly(51, 153, 255);
    }

    @Test
    void orderPutsNaNLastAndKeepsTiesInUnitOrder() {
        assertThat(LatentTraversalFigure.order(new double[] {1, Double.NaN, 3, 1}, true))
                .containsExactly(2, 0, 3, 1);
    }

    @Test
    void valuesSpanMinusToPlusLimitEvenly() {
        assertThat(LatentTraversalFigure.values(3, 7))
                .containsExactly(new double[] {-3, -2, -1, 0, 1, 2, 3}, within(1e-12));
        assertThat(LatentTraversalFigure.compact(-1.5)).isEqualTo("-1.5");
        assertThat(LatentTraversalFigure.compact(3)).isEqualTo("3");
        assertThat(LatentTraversalFigure.compact(2.0 / 3)).isEqualTo("0.67");
    }

    @Test
    void mismatchedInputsAreRejected() {
        LatentTraversalFigure figure =
                LatentTraversalFigure.builder().cells(CellFormat.of(SIDE, SIDE)).build();
        Path file = dir.resolve("t.png");

        assertThatThrownBy(() -> figure.write(uniformRows(0f, 0f), new double[3], 3, 0, file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected one row of images per latent unit, got 2 rows for 3 KL"
                        + " values");
        float[][][] ragged = uniformRows(0f, 0f);
        ragged[1] = new float[STEPS - 1][SIDE * SIDE];
        assertThatThrownBy(() -> figure.write(ragged, new double[2], 3, 0, file))
                .hasMessage("every unit needs the same number of steps: unit 0 has 5, unit 1"
                        + " has 4");
        assertThatThrownBy(() -> figure.write(uniformRows(0f), new double[1], 0, 0, file))
                .hasMessageContaining("limit must be positive");
    }
}
