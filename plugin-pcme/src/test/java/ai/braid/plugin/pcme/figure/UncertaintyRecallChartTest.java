package ai.braid.plugin.pcme.figure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UncertaintyRecallChartTest {

    @Test
    void drawsOneLinePerDirectionAsAPng(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("uncertainty.png");
        UncertaintyRecallChart.Series i2t = new UncertaintyRecallChart.Series("i2t",
                new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6},
                new boolean[] {false, false, false, true, false, true});
        // fewer queries than bins: one point per query
        UncertaintyRecallChart.Series t2i = new UncertaintyRecallChart.Series("t2i",
                new double[] {0.3, 0.1}, new boolean[] {true, false});

        new UncertaintyRecallChart(3).draw(List.of(i2t, t2i), file);

        assertThat(file).exists();
        BufferedImage png = ImageIO.read(file.toFile());
        assertThat(png).isNotNull();
        assertThat(png.getWidth()).isEqualTo(800);
        assertThat(png.getHeight()).isEqualTo(500);
    }

    @Test
    void fewerThanTwoBinsOrUnpairedArraysAreRefused() {
        assertThatThrownBy(() -> new UncertaintyRecallChart(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2");
        assertThatThrownBy(() -> new UncertaintyRecallChart.Series("i2t",
                new double[] {0.1, 0.2, 0.3}, new boolean[] {true, false}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3")
                .hasMessageContaining("2");
    }
}
