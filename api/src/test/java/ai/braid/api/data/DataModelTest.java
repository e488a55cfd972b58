package ai.braid.api.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataModelTest {

    @Test
    void aTokenSequenceRefusesAMaskOfAnotherLength() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> new TokenSequence(manager.zeros(new Shape(2, 5, 8)),
                    manager.ones(new Shape(2, 4))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("(2, 5, 8)").hasMessageContaining("(2, 4)");
        }
    }

    @Test
    void aFusedOutputSurvivesItsNDListForm() {
        try (NDManager manager = NDManager.newBaseManager()) {
            FusedOutput output = new FusedOutput(manager.zeros(new Shape(2, 4)),
                    manager.zeros(new Shape(2, 3, 4)), manager.ones(new Shape(2, 3)),
                    List.of(manager.zeros(new Shape(2, 1, 3, 3))),
                    Map.of(Modality.of("image"), manager.zeros(new Shape(2, 4))),
                    Map.of(Modality.of("text"), new TokenSequence(
                            manager.zeros(new Shape(2, 6, 4)), manager.ones(new Shape(2, 6)))));

            NDList list = output.toNDList();
            FusedOutput decoded = FusedOutput.from(list);

            assertThat(list).hasSize(7);
            assertThat(decoded.findModalitySequence(Modality.of("text")).orElseThrow().mask()
                    .getShape()).isEqualTo(new Shape(2, 6));
            assertThat(decoded.findModalitySequence(Modality.of("image"))).isEmpty();
            assertThat(decoded.pooled()).isSameAs(output.pooled());
            assertThat(decoded.findSequence()).isPresent();
            assertThat(decoded.attention()).hasSize(1);
            assertThat(decoded.modalityPooled()).containsOnlyKeys(Modality.of("image"));
        }
    }

    @Test
    void extrasKeepTheirNamesAndOrderThroughTheNDListForm() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> extras = new LinkedHashMap<>();
            extras.put("unimodal.image", manager.zeros(new Shape(2, 4)));
            extras.put("negative.pooled", manager.ones(new Shape(2, 4)));
            FusedOutput output = new FusedOutput(manager.zeros(new Shape(2, 4)), null, null,
                    List.of(), Map.of(Modality.of("image"), manager.zeros(new Shape(2, 4))),
                    Map.of(), extras);

            NDList list = output.toNDList();
            FusedOutput decoded = FusedOutput.from(list);

            assertThat(list.get(2).getName()).isEqualTo("unimodal.image");
            assertThat(list.get(3).getName()).isEqualTo("negative.pooled");
            assertThat(decoded.extras().keySet())
                    .containsExactly("unimodal.image", "negative.pooled");
            assertThat(decoded.findExtra("negative.pooled")).containsSame(extras.get(
                    "negative.pooled"));
            assertThat(decoded.findExtra("mlm.hidden")).isEmpty();
            assertThat(decoded.modalityPooled()).containsOnlyKeys(Modality.of("image"));
            assertThat(FusedOutput.pooledOnly(output.pooled()).extras()).isEmpty();
        }
    }

    @Test
    void anExtraCannotTakeTheNameOfAStandardPart() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray pooled = manager.zeros(new Shape(2, 4));
            for (String name : List.of("pooled", "pooled.negative", "attention.0", "mask.text")) {
                assertThatThrownBy(() -> new FusedOutput(pooled, null, null, List.of(), Map.of(),
                        Map.of(), Map.of(name, pooled)))
                        .as(name)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("'" + name + "'");
            }
        }
    }

    @Test
    void aFusedOutputWithoutPooledIsRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> FusedOutput.from(new NDList(manager.zeros(new Shape(2)))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'pooled'");
        }
    }

    @Test
    void aLossTermMustBeAScalar() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> new LossTerm("ce", manager.zeros(new Shape(3))))
                    .hasMessageContaining("'ce' must be a scalar");
        }
    }

    @Test
    void modalityNamesAreLowerCaseIdentifiers() {
        assertThat(Modality.of("ocr_text").name()).isEqualTo("ocr_text");
        assertThatThrownBy(() -> Modality.of("Image")).hasMessageContaining("[a-z][a-z0-9_]*");
    }

    @Test
    void aSampleNamesItselfWhenAnInputHasTheWrongType() {
        Sample sample = new Sample("s7", Map.of(Modality.of("text"), 42), Map.of());

        assertThatThrownBy(() -> sample.input(Modality.of("text"), String.class))
                .isInstanceOf(UserInputException.class)
                .hasMessage("sample 's7': input 'text' is a Integer, expected String");
        assertThat(sample.withInput(Modality.of("ocr"), "").inputs()).hasSize(2);
        assertThat(sample.inputs()).hasSize(1);
    }
}
