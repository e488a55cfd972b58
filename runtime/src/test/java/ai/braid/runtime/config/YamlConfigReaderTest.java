package ai.braid.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.braid.api.UserInputException;
import ai.braid.runtime.config.ConfigNode.ListNode;
import ai.braid.runtime.config.ConfigNode.MapNode;
import ai.braid.runtime.config.ConfigNode.ScalarNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlConfigReaderTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("pipeline.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static ScalarNode scalar(MapNode map, String key) {
        return (ScalarNode) map.find(key).orElseThrow();
    }

    @Test
    void typesScalarsAsYamlDoes() throws IOException {
        MapNode root = YamlConfigReader.read(write("""
                count: 3
                big: 3000000000
                rate: 0.5
                flag: true
                disabled: false
                text: hello
                quoted: "3"
                empty:
                tilde: ~
                exponent: 2e-5
                huge: 100000000000000000000
                """));

        assertThat(scalar(root, "count").value()).isEqualTo(3L);
        assertThat(scalar(root, "big").value()).isEqualTo(3_000_000_000L);
        assertThat(scalar(root, "rate").value()).isEqualTo(0.5);
        assertThat(scalar(root, "flag").value()).isEqualTo(Boolean.TRUE);
        assertThat(scalar(root, "disabled").value()).isEqualTo(Boolean.FALSE);
        assertThat(scalar(root, "text").value()).isEqualTo("hello");
        assertThat(scalar(root, "quoted").value()).isEqualTo("3");
        assertThat(scalar(root, "empty").value()).isNull();
        assertThat(scalar(root, "tilde").value()).isNull();
        assertThat(scalar(root, "exponent").value()).isEqualTo(2e-5);
        assertThat(scalar(root, "huge").value()).isEqualTo(1e20);
    }

    @Test
    void keepsKeysInFileOrderAndConvertsToPlainValues() throws IOException {
        MapNode root = YamlConfigReader.read(write("""
                zeta: 1
                alpha: [a, 2]
                mid: {x: true}
                """));

        assertThat(root.entries().keySet()).containsExactly("zeta", "alpha", "mid");
        assertThat(root.toPlain()).isEqualTo(Map.of(
                "zeta", 1L, "alpha", List.of("a", 2L), "mid", Map.of("x", true)));
    }

    @Test
    void givesEachNodeItsPathAndOneBasedLine() throws IOException {
        Path file = write("""
                name: demo
                fusion:
                  name: concat
                  dim: 64
                objectives:
                  - name: cross-entropy
                  - name: supcon
                    temperature: 0.1
                empty:
                """);
        MapNode root = YamlConfigReader.read(file);

        assertThat(root.path()).isEmpty();
        assertThat(root.where()).isEqualTo("the pipeline (" + file + ":1)");
        ScalarNode name = scalar(root, "name");
        assertThat(name.path()).isEqualTo("name");
        assertThat(name.origin()).isEqualTo(file + ":1");

        MapNode fusion = (MapNode) root.find("fusion").orElseThrow();
        assertThat(fusion.path()).isEqualTo("fusion");
        assertThat(scalar(fusion, "dim").path()).isEqualTo("fusion.dim");
        assertThat(scalar(fusion, "dim").origin()).isEqualTo(file + ":4");

        ListNode objectives = (ListNode) root.find("objectives").orElseThrow();
        assertThat(objectives.path()).isEqualTo("objectives");
        assertThat(objectives.items()).hasSize(2);
        MapNode second = (MapNode) objectives.items().get(1);
        assertThat(second.path()).isEqualTo("objectives[1]");
        assertThat(second.origin()).isEqualTo(file + ":7");
        ScalarNode temperature = scalar(second, "temperature");
        assertThat(temperature.path()).isEqualTo("objectives[1].temperature");
        assertThat(temperature.origin()).isEqualTo(file + ":8");
        assertThat(temperature.where())
                .isEqualTo("objectives[1].temperature (" + file + ":8)");
        assertThat(scalar((MapNode) objectives.items().get(0), "name").path())
                .isEqualTo("objectives[0].name");

        // An empty value is reported on the line of its key, not the next one.
        assertThat(scalar(root, "empty").origin()).isEqualTo(file + ":9");
    }

    @Test
    void aSyntaxErrorNamesTheFileAndLine() throws IOException {
        Path file = write("""
                name: demo
                fusion:
                  name: concat
                train: [1, 2
                weighting: fixed
                """);

        assertThatThrownBy(() -> YamlConfigReader.read(file))
                .isExactlyInstanceOf(UserInputException.class)
                .hasMessageStartingWith(file + ":")
                .hasMessageContaining("not valid YAML");

        Path indented = write("""
                name: demo
                fusion:
                  name: concat
                    dim: 3
                """);
        assertThatThrownBy(() -> YamlConfigReader.read(indented))
                .isExactlyInstanceOf(UserInputException.class)
                .hasMessageStartingWith(indented + ":4: not valid YAML");
    }

    @Test
    void aTabIndentIsASyntaxErrorOnItsLine() throws IOException {
        Path file = write("name: demo\nfusion:\n\tname: concat\n");

        assertThatThrownBy(() -> YamlConfigReader.read(file))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith(file + ":3: not valid YAML");
    }

    @Test
    void aDuplicateKeyIsAnError() throws IOException {
        Path file = write("""
                name: demo
                train:
                  epochs: 3
                  epochs: 5
                """);

        assertThatThrownBy(() -> YamlConfigReader.read(file))
                .isExactlyInstanceOf(UserInputException.class)
                .hasMessage(file + ":4: key 'train.epochs' is also set at " + file + ":3;"
                        + " keep one");
    }

    @Test
    void aDuplicateTopLevelKeyIsAnError() throws IOException {
        Path file = write("""
                name: demo
                fusion: concat
                name: other
                """);

        assertThatThrownBy(() -> YamlConfigReader.read(file))
                .isExactlyInstanceOf(UserInputException.class)
                .hasMessage(file + ":3: key 'name' is also set at " + file + ":1; keep one");
    }

    @Test
    void aDuplicateKeyInASetValueIsAnError() {
        assertThatThrownBy(() -> YamlConfigReader.parseValue("{dim: 3, dim: 4}", "fusion",
                "--set fusion={dim: 3, dim: 4}"))
                .isExactlyInstanceOf(UserInputException.class)
                .hasMessageContaining("key 'fusion.dim' is also set at");
    }

    @Test
    void aMissingFileSaysItDoesNotExist() {
        Path file = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> YamlConfigReader.read(file))
                .isExactlyInstanceOf(UserInputException.class)
                .hasMessage("pipeline file " + file + " does not exist");
    }

    @Test
    void aTopLevelListIsRefused() throws IOException {
        Path file = write("""
                - name: demo
                - fusion: concat
                """);

        assertThatThrownBy(() -> YamlConfigReader.read(file))
                .isExactlyInstanceOf(UserInputException.class)
                .hasMessageContaining(file + " must be a YAML mapping")
                .hasMessageEndingWith("but it is a list");
    }

    @Test
    void anEmptyFileIsRefused() throws IOException {
        Path file = write("# only a comment\n");

        assertThatThrownBy(() -> YamlConfigReader.read(file))
                .isExactlyInstanceOf(UserInputException.class)
                .hasMessageContaining("must be a YAML mapping")
                .hasMessageEndingWith("but it is nothing");
    }

    @Test
    void anUnknownTagIsAUserErrorWithItsLine() throws IOException {
        Path file = write("""
                name: demo
                fusion: !concat x
                """);

        assertThatThrownBy(() -> YamlConfigReader.read(file))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith(file + ":2");
    }

    @Test
    void aMergeKeyIsReadOrRefusedAsAUserError() throws IOException {
        Path file = write("""
                base: &base {dim: 3}
                fusion:
                  <<: *base
                  name: concat
                """);

        // Either merged, or refused as a user error on its line; never an internal failure.
        Throwable thrown = catchThrowable(() -> YamlConfigReader.read(file));
        if (thrown == null) {
            assertThat(YamlConfigReader.read(file).find("fusion").orElseThrow().toPlain())
                    .isEqualTo(Map.of("dim", 3L, "name", "concat"));
        } else {
            assertThat(thrown).isInstanceOf(UserInputException.class)
                    .hasMessageStartingWith(file + ":3");
        }
    }

    @Test
    void aDateLikeScalarStaysAString() throws IOException {
        MapNode root = YamlConfigReader.read(write("name: 2024-01-01\n"));

        assertThat(scalar(root, "name").value()).isEqualTo("2024-01-01");
    }

    @Test
    void parseValueUsesTheGivenPathAndOriginForEveryNode() {
        ConfigNode node = YamlConfigReader.parseValue("{dim: 3, tags: [a]}", "fusion",
                "--set fusion={dim: 3, tags: [a]}");

        MapNode map = (MapNode) node;
        assertThat(map.path()).isEqualTo("fusion");
        assertThat(map.origin()).isEqualTo("--set fusion={dim: 3, tags: [a]}");
        ScalarNode dim = scalar(map, "dim");
        assertThat(dim.path()).isEqualTo("fusion.dim");
        assertThat(dim.value()).isEqualTo(3L);
        assertThat(dim.origin()).isEqualTo("--set fusion={dim: 3, tags: [a]}");
        ListNode tags = (ListNode) map.find("tags").orElseThrow();
        assertThat(tags.items().get(0).path()).isEqualTo("fusion.tags[0]");
    }

    @Test
    void describeNamesTheKindOfNode() {
        assertThat(ConfigNode.describe(new MapNode("a", "o", Map.of()))).isEqualTo("a mapping");
        assertThat(ConfigNode.describe(new ListNode("a", "o", List.of()))).isEqualTo("a list");
        assertThat(ConfigNode.describe(new ScalarNode("a", "o", 3L))).isEqualTo("'3'");
        assertThat(ConfigNode.describe(new ScalarNode("a", "o", null))).isEqualTo("nothing");
    }
}
