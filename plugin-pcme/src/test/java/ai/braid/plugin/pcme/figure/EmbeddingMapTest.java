package ai.braid.plugin.pcme.figure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingMapTest {

    @Test
    void drawsBothModalitiesAsAPng(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("embeddings.png");
        float[] images = {1f, 0f, 0f, 0f, 1f, 0f, 0f, 0f, 1f};
        float[] captions = {0.9f, 0.1f, 0f, 0.1f, 0.8f, 0.1f};

        new EmbeddingMap().draw(List.of(
                new EmbeddingMap.Points("image", images, new double[] {0.2, 0.5, 1.0}),
                new EmbeddingMap.Points("text", captions, null)), 3, file);

        assertThat(file).exists();
        BufferedImage png = ImageIO.read(file.toFile());
        assertThat(png).isNotNull();
        assertThat(png.getWidth()).isEqualTo(900);
        assertThat(png.getHeight()).isEqualTo(700);
        assertThat(Files.list(directory).toList()).containsExactly(file);
    }

    @Test
    void fewerThanThreePointsOrOneDimensionAreRefused(@TempDir Path directory) {
        Path file = directory.resolve("embeddings.png");
        EmbeddingMap map = new EmbeddingMap();

        assertThatThrownBy(() -> map.draw(List.of(
                new EmbeddingMap.Points("image", new float[] {1f, 0f}, null),
                new EmbeddingMap.Points("text", new float[] {0f, 1f}, null)), 2, file))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3");
        assertThatThrownBy(() -> map.draw(List.of(
                new EmbeddingMap.Points("image", new float[] {1f, 2f, 3f}, null)), 1, file))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(file).doesNotExist();
    }
}
