package ai.braid.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.runtime.config.ConfigNode.MapNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionValidatorTest {

    private static final OptionSchema SCHEMA = OptionSchema.builder()
            .addInteger("dim", 128, 1, 1 << 16, "width")
            .addNumber("lr", 1e-3, 0, 10, "learning rate")
            .addBoolean("norm", true, "normalise")
            .addString("label", "x", "a label")
            .addChoice("pooling", "cls", List.of("cls", "mean", "max"), "pooling")
            .addStringList("tags", List.of("a"), "tags")
            .addPath("cache", "cache-dir", "cache folder")
            .build();

    @TempDir
    Path dir;

    private Path file;

    /** Writes {@code fusion:} with the given option lines (each indented) at line 2 onwards. */
    private MapNode fusion(String... optionLines) throws IOException {
        StringBuilder yaml = new StringBuilder("name: demo\nfusion:\n  name: concat\n");
        for (String line : optionLines) {
            yaml.append("  ").append(line).append('\n');
        }
        file = dir.resolve("p.yaml");
        Files.writeString(file, yaml);
        return (MapNode) YamlConfigReader.read(file).find("fusion").orElseThrow();
    }

    private static ComponentConfig validate(MapNode declaration, OptionSchema schema,
            Problems problems) {
        return OptionValidator.validate("concat", declaration, Set.of("name"), schema, problems);
    }

    private List<ConfigProblem> problemsOf(MapNode declaration, OptionSchema schema) {
        Problems problems = new Problems(file.toString());
        validate(declaration, schema, problems);
        assertThat(problems.isEmpty()).as("problems recorded").isFalse();
        return catchThrowableOfType(ConfigException.class, problems::throwIfAny).problems();
    }

    @Test
    void fillsTypedDefaultsForAbsentOptions() throws IOException {
        Problems problems = new Problems("p.yaml");
        ComponentConfig config = validate(fusion(), SCHEMA, problems);

        assertThat(problems.isEmpty()).isTrue();
        assertThat(config.component()).isEqualTo("concat");
        assertThat(config.yamlPath()).isEqualTo("fusion");
        assertThat(config.values()).containsOnlyKeys(
                "dim", "lr", "norm", "label", "pooling", "tags", "cache");
        assertThat(config.getLong("dim")).isEqualTo(128L);
        assertThat(config.getInt("dim")).isEqualTo(128);
        assertThat(config.getDouble("lr")).isEqualTo(1e-3);
        assertThat(config.getBoolean("norm")).isTrue();
        assertThat(config.getString("pooling")).isEqualTo("cls");
        assertThat(config.getStringList("tags")).containsExactly("a");
        assertThat(config.getPath("cache"))
                .isEqualTo(Path.of("cache-dir").toAbsolutePath().normalize());
        assertThat(config.where("dim")).isEqualTo("fusion.dim (default)");
    }

    @Test
    void takesValuesFromTheFileWithTheirOrigin() throws IOException {
        Problems problems = new Problems("p.yaml");
        ComponentConfig config = validate(fusion(
                "dim: 64", "lr: 3", "norm: false", "label: 7", "pooling: mean",
                "tags: [b, 2]", "cache: some/../dir"), SCHEMA, problems);

        assertThat(problems.isEmpty()).isTrue();
        assertThat(config.getLong("dim")).isEqualTo(64L);
        assertThat(config.values().get("lr")).isEqualTo(3.0);
        assertThat(config.getBoolean("norm")).isFalse();
        assertThat(config.getString("label")).isEqualTo("7");
        assertThat(config.getString("pooling")).isEqualTo("mean");
        assertThat(config.getStringList("tags")).containsExactly("b", "2");
        assertThat(config.getPath("cache")).isEqualTo(Path.of("dir").toAbsolutePath());
        assertThat(config.values()).doesNotContainKey("name");
        assertThat(config.where("dim")).isEqualTo("fusion.dim (" + file + ":4)");
        assertThat(config.where("cache")).isEqualTo("fusion.cache (" + file + ":10)");
    }

    @Test
    void anEmptyValueMeansTheDefault() throws IOException {
        Problems problems = new Problems("p.yaml");
        ComponentConfig config = validate(fusion("dim:"), SCHEMA, problems);

        assertThat(problems.isEmpty()).isTrue();
        assertThat(config.getLong("dim")).isEqualTo(128L);
    }

    @Test
    void anIntegerOutOfRangeNamesTheExpectationPathAndLine() throws IOException {
        List<ConfigProblem> problems = problemsOf(fusion("dim: 0"), SCHEMA);

        assertThat(problems).containsExactly(new ConfigProblem(
                "fusion.dim (" + file + ":4)", "expected an integer in [1, 65536], got '0'"));
        assertThat(problems.get(0).toString())
                .isEqualTo("fusion.dim (" + file + ":4): expected an integer in [1, 65536],"
                        + " got '0'");
    }

    @Test
    void rangeBoundsAreInclusive() throws IOException {
        Problems problems = new Problems("p.yaml");
        ComponentConfig config = validate(fusion("dim: 65536", "lr: 0"), SCHEMA, problems);

        assertThat(problems.isEmpty()).isTrue();
        assertThat(config.getLong("dim")).isEqualTo(65536L);
        assertThat(config.getDouble("lr")).isZero();
        assertThat(problemsOf(fusion("dim: 65537"), SCHEMA)).hasSize(1);
    }

    @Test
    void anIntegerRefusesFractionsAndStrings() throws IOException {
        assertThat(problemsOf(fusion("dim: 2.5"), SCHEMA)).extracting(ConfigProblem::message)
                .containsExactly("expected an integer in [1, 65536], got '2.5'");
        assertThat(problemsOf(fusion("dim: \"64\""), SCHEMA)).extracting(ConfigProblem::message)
                .containsExactly("expected an integer in [1, 65536], got '64'");
        assertThat(problemsOf(fusion("dim: [64]"), SCHEMA)).extracting(ConfigProblem::message)
                .containsExactly("expected an integer in [1, 65536], got a list");
    }

    @Test
    void aNumberAcceptsAnExponentWrittenAsAString() throws IOException {
        MapNode declaration = fusion("lr: \"2e-5\"");
        assertThat(((ConfigNode.ScalarNode) declaration.find("lr").orElseThrow()).value())
                .isInstanceOf(String.class);
        Problems problems = new Problems("p.yaml");

        ComponentConfig config = validate(declaration, SCHEMA, problems);

        assertThat(problems.isEmpty()).isTrue();
        assertThat(config.getDouble("lr")).isEqualTo(2e-5);
    }

    @Test
    void aNumberRefusesTextNaNAndValuesOutOfRange() throws IOException {
        assertThat(problemsOf(fusion("lr: fast"), SCHEMA)).extracting(ConfigProblem::message)
                .containsExactly("expected a number in [0, 10], got 'fast'");
        assertThat(problemsOf(fusion("lr: .nan"), SCHEMA)).extracting(ConfigProblem::message)
                .containsExactly("expected a number in [0, 10], got 'NaN'");
        assertThat(problemsOf(fusion("lr: 10.5"), SCHEMA)).extracting(ConfigProblem::message)
                .containsExactly("expected a number in [0, 10], got '10.5'");
        assertThat(problemsOf(fusion("lr: -1e-3"), SCHEMA)).hasSize(1);
    }

    @Test
    void aBooleanRefusesOtherScalars() throws IOException {
        assertThat(problemsOf(fusion("norm: 1"), SCHEMA)).extracting(ConfigProblem::message)
                .containsExactly("expected true or false, got '1'");
    }

    @Test
    void aStringRefusesABoolean() throws IOException {
        assertThat(problemsOf(fusion("label: true"), SCHEMA)).extracting(ConfigProblem::message)
                .containsExactly("expected a string, got 'true'");
    }

    @Test
    void aStringListRefusesAScalarAndNamesTheBadItem() throws IOException {
        assertThat(problemsOf(fusion("tags: a"), SCHEMA)).extracting(ConfigProblem::message)
                .containsExactly("expected a list of strings, got 'a'");
        assertThat(problemsOf(fusion("tags: [a, {b: 1}]"), SCHEMA)).containsExactly(
                new ConfigProblem("fusion.tags[1] (" + file + ":4)",
                        "expected a string, got a mapping"));
    }

    @Test
    void aStringMapKeepsTheFileOrderAndNamesTheBadEntry() throws IOException {
        OptionSchema schema = OptionSchema.builder()
                .addStringMap("experts", Map.of(), "modality to expert").build();
        Problems problems = new Problems("p.yaml");
        ComponentConfig config = validate(fusion("experts: {text: language, image: vision,"
                + " ocr: 3}"), schema, problems);

        assertThat(problems.isEmpty()).isTrue();
        assertThat(config.getStringMap("experts")).containsExactly(Map.entry("text", "language"),
                Map.entry("image", "vision"), Map.entry("ocr", "3"));
        assertThat(validate(fusion(), schema, new Problems("p.yaml")).getStringMap("experts"))
                .isEmpty();
        assertThat(problemsOf(fusion("experts: [a, b]"), schema))
                .extracting(ConfigProblem::message)
                .containsExactly("expected a mapping of names to strings, got a list");
        assertThat(problemsOf(fusion("experts: {text: [a]}"), schema)).containsExactly(
                new ConfigProblem("fusion.experts.text (" + file + ":4)",
                        "expected a string, got a list"));
    }

    @Test
    void aWrongChoiceSuggestsTheNearest() throws IOException {
        List<ConfigProblem> problems = problemsOf(fusion("pooling: men"), SCHEMA);

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).where()).isEqualTo("fusion.pooling (" + file + ":4)");
        assertThat(problems.get(0).message()).isEqualTo(
                "unknown value 'men'. Did you mean 'mean'? Expected one of: cls, mean, max");
    }

    @Test
    void aTransposedShortChoiceIsTooFarToSuggest() throws IOException {
        // Levenshtein counts a swap as two edits; four letters allow one.
        assertThat(problemsOf(fusion("pooling: maen"), SCHEMA)).extracting(ConfigProblem::message)
                .containsExactly("unknown value 'maen'. Expected one of: cls, mean, max");
    }

    @Test
    void anUnknownOptionSuggestsTheNearestDeclaredOne() throws IOException {
        List<ConfigProblem> problems = problemsOf(fusion("dim: 8", "dimm: 8"), SCHEMA);

        assertThat(problems).containsExactly(new ConfigProblem(
                "fusion.dimm (" + file + ":5)",
                "unknown option of 'concat' 'dimm'. Did you mean 'dim'? Its options: dim, lr,"
                        + " norm, label, pooling, tags, cache"));
    }

    @Test
    void anOptionOfAComponentWithoutOptionsIsReported() throws IOException {
        List<ConfigProblem> problems = problemsOf(fusion("dim: 8"), OptionSchema.EMPTY);

        assertThat(problems).extracting(ConfigProblem::message)
                .containsExactly("unknown option of 'concat' 'dim'. It takes no options.");
    }

    @Test
    void reservedKeysAreNotOptions() throws IOException {
        Problems problems = new Problems("p.yaml");
        OptionValidator.validate("concat", fusion("weight: 2"), Set.of("name", "weight"),
                OptionSchema.EMPTY, problems);

        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void aMissingRequiredOptionIsReportedAtTheComponent() throws IOException {
        OptionSchema schema = OptionSchema.builder()
                .addPath("path", null, "the data file")
                .addInteger("size", null, 1, 10, "how many")
                .build();

        List<ConfigProblem> problems = problemsOf(fusion("size:"), schema);

        assertThat(problems).containsExactly(
                new ConfigProblem("fusion.path (" + file + ":3)",
                        "'concat' needs option 'path': a path (the data file)"),
                new ConfigProblem("fusion.size (" + file + ":3)",
                        "'concat' needs option 'size': an integer in [1, 10] (how many)"));
    }

    @Test
    void reportsEveryProblemOfOneComponent() throws IOException {
        List<ConfigProblem> problems = problemsOf(
                fusion("dim: 0", "lr: x", "pooling: avg", "extra: 1"), SCHEMA);

        assertThat(problems).extracting(ConfigProblem::where).containsExactlyInAnyOrder(
                "fusion.dim (" + file + ":4)", "fusion.lr (" + file + ":5)",
                "fusion.pooling (" + file + ":6)", "fusion.extra (" + file + ":7)");
    }

    @Test
    void aConfigExceptionListsEveryProblem() {
        ConfigException error = new ConfigException("p.yaml", List.of(
                new ConfigProblem("a (p.yaml:1)", "bad"),
                new ConfigProblem("b (p.yaml:2)", "worse")));

        assertThat(error).hasMessage(
                "p.yaml is not a valid pipeline (2 problems):\n  a (p.yaml:1): bad\n"
                        + "  b (p.yaml:2): worse");
        assertThat(new ConfigException("p.yaml", List.of(new ConfigProblem("a", "bad"))))
                .hasMessage("p.yaml is not a valid pipeline (1 problem):\n  a: bad");
        assertThatCode(() -> new Problems("p.yaml").throwIfAny()).doesNotThrowAnyException();
    }

    @Test
    void valuesOfTheConfigAreDeclaredOptionsOnly() throws IOException {
        Problems problems = new Problems("p.yaml");
        ComponentConfig config = validate(fusion("dim: 8"), SCHEMA, problems);

        assertThat(config.values()).isEqualTo(Map.of("dim", 8L, "lr", 1e-3, "norm", true,
                "label", "x", "pooling", "cls", "tags", List.of("a"),
                "cache", Path.of("cache-dir").toAbsolutePath().normalize()));
    }
}
