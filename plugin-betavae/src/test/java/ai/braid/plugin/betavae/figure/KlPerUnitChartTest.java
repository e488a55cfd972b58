package ai.braid.plugin.betavae.figure;

import static ai.braid.plugin.betavae.figure.ImageGridTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KlPerUnitChartTest {

    static {
        // Off-screen drawing only: a developer's DISPLAY must not decide how the test runs.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    @TempDir
    Path dir;

    private static int coloured(BufferedImage image) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = rgb >> 16 & 0xff;
                int g = rgb >> 8 & 0xff;
                int b = rgb & 0xff;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 80) {
                    count++;
                }
            }
        }
        return count;
    }

    @Test
    void drawsBarsAtTheDefaultAndAGivenSize() throws IOException {
        double[] kl = {2.4, 0.01, 1.1, 0.0, 3.2, 0.02, 0.5, 0.0, 0.0, 0.7};
        KlPerUnitChart.builder().build().write(kl, dir.resolve("kl.png"));
        KlPerUnitChart.builder().optSize(400, 300).optTitle("beta = 4").build()
                .write(kl, dir.resolve("small.png"));

        BufferedImage image = read(dir.resolve("kl.png"));
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(500);
        // The default theme fills bars in colour: the tallest alone covers thousands of pixels.
        assertThat(coloured(image)).isGreaterThan(2000);
        BufferedImage small = read(dir.resolve("small.png"));
        assertThat(small.getWidth()).isEqualTo(400);
        assertThat(small.getHeight()).isEqualTo(300);
    }

    @Test
    void allZeroKlStillDraws() throws IOException {
        KlPerUnitChart.builder().build().write(new double[4], dir.resolve("zero.png"));

        assertThat(read(dir.resolve("zero.png")).getWidth()).isEqualTo(800);
    }

    @Test
    void noUnitsOrNonFiniteKlAreRejected() {
        KlPerUnitChart chart = KlPerUnitChart.builder().build();

        assertThatThrownBy(() -> chart.write(new double[0], dir.resolve("kl.png")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected the KL of at least one unit, got none");
        assertThatThrownBy(() -> chart.write(new double[] {1, Double.NaN}, dir.resolve("kl.png")))
                .hasMessage("the KL of unit z1 must be finite, got NaN");
        assertThat(dir.resolve("kl.png")).doesNotExist();
    }
}
