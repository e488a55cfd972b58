package ai.braid.plugin.pcme.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSpec;
import ai.braid.api.data.Modality;
import ai.braid.api.data.ModalitySpec;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.api.data.TargetSpec;
import ai.braid.api.spi.DatasetReader;
import ai.braid.api.spi.Task;
import ai.braid.api.spi.TaskContext;
import ai.braid.plugin.pcme.model.PcmeHead;
import ai.braid.plugin.pcme.model.PcmeOutputs;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PcmeTaskFactoryTest {

    private static final PcmeTaskFactory FACTORY = new PcmeTaskFactory();
    private static final Modality IMAGE = Modality.of("image");
    private static final Modality TEXT = Modality.of("text");
    private static final Modality AUDIO = Modality.of("audio");

    /** A dataset of image-caption pairs that declares its targets and holds no samples. */
    private static final class PairDataset implements DatasetReader {

        private final List<TargetSpec> targets;

        PairDataset(String... targetNames) {
            this.targets = Arrays.stream(targetNames)
                    .map(name -> new TargetSpec(name, List.of())).toList();
        }

        @Override
        public List<ModalitySpec> modalities() {
            return List.of(new ModalitySpec(IMAGE, Path.class),
                    new ModalitySpec(TEXT, String.class));
        }

        @Override
        public List<TargetSpec> targets() {
            return targets;
        }

        @Override
        public SampleSet read(Split split) {
            return SampleSet.of(List.of());
        }
    }

    private static TaskContext context(List<Modality> modalities, String... targets) {
        return new TaskContext(new PairDataset(targets), 8, modalities);
    }

    private static TaskContext imageAndText() {
        return context(List.of(IMAGE, TEXT), "image", "category", "tags");
    }

    /** The config of the task as the runtime builds it: defaults filled, set ones located. */
    private static ComponentConfig config(Map<String, Object> set) {
        return FACTORY.options().configure(FACTORY.name(), "task", "pipeline.yaml:7", set);
    }

    @Test
    void theDefaultsGiveAProbabilisticTaskTrainedWithPcme() {
        Task task = FACTORY.create(config(Map.of("embedding", 8L)), imageAndText());

        assertThat(FACTORY.name()).isEqualTo("pcme-retrieval");
        assertThat(task.defaultObjectives()).containsExactly("pcme");
        assertThat(task.outputs()).contains(PcmeOutputs.MU_A, PcmeOutputs.LOG_SIGMA_B,
                PcmeOutputs.SAMPLES_A, PcmeOutputs.SCALE, PcmeOutputs.SHIFT);
        assertThat(task.targetNames()).containsExactly("image", "category", "tags");
        assertThat(task.selectionMetric()).isEqualTo("rsum");
        PcmeHead head = (PcmeHead) task.head();
        assertThat(head.first()).isEqualTo(IMAGE);
        assertThat(head.second()).isEqualTo(TEXT);
        assertThat(head.isProbabilistic()).isTrue();
        assertThat(head.findMatchScale()).isPresent();
    }

    @Test
    void theDeterministicBaselineHasNoDefaultObjectiveAndNoSigma() {
        Task task = FACTORY.create(config(Map.of("probabilistic", false)), imageAndText());

        assertThat(task.defaultObjectives()).isEmpty();
        assertThat(task.outputs()).containsExactly(PcmeOutputs.MU_A, PcmeOutputs.MU_B,
                "logit_scale");
        assertThat(((PcmeHead) task.head()).isProbabilistic()).isFalse();
    }

    @Test
    void targetsTheDatasetLacksAreLeftOut() {
        Task task = FACTORY.create(config(Map.of()),
                context(List.of(IMAGE, TEXT), "image"));

        assertThat(task.targetNames()).containsExactly("image");
    }

    @Test
    void theModalitiesOptionPicksAAndB() {
        Task task = FACTORY.create(config(Map.of("modalities", List.of("text", "image"))),
                imageAndText());

        PcmeHead head = (PcmeHead) task.head();
        assertThat(head.first()).isEqualTo(TEXT);
        assertThat(head.second()).isEqualTo(IMAGE);
    }

    @Test
    void anUnknownSimilarityListsTheValidNamesWhereItWasSet() {
        assertThatThrownBy(() -> FACTORY.create(config(Map.of("similarity", "cosine")),
                imageAndText()))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("task.similarity (pipeline.yaml:7)")
                .hasMessageContaining("cosine")
                .hasMessageContaining("match-prob").hasMessageContaining("mu")
                .hasMessageContaining("csd").hasMessageContaining("auto");
    }

    @Test
    void aSimilarityThatReadsSigmaIsRefusedForPoints() {
        assertThatThrownBy(() -> FACTORY.create(config(Map.of("similarity", "kl",
                "probabilistic", false)), imageAndText()))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("task.similarity (pipeline.yaml:7)")
                .hasMessageContaining("kl").hasMessageContaining("probabilistic: false");
        // the same similarity is fine for Gaussians, and mu for points
        assertThat(FACTORY.create(config(Map.of("similarity", "kl")), imageAndText()))
                .isNotNull();
        assertThat(FACTORY.create(config(Map.of("similarity", "mu", "probabilistic", false)),
                imageAndText())).isNotNull();
    }

    @Test
    void modalitiesOutsideThePipelineAreRefused() {
        assertThatThrownBy(() -> FACTORY.create(
                config(Map.of("modalities", List.of("image", "audio"))), imageAndText()))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("task.modalities (pipeline.yaml:7)")
                .hasMessageContaining("audio");
        assertThatThrownBy(() -> FACTORY.create(
                config(Map.of("modalities", List.of("image"))), imageAndText()))
                .isInstanceOf(UserInputException.class).hasMessageContaining("two");
        assertThatThrownBy(() -> FACTORY.create(config(Map.of()),
                context(List.of(IMAGE), "image")))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("task.modalities (default)");
    }

    @Test
    void contextualMustNameAnEmbeddedModality() {
        TaskContext three = context(List.of(IMAGE, TEXT, AUDIO), "image");

        assertThatThrownBy(() -> FACTORY.create(config(Map.of("contextual", List.of("audio"))),
                three))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("task.contextual (pipeline.yaml:7)")
                .hasMessageContaining("audio");
        assertThat(FACTORY.create(config(Map.of("contextual", List.of("text"))), three))
                .isNotNull();
    }

    @Test
    void anOddWidthIsRefusedWithAContextualEmbedder() {
        assertThatThrownBy(() -> FACTORY.create(config(Map.of("embedding", 7L,
                "contextual", List.of("text"))), imageAndText()))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("task.embedding (pipeline.yaml:7)")
                .hasMessageContaining("7").hasMessageContaining("even");
        assertThat(FACTORY.create(config(Map.of("embedding", 7L)), imageAndText())).isNotNull();
    }
}
