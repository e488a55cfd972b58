package ai.braid.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
