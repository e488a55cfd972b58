package ai.braid.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionSchemaTest {

    @Test
    void expectationsDescribeRangesAndChoices() {
        OptionSchema schema = OptionSchema.builder()
                .addInteger("layers", 2, 1, 48, "layers")
                .addNumber("dropout", 0.1, 0, 1, "dropout")
                .addChoice("pooling", "cls", List.of("cls", "mean"), "pooling")
                .addInteger("seed", 1, 0, Long.MAX_VALUE, "seed")
                .build();

        assertThat(schema.find("layers").orElseThrow().expectation())
                .isEqualTo("an integer in [1, 48]");
        assertThat(schema.find("dropout").orElseThrow().expectation())
                .isEqualTo("a number in [0, 1]");
        assertThat(schema.find("pooling").orElseThrow().expectation())
                .isEqualTo("one of [cls, mean]");
        assertThat(schema.find("seed").orElseThrow().expectation())
                .isEqualTo("an integer in [0, 9223372036854775807]");
        assertThat(schema.names()).containsExactly("layers", "dropout", "pooling", "seed");
    }

    @Test
    void anOptionDeclaredTwiceOrADefaultOutsideItsChoicesIsAProgrammingError() {
        assertThatThrownBy(() -> OptionSchema.builder().addBoolean("x", true, "x")
                .addBoolean("x", false, "x")).hasMessageContaining("declared twice");
        assertThatThrownBy(() -> OptionSchema.builder()
                .addChoice("mode", "max", List.of("cls", "mean"), "mode"))
                .hasMessageContaining("not in [cls, mean]");
    }

    @Test
    void aConfigSaysWhereAnOptionWasSet() {
        ComponentConfig config = new ComponentConfig("concat", "fusion",
                Map.of("dim", 16L), Map.of("dim", "p.yaml:7"));

        assertThat(config.getInt("dim")).isEqualTo(16);
        assertThat(config.where("dim")).isEqualTo("fusion.dim (p.yaml:7)");
        assertThatThrownBy(() -> config.getString("dim")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void configureGivesWhatTheRuntimeWouldPass() {
        OptionSchema schema = OptionSchema.builder()
                .addInteger("layers", 2, 1, 48, "layers")
                .addNumber("dropout", 0.1, 0, 1, "dropout")
                .addPath("path", "data/x", "where")
                .addString("vocabulary", null, "required")
                .build();

        ComponentConfig config = schema.configure("encoder", "projectors.text", "p.yaml:3",
                Map.of("layers", 4, "vocabulary", "v.txt"));

        assertThat(config.getInt("layers")).as("an Integer becomes the runtime's Long")
                .isEqualTo(4);
        assertThat(config.where("layers")).isEqualTo("projectors.text.layers (p.yaml:3)");
        assertThat(config.getDouble("dropout")).isEqualTo(0.1);
        assertThat(config.where("dropout")).isEqualTo("projectors.text.dropout (default)");
        assertThat(config.getPath("path")).isEqualTo(Path.of("data/x").toAbsolutePath());
        assertThat(config.getString("vocabulary")).isEqualTo("v.txt");
    }

    @Test
    void configureRefusesWhatNoPipelineCouldSet() {
        OptionSchema schema = OptionSchema.builder()
                .addInteger("layers", 2, 1, 48, "layers")
                .addString("vocabulary", null, "required")
                .build();

        assertThatThrownBy(() -> schema.configure("encoder", "p", "p.yaml:3",
                Map.of("layer", 4L, "vocabulary", "v")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no option 'layer'; declared: [layers, vocabulary]");
        assertThatThrownBy(() -> schema.configure("encoder", "p", "p.yaml:3", Map.of()))
                .hasMessageContaining("needs option 'vocabulary'");
        assertThatThrownBy(() -> schema.configure("encoder", "p", "p.yaml:3",
                Map.of("layers", 2.5, "vocabulary", "v")))
                .hasMessageContaining("'layers' expects an integer in [1, 48], got Double 2.5");
    }
}
