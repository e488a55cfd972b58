package ai.braid.plugin.ssesf.pretrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import ai.braid.api.config.OptionSpec;
import ai.braid.api.data.Modality;
import ai.braid.api.spi.ObjectiveFactory;
import ai.braid.api.spi.TaskContext;
import ai.braid.plugin.ssesf.fusion.MultiwayFusionBlock;
import ai.braid.plugin.ssesf.fusion.MultiwayFusionFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PretrainingOptionsTest {

    private static final Modality OCR = Modality.of("ocr");
    private static final List<Modality> THREE = List.of(PretrainingFusionTest.IMAGE,
            PretrainingFusionTest.TEXT, OCR);
    private static final Map<Modality, Integer> DIMS = Map.of(PretrainingFusionTest.IMAGE, 8,
            PretrainingFusionTest.TEXT, 8, OCR, 8);

    private final MultiwayFusionFactory fusion = new MultiwayFusionFactory();
    private final ImageTextPretrainingTaskFactory task = new ImageTextPretrainingTaskFactory();

    private MultiwayFusionBlock fusion(Map<String, Object> options) {
        Map<String, Object> set = new LinkedHashMap<>(Map.of("dim", 8L, "heads", 2L));
        set.putAll(options);
        return (MultiwayFusionBlock) fusion.create(Configs.of(fusion, "fusion", set), THREE,
                DIMS).block();
    }

    @Test
    void theOptionsHaveTheDocumentedDefaultsAndTurnThePassesOn() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (OptionSpec spec : fusion.options().options()) {
            defaults.put(spec.name(), spec.defaultValue());
        }
        assertThat(defaults).containsEntry("pretraining", List.of()).containsEntry("mlm", "")
                .containsEntry("mlmProbability", 0.15).containsEntry("mlmSlots", 4L)
                .containsEntry("negativeTemperature", 0.07)
                .containsEntry("unimodalPooling", "mean");
        assertThat(fusion(Map.of()).pretraining()).isEmpty();

        PretrainingSettings settings = fusion(Map.of("pretraining", List.of("ocr", "image"),
                "mlm", "ocr", "mlmSlots", 2L, "unimodalPooling", "first")).pretraining()
                .orElseThrow();
        assertThat(settings).isEqualTo(new PretrainingSettings(2, 0, 2, 0.15f, 2, 0.07f,
                PretrainingSettings.UnimodalPooling.FIRST));
        assertThat(fusion(Map.of("pretraining", List.of("image", "text"))).pretraining()
                .orElseThrow().hasMlm()).isFalse();
    }

    @Test
    void fusionOptionMistakesNameTheirYamlPath() {
        assertThatThrownBy(() -> fusion(Map.of("pretraining", List.of("image"))))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("fusion.pretraining (p.yaml:7): expected two different"
                        + " modalities");
        assertThatThrownBy(() -> fusion(Map.of("pretraining", List.of("text", "text"))))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("fusion.pretraining (p.yaml:7)");
        assertThatThrownBy(() -> fusion(Map.of("pretraining", List.of("image", "caption"))))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("fusion.pretraining (p.yaml:7): 'caption' is not a"
                        + " modality")
                .hasMessageContaining("image, text, ocr");
        assertThatThrownBy(() -> fusion(Map.of("pretraining", List.of("image", "text"),
                "mlm", "txt")))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("fusion.mlm (p.yaml:7): 'txt' is not a modality");
        assertThatThrownBy(() -> fusion(Map.of("mlm", "text")))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("fusion.mlm (p.yaml:7): masked language modelling runs"
                        + " with the pre-training passes");
    }

    @Test
    void taskOptionMistakesNameTheirYamlPath() {
        TaskContext three = new TaskContext(new NoData(), 8, THREE);
        assertThatThrownBy(() -> task.create(Configs.of(task, "task",
                Map.of("pair", List.of("image", "audio"))), three))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("task.pair (p.yaml:7): 'audio' is not a modality")
                .hasMessageContaining("image, text, ocr");
        assertThatThrownBy(() -> task.create(Configs.of(task, "task",
                Map.of("pair", List.of("image"))), three))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("task.pair (p.yaml:7): expected two different");
        assertThatThrownBy(() -> task.create(Configs.of(task, "task", Map.of()),
                new TaskContext(new NoData(), 8, List.of(OCR))))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("task.pair (default): image-text pre-training needs two"
                        + " modalities");
    }

    @Test
    void objectiveOptionMistakesNameTheirYamlPath() {
        for (ObjectiveFactory factory : List.of(new ItcObjectiveFactory(),
                new ItmObjectiveFactory(), new MlmObjectiveFactory())) {
            String option = factory.options().options().get(0).name();
            assertThatThrownBy(() -> factory.create(Configs.of(factory, "objectives[0]",
                    Map.of(option, " "))))
                    .as(factory.name())
                    .isInstanceOf(UserInputException.class)
                    .hasMessageStartingWith("objectives[0]." + option + " (p.yaml:7): expected"
                            + " the name of an output");
        }
    }
}
