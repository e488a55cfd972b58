package ai.braid.runtime.pipeline;

import static ai.braid.runtime.pipeline.TestPipelines.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import ai.braid.api.UserInputException;
import ai.braid.api.data.Modality;
import ai.braid.runtime.BraidRuntime;
import ai.braid.runtime.config.ConfigException;
import ai.braid.runtime.config.ConfigProblem;
import ai.braid.runtime.config.YamlConfigReader;
import ai.braid.runtime.plugin.LoadedPlugin;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineParserTest {

    /** A valid pipeline; the line numbers below refer to it. */
    private static final String VALID = """
            name: demo
            task: classification
            data:
              reader: vectors
              size: 6
            projectors:
              vector: vector-tokens
            fusion:
              name: concat
              dim: 16
            """;

    @TempDir
    static Path shared;

    private static BraidRuntime runtime;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadRuntime() {
        runtime = TestPipelines.load(shared);
    }

    private Path write(String yaml) {
        return TestPipelines.write(dir, "pipeline.yaml", yaml);
    }

    private PipelineSpec resolve(Path file, String... overrides) {
        return runtime.resolve(file, List.of(overrides));
    }

    private List<ConfigProblem> problemsOf(Path file, String... overrides) {
        return problems(() -> resolve(file, overrides));
    }

    @Test
    void theRegistryHoldsTheCoreAndTheTestPlugin() {
        assertThat(runtime.registry().plugins()).extracting(LoadedPlugin::name)
                .contains("core", "test-fixtures");
    }

    @Test
    void parsesAValidPipeline() {
        Path file = write(VALID);

        PipelineSpec spec = resolve(file);

        assertThat(spec.file()).isEqualTo(file);
        assertThat(spec.name()).isEqualTo("demo");
        assertThat(spec.task().component().name()).isEqualTo("classification");
        assertThat(spec.task().config().getString("target")).isEqualTo("label");
        assertThat(spec.data().component().name()).isEqualTo("vectors");
        assertThat(spec.data().config().yamlPath()).isEqualTo("data");
        assertThat(spec.data().config().getInt("size")).isEqualTo(6);
        assertThat(spec.data().config().where("size")).isEqualTo("data.size (" + file + ":5)");
        assertThat(spec.extractors()).isEmpty();
        assertThat(spec.projectors()).hasSize(1);
        PipelineSpec.Projector projector = spec.projectors().get(0);
        assertThat(projector.modality()).isEqualTo(Modality.of("vector"));
        assertThat(projector.sharedWith()).isNull();
        assertThat(projector.choice().component().name()).isEqualTo("vector-tokens");
        assertThat(projector.choice().config().yamlPath()).isEqualTo("projectors.vector");
        assertThat(projector.choice().config().getInt("dim")).isEqualTo(8);
        assertThat(spec.fusion().component().name()).isEqualTo("concat");
        assertThat(spec.fusion().config().getInt("dim")).isEqualTo(16);
        assertThat(spec.objectives()).isEmpty();
        assertThat(spec.weighting().component().name()).isEqualTo("fixed");
    }

    @Test
    void theResolvedMapHoldsEveryDefault() {
        Map<String, Object> resolved = resolve(write(VALID)).toResolvedMap();

        assertThat(resolved.get("name")).isEqualTo("demo");
        assertThat(resolved.get("task")).isEqualTo(Map.of("name", "classification",
                "target", "label", "hidden", 0L, "dropout", 0.0, "modalityEmbeddings", false));
        assertThat(resolved.get("data")).isEqualTo(Map.of("reader", "vectors", "size", 6L,
                "length", 4L, "classes", 3L, "nanSample", -1L, "file", ""));
        assertThat(resolved.get("projectors")).isEqualTo(Map.of("vector",
                Map.of("name", "vector-tokens", "dim", 8L)));
        assertThat(resolved.get("fusion")).isEqualTo(Map.of("name", "concat", "dim", 16L));
        assertThat(resolved.get("weighting")).isEqualTo(Map.of("name", "fixed"));
        assertThat(resolved.get("train")).asInstanceOf(MAP).containsEntry("epochs", 10L);
    }

    @Test
    void aMisspeltFusionIsReportedAtItsNameWithASuggestion() {
        Path file = write(VALID.replace("name: concat", "name: conact"));

        List<ConfigProblem> problems = problemsOf(file);

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).where()).isEqualTo("fusion.name (" + file + ":9)");
        assertThat(problems.get(0).message()).contains("Did you mean 'concat'?")
                .startsWith("unknown fusion 'conact'.")
                .contains("Available: concat");
    }

    @Test
    void theExceptionMessageNamesTheFileAndTheProblem() {
        Path file = write(VALID.replace("name: concat", "name: conact"));

        assertThatThrownBy(() -> resolve(file))
                .isInstanceOf(ConfigException.class)
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith(file + " is not a valid pipeline (1 problem):")
                .hasMessageContaining("\n  fusion.name (" + file + ":9): unknown fusion"
                        + " 'conact'. Did you mean 'concat'?");
    }

    @Test
    void aMisspeltBareNameIsReportedAtItsSection() {
        Path file = write(VALID.replace("task: classification", "task: clasification"));

        assertThat(problemsOf(file)).containsExactly(new ConfigProblem(
                "task (" + file + ":2)", "unknown task 'clasification'. Did you mean"
                        + " 'classification'? Available: classification"));
    }

    @Test
    void aNameMisspeltThroughSetNamesTheSet() {
        Path file = write(VALID);

        List<ConfigProblem> problems = problemsOf(file, "fusion.name=concta");

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).where())
                .isEqualTo("fusion.name (--set fusion.name=concta)");
        assertThat(problems.get(0).message()).contains("unknown fusion 'concta'")
                .contains("Did you mean 'concat'?");
    }

    @Test
    void anOptionSetOnABareNameIsValidated() {
        Path file = write(VALID.replace("""
                fusion:
                  name: concat
                  dim: 16
                """, "fusion: concat\n"));

        assertThat(resolve(file, "fusion.dim=32").fusion().config().getInt("dim"))
                .isEqualTo(32);
        assertThat(problemsOf(file, "fusion.dim=0")).containsExactly(new ConfigProblem(
                "fusion.dim (--set fusion.dim=0)", "expected an integer in [1, 65536], got '0'"));
    }

    @Test
    void anOptionSetOnABareReaderIsValidated() {
        Path file = write(VALID.replace("""
                data:
                  reader: vectors
                  size: 6
                """, "data: vectors\n"));

        assertThat(resolve(file, "data.size=10").data().config().getInt("size")).isEqualTo(10);
    }

    @Test
    void anUnknownSectionSuggestsTheNearest() {
        Path file = write(VALID + "objective:\n  - cross-entropy\n");

        List<ConfigProblem> problems = problemsOf(file);

        assertThat(problems).hasSize(1);
        // A block value is located where it starts: the list item below the key.
        assertThat(problems.get(0).where()).isEqualTo("objective (" + file + ":12)");
        assertThat(problems.get(0).message()).isEqualTo("unknown section 'objective'. Did you"
                + " mean 'objectives'? Sections: name, description, task, data, extractors,"
                + " projectors, fusion, objectives, weighting, train");
    }

    @Test
    void aNegativeEpochCountIsOutOfRange() {
        Path file = write(VALID + "train:\n  epochs: -1\n");

        assertThat(problemsOf(file)).containsExactly(new ConfigProblem(
                "train.epochs (" + file + ":12)", "expected an integer in [0, 1000000], got '-1'"));
    }

    @Test
    void aNegativeEpochCountThroughSetIsOutOfRange() {
        assertThat(problemsOf(write(VALID), "train.epochs=-1")).containsExactly(
                new ConfigProblem("train.epochs (--set train.epochs=-1)",
                        "expected an integer in [0, 1000000], got '-1'"));
    }

    @Test
    void zeroEpochsAreAllowed() {
        assertThat(resolve(write(VALID + "train:\n  epochs: 0\n")).train().epochs()).isZero();
    }

    @Test
    void aMisspeltWeightingSuggestsTheNearest() {
        Path file = write(VALID + "weighting: mgdaa\n");

        assertThat(problemsOf(file)).containsExactly(new ConfigProblem(
                "weighting (" + file + ":11)",
                "unknown weighting 'mgdaa'. Did you mean 'mgda'? Available: fixed, mgda"));
    }

    @Test
    void aValidWeightingIsKept() {
        assertThat(resolve(write(VALID + "weighting: mgda\n")).weighting().component().name())
                .isEqualTo("mgda");
    }

    @Test
    void reportsEveryProblemTogether() {
        Path file = write("""
                name: demo
                task: classification
                data:
                  reader: vectors
                  size: 0
                projectors:
                  vector: vector-tokns
                fusion:
                  name: conact
                objectives:
                  - name: cross-entropy
                    weight: -1
                weighting: mgdaa
                train:
                  epochs: -1
                  optimiser: sgd
                trian: {}
                """);

        assertThat(problemsOf(file)).extracting(ConfigProblem::where).containsExactlyInAnyOrder(
                "trian (" + file + ":17)",
                "data.size (" + file + ":5)",
                "projectors.vector (" + file + ":7)",
                "fusion.name (" + file + ":9)",
                "objectives[0].weight (" + file + ":12)",
                "weighting (" + file + ":13)",
                "train.epochs (" + file + ":15)",
                "train.optimiser (" + file + ":16)");
    }

    @Test
    void missingSectionsAreReportedAtThePipeline() {
        Path file = write("description: nothing yet\n");

        List<ConfigProblem> problems = problemsOf(file);

        assertThat(problems).extracting(ConfigProblem::where).containsExactly(
                "name (" + file + ":1)", "task (" + file + ":1)", "data (" + file + ":1)",
                "projectors (" + file + ":1)", "fusion (" + file + ":1)");
        assertThat(problems.get(1).message()).isEqualTo(
                "missing; name a task: available: classification");
        assertThat(problems.get(2).message()).isEqualTo(
                "missing; name a reader: available: vectors");
        assertThat(problems.get(3).message()).contains("projectors: { image: { name: ");
    }

    @Test
    void aComponentMappingWithoutItsNameKeyIsReported() {
        Path file = write(VALID.replace("reader: vectors", "name: vectors"));

        assertThat(problemsOf(file)).containsExactly(new ConfigProblem(
                "data (" + file + ":4)",
                "needs 'reader': the reader to use; available: vectors"));
    }

    @Test
    void aComponentGivenAsAListIsReported() {
        Path file = write(VALID.replace("task: classification", "task: [classification]"));

        assertThat(problemsOf(file)).containsExactly(new ConfigProblem(
                "task (" + file + ":2)",
                "expected a task name or a mapping with 'name', got a list"));
    }

    @Test
    void anUnknownOptionOfAComponentSuggestsTheNearest() {
        Path file = write(VALID.replace("dim: 16", "dimm: 16"));

        assertThat(problemsOf(file)).containsExactly(new ConfigProblem(
                "fusion.dimm (" + file + ":10)",
                "unknown option of 'concat' 'dimm'. Did you mean 'dim'? Its options: dim"));
    }

    @Test
    void aMisspeltProjectorIsReportedAtItsModality() {
        Path file = write(VALID.replace("vector: vector-tokens", "vector: vector-tokns"));

        List<ConfigProblem> problems = problemsOf(file);

        assertThat(problems).extracting(ConfigProblem::where)
                .containsExactly("projectors.vector (" + file + ":7)");
        assertThat(problems.get(0).message()).contains("Did you mean 'vector-tokens'?");
    }

    @Test
    void aModalityNameMustBeLowerCase() {
        Path file = write(VALID.replace("vector: vector-tokens", "Vector: vector-tokens"));

        assertThat(problemsOf(file)).singleElement().satisfies(problem -> {
            assertThat(problem.where()).isEqualTo("projectors.Vector (" + file + ":7)");
            assertThat(problem.message()).contains("modality name 'Vector' must match");
        });
    }

    @Test
    void anEmptyProjectorsSectionIsReported() {
        Path file = write(VALID.replace("vector: vector-tokens", "{}").replace(
                "projectors:\n  {}", "projectors: {}"));

        assertThat(problemsOf(file)).containsExactly(new ConfigProblem(
                "projectors (" + file + ":6)", "needs at least one modality with a projector"));
    }

    @Test
    void aModalityMayShareAnotherModalitysProjector() {
        Path file = write(VALID.replace("vector: vector-tokens",
                "vector: vector-tokens\n  mirror: {shareWith: vector}"));

        List<PipelineSpec.Projector> projectors = resolve(file).projectors();

        assertThat(projectors).hasSize(2);
        assertThat(projectors.get(1)).isEqualTo(new PipelineSpec.Projector(
                Modality.of("mirror"), null, Modality.of("vector")));
        assertThat(resolve(file).toResolvedMap().get("projectors")).isEqualTo(Map.of(
                "vector", Map.of("name", "vector-tokens", "dim", 8L),
                "mirror", Map.of("shareWith", "vector")));
    }

    @Test
    void aProjectorMayStartFromAnotherRunAndBeFrozen() {
        Path file = write(VALID.replace("vector: vector-tokens", """
                vector: {name: vector-tokens, dim: 4, init: runs/pre, freeze: true}
                  mirror: {name: vector-tokens, init: {path: /tmp/pre, modality: vector}}"""));

        List<PipelineSpec.Projector> projectors = resolve(file).projectors();

        assertThat(projectors.get(0).init()).isEqualTo(new PipelineSpec.ProjectorInit(
                Path.of("runs/pre").toAbsolutePath().normalize(), Modality.of("vector")));
        assertThat(projectors.get(0).freeze()).isTrue();
        assertThat(projectors.get(0).choice().config().getInt("dim")).isEqualTo(4);
        assertThat(projectors.get(1).init()).isEqualTo(new PipelineSpec.ProjectorInit(
                Path.of("/tmp/pre"), Modality.of("vector")));
        assertThat(projectors.get(1).freeze()).isFalse();
        assertThat(resolve(file).toResolvedMap().get("projectors")).isEqualTo(Map.of(
                "vector", Map.of("name", "vector-tokens", "dim", 4L, "freeze", true,
                        "init", Map.of("path", Path.of("runs/pre").toAbsolutePath()
                                .normalize().toString(), "modality", "vector")),
                "mirror", Map.of("name", "vector-tokens", "dim", 8L,
                        "init", Map.of("path", "/tmp/pre", "modality", "vector"))));
    }

    @Test
    void badInitAndFreezeValuesAreReportedAtTheirKeys() {
        Path file = write(VALID.replace("vector: vector-tokens", """
                vector: {name: vector-tokens, init: [a], freeze: yes please}
                  mirror: {name: vector-tokens, init: {modality: vector}}
                  caption: {shareWith: vector, init: runs/pre}"""));

        List<ConfigProblem> problems = problemsOf(file);

        assertThat(problems).extracting(ConfigProblem::where).containsExactlyInAnyOrder(
                "projectors.vector.init (" + file + ":7)",
                "projectors.vector.freeze (" + file + ":7)",
                "projectors.mirror.init (" + file + ":8)",
                "projectors.caption.init (" + file + ":9)");
        assertThat(problems.get(0).message()).startsWith("expected the --out folder of a braid"
                + " train run").endsWith("got a list");
        assertThat(problems.get(1).message()).isEqualTo(
                "expected true or false, got 'yes please'");
        assertThat(problems.get(2).message()).startsWith("needs 'path'");
    }

    @Test
    void sharingNeedsAModalityWithItsOwnProjectorAndNoOptions() {
        Path file = write(VALID.replace("vector: vector-tokens", """
                vector: vector-tokens
                  mirror: {shareWith: caption}
                  caption: {shareWith: vector, dim: 4}
                  other: {shareWith: mirror}"""));

        List<ConfigProblem> problems = problemsOf(file);

        assertThat(problems).extracting(ConfigProblem::where).containsExactlyInAnyOrder(
                "projectors.mirror.shareWith (" + file + ":8)",
                "projectors.caption.dim (" + file + ":9)",
                "projectors.other.shareWith (" + file + ":10)");
        assertThat(problems).extracting(ConfigProblem::message).anySatisfy(message ->
                assertThat(message).contains("those are [vector]"));
    }

    @Test
    void objectivesMayBeBareNamesOrMappingsWithWeights() {
        Path file = write(VALID + """
                objectives:
                  - cross-entropy
                """);
        PipelineSpec spec = resolve(file);

        assertThat(spec.objectives()).hasSize(1);
        assertThat(spec.objectives().get(0).weight()).isEqualTo(1.0);
        assertThat(spec.objectives().get(0).choice().component().name())
                .isEqualTo("cross-entropy");
        assertThat(spec.objectives().get(0).choice().config().yamlPath())
                .isEqualTo("objectives[0]");

        PipelineSpec weighted = resolve(write(VALID + """
                objectives:
                  - {name: cross-entropy, weight: 0.5, target: label}
                """));
        assertThat(weighted.objectives().get(0).weight()).isEqualTo(0.5);
        assertThat(weighted.objectives().get(0).choice().config().values())
                .doesNotContainKeys("name", "weight");
    }

    @Test
    void aNegativeOrNonNumericWeightIsReported() {
        Path file = write(VALID + """
                objectives:
                  - {name: cross-entropy, weight: -1}
                """);

        assertThat(problemsOf(file)).containsExactly(new ConfigProblem(
                "objectives[0].weight (" + file + ":12)", "expected a number >= 0, got '-1'"));
        assertThat(problemsOf(file, "objectives[0].weight=heavy")).extracting(
                ConfigProblem::message).containsExactly("expected a number >= 0, got 'heavy'");
    }

    @Test
    void aWeightWrittenWithAnExponentIsANumber() {
        Path file = write(VALID + """
                objectives:
                  - {name: cross-entropy, weight: 1e-3}
                """);

        assertThat(resolve(file).objectives().get(0).weight()).isEqualTo(1e-3);
    }

    @Test
    void objectivesMustBeAList() {
        Path file = write(VALID + "objectives: cross-entropy\n");

        assertThat(problemsOf(file)).containsExactly(new ConfigProblem(
                "objectives (" + file + ":11)", "expected a list, got 'cross-entropy'"));
    }

    @Test
    void trainMustBeAMapping() {
        Path file = write(VALID + "train: fast\n");

        assertThat(problemsOf(file)).containsExactly(new ConfigProblem(
                "train (" + file + ":11)", "expected a mapping, got 'fast'"));
    }

    @Test
    void theParserCanBeUsedWithoutTheRuntimeFacade() {
        Path file = write(VALID);

        PipelineSpec spec = new PipelineParser(runtime.registry())
                .parse(file, YamlConfigReader.read(file));

        assertThat(spec.fusion().config().getInt("dim")).isEqualTo(16);
    }
}
