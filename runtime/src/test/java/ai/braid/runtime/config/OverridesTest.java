package ai.braid.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import ai.braid.runtime.config.ConfigNode.ListNode;
import ai.braid.runtime.config.ConfigNode.MapNode;
import ai.braid.runtime.config.ConfigNode.ScalarNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverridesTest {

    @TempDir
    Path dir;

    private Path file;
    private MapNode root;

    @BeforeEach
    void readPipeline() throws IOException {
        file = dir.resolve("p.yaml");
        Files.writeString(file, """
                name: demo
                fusion: concat
                train:
                  epochs: 3
                objectives:
                  - name: cross-entropy
                  - name: supcon
                    weight: 0.5
                """);
        root = YamlConfigReader.read(file);
    }

    private static ConfigNode at(ConfigNode node, Object... steps) {
        ConfigNode current = node;
        for (Object step : steps) {
            current = step instanceof Integer index
                    ? ((ListNode) current).items().get(index)
                    : ((MapNode) current).find((String) step).orElseThrow(
                            () -> new AssertionError("no key " + step));
        }
        return current;
    }

    private static Object value(ConfigNode node, Object... steps) {
        return ((ScalarNode) at(node, steps)).value();
    }

    @Test
    void setsANestedKeyWithItsPathAndTheSetAsOrigin() {
        MapNode result = Overrides.apply(root, List.of("train.epochs=7"));

        ScalarNode epochs = (ScalarNode) at(result, "train", "epochs");
        assertThat(epochs.value()).isEqualTo(7L);
        assertThat(epochs.path()).isEqualTo("train.epochs");
        assertThat(epochs.origin()).isEqualTo("--set train.epochs=7");
        assertThat(epochs.where()).isEqualTo("train.epochs (--set train.epochs=7)");
        // The mapping around it still points at the file.
        assertThat(at(result, "train").origin()).isEqualTo(file + ":4");
    }

    @Test
    void leavesTheInputTreeUntouched() {
        Overrides.apply(root, List.of("train.epochs=7", "name=other"));

        assertThat(value(root, "train", "epochs")).isEqualTo(3L);
        assertThat(value(root, "name")).isEqualTo("demo");
    }

    @Test
    void appliesAssignmentsInOrder() {
        MapNode result = Overrides.apply(root, List.of("train.epochs=7", "train.epochs=9"));

        assertThat(value(result, "train", "epochs")).isEqualTo(9L);
        assertThat(at(result, "train", "epochs").origin()).isEqualTo("--set train.epochs=9");
    }

    @Test
    void addressesListItemsWithBracketsOrDots() {
        MapNode brackets = Overrides.apply(root, List.of("objectives[1].weight=2"));
        MapNode dots = Overrides.apply(root, List.of("objectives.1.weight=3"));

        assertThat(value(brackets, "objectives", 1, "weight")).isEqualTo(2L);
        assertThat(value(dots, "objectives", 1, "weight")).isEqualTo(3L);
        // Both spellings give the canonical path.
        assertThat(at(brackets, "objectives", 1, "weight").path())
                .isEqualTo("objectives[1].weight");
        assertThat(at(dots, "objectives", 1, "weight").path())
                .isEqualTo("objectives[1].weight");
        // The other item is unchanged.
        assertThat(value(dots, "objectives", 0, "name")).isEqualTo("cross-entropy");
        assertThat(value(dots, "objectives", 1, "name")).isEqualTo("supcon");
    }

    @Test
    void addsAKeyToAListItem() {
        MapNode result = Overrides.apply(root, List.of("objectives[0].weight=0.25"));

        assertThat(value(result, "objectives", 0, "weight")).isEqualTo(0.25);
        assertThat(((ListNode) at(result, "objectives")).items()).hasSize(2);
    }

    @Test
    void createsMissingMappingsOnTheWay() {
        MapNode result = Overrides.apply(root, List.of("data.reader.options.size=10"));

        MapNode data = (MapNode) at(result, "data");
        assertThat(data.path()).isEqualTo("data");
        assertThat(data.origin()).isEqualTo("--set data.reader.options.size=10");
        assertThat(at(result, "data", "reader", "options").path())
                .isEqualTo("data.reader.options");
        assertThat(value(result, "data", "reader", "options", "size")).isEqualTo(10L);
        assertThat(at(result, "data", "reader", "options", "size").path())
                .isEqualTo("data.reader.options.size");
    }

    @Test
    void valuesAreTypedAsYaml() {
        MapNode result = Overrides.apply(root, List.of(
                "a=3", "b=0.5", "c=true", "d=text", "e=[x, y]", "f={k: 1}", "g=", "h='3'"));

        assertThat(value(result, "a")).isEqualTo(3L);
        assertThat(value(result, "b")).isEqualTo(0.5);
        assertThat(value(result, "c")).isEqualTo(true);
        assertThat(value(result, "d")).isEqualTo("text");
        ListNode list = (ListNode) at(result, "e");
        assertThat(list.toPlain()).isEqualTo(List.of("x", "y"));
        assertThat(list.items().get(1).path()).isEqualTo("e[1]");
        assertThat(at(result, "f").toPlain()).isEqualTo(Map.of("k", 1L));
        assertThat(value(result, "g")).isNull();
        assertThat(value(result, "h")).isEqualTo("3");
    }

    @Test
    void aValueMayContainEqualsSigns() {
        MapNode result = Overrides.apply(root, List.of("description=a=b"));

        assertThat(value(result, "description")).isEqualTo("a=b");
    }

    @Test
    void replacesAWholeListByAnEmptyOne() {
        MapNode result = Overrides.apply(root, List.of("objectives=[]"));

        assertThat(((ListNode) at(result, "objectives")).items()).isEmpty();
    }

    @Test
    void settingAnOptionOfABareNameTurnsItIntoAMapping() {
        MapNode result = Overrides.apply(root, List.of("fusion.dim=16"));

        MapNode fusion = (MapNode) at(result, "fusion");
        assertThat(fusion.toPlain()).isEqualTo(Map.of("name", "concat", "dim", 16L));
        assertThat(fusion.entries().keySet()).containsExactly("name", "dim");
        ScalarNode name = (ScalarNode) at(fusion, "name");
        assertThat(name.path()).isEqualTo("fusion.name");
        assertThat(name.origin()).isEqualTo(file + ":2");
        assertThat(at(fusion, "dim").origin()).isEqualTo("--set fusion.dim=16");
        assertThat(at(fusion, "dim").path()).isEqualTo("fusion.dim");
    }

    @Test
    void settingAnOptionOfABareListItemTurnsItIntoAMapping() {
        MapNode bare = Overrides.apply(root, List.of("objectives=[cross-entropy, supcon]"));

        MapNode result = Overrides.apply(bare, List.of("objectives[1].weight=2"));

        assertThat(at(result, "objectives").toPlain()).isEqualTo(List.of(
                "cross-entropy", Map.of("name", "supcon", "weight", 2L)));
        assertThat(at(result, "objectives", 1).path()).isEqualTo("objectives[1]");
        assertThat(at(result, "objectives", 1, "name").path()).isEqualTo("objectives[1].name");
    }

    @Test
    void settingTheNameOfABareNameReplacesIt() {
        MapNode result = Overrides.apply(root, List.of("fusion.name=other"));

        assertThat(at(result, "fusion").toPlain()).isEqualTo(Map.of("name", "other"));
        assertThat(at(result, "fusion", "name").origin()).isEqualTo("--set fusion.name=other");
    }

    @Test
    void aMalformedAssignmentIsRefused() {
        assertThatThrownBy(() -> Overrides.apply(root, List.of("train.epochs")))
                .isExactlyInstanceOf(UserInputException.class)
                .hasMessage("--set train.epochs: expected key.path=value, e.g. --set"
                        + " train.epochs=3");
        assertThatThrownBy(() -> Overrides.apply(root, List.of("=3")))
                .isExactlyInstanceOf(UserInputException.class)
                .hasMessageContaining("expected key.path=value");
    }

    @Test
    void aMalformedKeyPathIsRefused() {
        assertThatThrownBy(() -> Overrides.apply(root, List.of("train..epochs=3")))
                .isExactlyInstanceOf(UserInputException.class)
                .hasMessageContaining("'train..epochs' is not a key path");
        assertThatThrownBy(() -> Overrides.apply(root, List.of("objectives[x].weight=3")))
                .isExactlyInstanceOf(UserInputException.class)
                .hasMessageContaining("is not a key path");
    }

    @Test
    void anIndexPastTheEndIsRefused() {
        assertThatThrownBy(() -> Overrides.apply(root, List.of("objectives[2].weight=1")))
                .isExactlyInstanceOf(UserInputException.class)
                .hasMessageContaining("--set objectives[2].weight=1")
                .hasMessageContaining("objectives (" + file + ":6) has 2 items; index 2 is past"
                        + " its end");
    }

    @Test
    void aKeyOnAListIsRefused() {
        assertThatThrownBy(() -> Overrides.apply(root, List.of("objectives.weight=1")))
                .isExactlyInstanceOf(UserInputException.class)
                .hasMessageContaining("is a list; address its items by index");
    }

    @Test
    void aPathThroughAScalarIsRefused() {
        assertThatThrownBy(() -> Overrides.apply(root, List.of("name.first.second=1")))
                .isExactlyInstanceOf(UserInputException.class)
                .hasMessageContaining("name (" + file + ":1) is 'demo', so it has no key"
                        + " 'first'");
    }

    @Test
    void anInvalidValueNamesTheAssignment() {
        assertThatThrownBy(() -> Overrides.apply(root, List.of("train.epochs=[1,")))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("--set train.epochs=[1,")
                .hasMessageContaining("not valid YAML");
    }
}
