package ai.braid.it;

import static org.assertj.core.api.Assertions.assertThat;

import ai.braid.api.UserInputException;
import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSpec;
import ai.braid.api.data.FusedOutput;
import ai.braid.api.data.Modality;
import ai.braid.api.data.ModalitySpec;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.api.data.TargetSpec;
import ai.braid.api.data.TokenSequence;
import ai.braid.api.spi.DatasetReader;
import ai.braid.api.spi.FusionBlock;
import ai.braid.api.spi.FusionBlockFactory;
import ai.braid.api.spi.ModalityProjector;
import ai.braid.api.spi.ModalityProjectorFactory;
import ai.braid.api.spi.Objective;
import ai.braid.api.spi.ObjectiveFactory;
import ai.braid.api.spi.Task;
import ai.braid.api.spi.TaskContext;
import ai.braid.api.spi.TaskFactory;
import ai.braid.runtime.BraidRuntime;
import ai.braid.runtime.plugin.ComponentKind;
import ai.braid.runtime.plugin.ComponentRegistry;
import ai.braid.runtime.plugin.RegisteredComponent;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract every discovered component keeps, run over every implementation of every kind
 * that the first-party plugins, the core and the example plugin provide. A new plugin gets
 * these checks for free.
 */
class ComponentContractTest {

    private static final Modality FIRST = Modality.of("first");
    private static final Modality SECOND = Modality.of("second");

    @TestFactory
    Stream<DynamicTest> everyComponentKeepsTheContractOfItsKind() throws Exception {
        Path plugins = Braid.copyOfFirstPartyPlugins(Files.createTempDirectory("contract"));
        Braid.copyFolder(Braid.examplePlugins().resolve("signal"), plugins.resolve("signal"));
        ComponentRegistry registry = BraidRuntime.load(plugins,
                Files.createTempDirectory("contract-cache")).registry();
        assertThat(registry.components()).isNotEmpty();
        return registry.components().stream().map(component -> DynamicTest.dynamicTest(
                component.kind().label() + " " + component.name() + " ("
                        + component.plugin().name() + ")",
                () -> check(registry, component)));
    }

    private static void check(ComponentRegistry registry, RegisteredComponent component) {
        assertThat(component.name()).matches("[a-z][a-z0-9-]*");
        assertThat(component.factory().description()).as("description").isNotBlank();
        for (OptionSpec option : component.factory().options().options()) {
            assertThat(option.description()).as("description of " + option.name()).isNotBlank();
            if (option.defaultValue() instanceof Number number) {
                assertThat(number.doubleValue()).as("default of " + option.name())
                        .isBetween(option.min() == null ? Double.NEGATIVE_INFINITY : option.min(),
                                option.max() == null ? Double.POSITIVE_INFINITY : option.max());
            }
        }
        Optional<ComponentConfig> defaults = defaults(component);
        if (defaults.isEmpty()) {
            return; // Needs a required option (a data path...); only the declaration is checked.
        }
        switch (component.kind()) {
            case FUSION_BLOCK -> checkFusion((FusionBlockFactory) component.factory(),
                    defaults.get());
            case MODALITY_PROJECTOR -> checkProjector(
                    (ModalityProjectorFactory) component.factory(), defaults.get());
            case OBJECTIVE -> checkObjective((ObjectiveFactory) component.factory(),
                    defaults.get());
            case TASK -> checkTask(registry, (TaskFactory) component.factory(), defaults.get());
            default -> { }
        }
    }

    /** Fuses two modalities of different widths and lengths into pooled (B, outputDim). */
    private static void checkFusion(FusionBlockFactory factory, ComponentConfig config) {
        FusionBlock fusion = factory.create(config, List.of(FIRST, SECOND),
                Map.of(FIRST, 8, SECOND, 12));
        assertThat(fusion.block()).isSameAs(fusion.block());
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList inputs = new NDList(
                    manager.randomNormal(new Shape(2, 3, 8)), manager.ones(new Shape(2, 3)),
                    manager.randomNormal(new Shape(2, 5, 12)), manager.ones(new Shape(2, 5)));
            fusion.block().initialize(manager, DataType.FLOAT32,
                    inputs.stream().map(NDArray::getShape).toArray(Shape[]::new));
            NDList output = fusion.block().forward(new ParameterStore(manager, false), inputs,
                    false);
            assertThat(FusedOutput.from(output).pooled().getShape())
                    .isEqualTo(new Shape(2, fusion.outputDim()));
        }
    }

    private static void checkProjector(ModalityProjectorFactory factory, ComponentConfig config) {
        ModalityProjector projector = factory.create(config, FIRST);
        assertThat(projector.dim()).isPositive();
        assertThat(projector.inputType()).isNotNull();
        assertThat(projector.block()).isSameAs(projector.block());
    }

    private static void checkObjective(ObjectiveFactory factory, ComponentConfig config) {
        Objective objective = factory.create(config);
        assertThat(objective.requiredOutputs()).as("an objective reads some output").isNotEmpty();
    }

    /**
     * Builds the task on a three-class dataset and runs its head. A task that reads one
     * modality's fused vector gets one modality; a task that refuses that (a retrieval task
     * pairs two) gets two, with their tokens as the {@code pool} fusion keeps them. A head that
     * needs a particular fusion's extra outputs refuses the generic ones with a user error
     * naming the fusion setting.
     */
    private static void checkTask(
            ComponentRegistry registry, TaskFactory factory, ComponentConfig config) {
        Task task;
        List<Modality> modalities;
        try {
            modalities = List.of(FIRST);
            task = factory.create(config, new TaskContext(new ThreeClasses(), 16, modalities));
        } catch (UserInputException oneIsNotEnough) {
            modalities = List.of(FIRST, SECOND);
            task = factory.create(config, new TaskContext(new ThreeClasses(), 16, modalities));
        }
        assertThat(task.selectionMetric()).isNotBlank();
        for (String objective : task.defaultObjectives()) {
            assertThat(registry.find(ComponentKind.OBJECTIVE, objective))
                    .as("default objective " + objective).isPresent();
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList fused = fusedOutput(manager, modalities);
            NDList outputs;
            try {
                task.head().initialize(manager, DataType.FLOAT32,
                        fused.stream().map(NDArray::getShape).toArray(Shape[]::new));
                outputs = task.head().forward(new ParameterStore(manager, false), fused, false);
            } catch (UserInputException needsAParticularFusion) {
                // A head that reads a fusion's extra outputs (pre-training) may refuse the
                // generic ones, with a user error that says which fusion setting it needs.
                assertThat(needsAParticularFusion.getMessage()).contains("fusion");
                return;
            }
            for (String name : task.outputs()) {
                assertThat(outputs.get(name)).as("output " + name).isNotNull();
                Shape shape = outputs.get(name).getShape();
                // (1) is a model-level scalar such as a learned temperature; all else is per row
                if (!shape.equals(new Shape(1))) {
                    assertThat(shape.get(0)).as("rows of output " + name).isEqualTo(4);
                }
            }
        }
    }

    /** The pooled vector (4, 16) of one modality, or two modalities' tokens and means. */
    private static NDList fusedOutput(NDManager manager, List<Modality> modalities) {
        NDArray pooled = manager.randomNormal(new Shape(4, 16));
        if (modalities.size() == 1) {
            return FusedOutput.pooledOnly(pooled).toNDList();
        }
        Map<Modality, NDArray> means = new LinkedHashMap<>();
        Map<Modality, TokenSequence> tokens = new LinkedHashMap<>();
        for (Modality modality : modalities) {
            means.put(modality, manager.randomNormal(new Shape(4, 8)));
            tokens.put(modality, new TokenSequence(manager.randomNormal(new Shape(4, 3, 8)),
                    manager.ones(new Shape(4, 3))));
        }
        return new FusedOutput(pooled, null, null, List.of(), means, tokens).toNDList();
    }

    private static Optional<ComponentConfig> defaults(RegisteredComponent component) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (OptionSpec option : component.factory().options().options()) {
            if (option.required()) {
                return Optional.empty();
            }
            Object value = option.defaultValue();
            values.put(option.name(), switch (option.type()) {
                case INTEGER -> ((Number) value).longValue();
                case NUMBER -> ((Number) value).doubleValue();
                case PATH -> Path.of((String) value);
                default -> value;
            });
        }
        return Optional.of(ComponentConfig.of(component.name(), values));
    }

    /** A dataset description with one categorical target; tasks read only its specs here. */
    private static final class ThreeClasses implements DatasetReader {
        @Override
        public List<ModalitySpec> modalities() {
            return List.of(new ModalitySpec(FIRST, float[].class));
        }

        @Override
        public List<TargetSpec> targets() {
            return List.of(new TargetSpec("label", List.of("a", "b", "c")));
        }

        @Override
        public SampleSet read(Split split) {
            return SampleSet.of(new ArrayList<>());
        }
    }
}
