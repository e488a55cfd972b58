package ai.braid.plugin.pcme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import ai.braid.api.data.LossTerm;
import ai.braid.api.spi.Objective;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsdObjectiveFactoryTest {

    private static final CsdObjectiveFactory FACTORY = new CsdObjectiveFactory();

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }

    @Test
    void theDefaultsReadTheHeadsGaussiansWithTheKlOn() {
        Objective objective = FACTORY.create(Configs.of(FACTORY, Map.of()));

        assertThat(FACTORY.name()).isEqualTo("pcme-csd");
        assertThat(objective.requiredOutputs()).containsExactlyInAnyOrder("mu_a", "logsigma_a",
                "mu_b", "logsigma_b", "pcme_a", "pcme_b");
        assertThat(FACTORY.options().names()).doesNotContain("samplesA", "reduction");
    }

    @Test
    void theOptionsRenameTheOutputsAndTurnTheKlOff() {
        Objective objective = FACTORY.create(Configs.of(FACTORY, Map.of("muA", "image_mu",
                "logSigmaA", "image_sigma", "muB", "text_mu", "logSigmaB", "text_sigma",
                "vibBeta", 0.0)));

        try (NDManager manager = NDManager.newBaseManager()) {
            NDList outputs = new NDList(
                    named(manager.randomNormal(new Shape(3, 4)), "image_mu"),
                    named(manager.randomNormal(new Shape(3, 4)), "image_sigma"),
                    named(manager.randomNormal(new Shape(3, 4)), "text_mu"),
                    named(manager.randomNormal(new Shape(3, 4)), "text_sigma"),
                    named(manager.create(new float[] {5f}), "pcme_a"),
                    named(manager.create(new float[] {5f}), "pcme_b"));
            assertThat(objective.compute(outputs, new NDList())).extracting(LossTerm::name)
                    .containsExactly("csd");
        }
    }

    @Test
    void aBlankOutputNameIsReportedWhereItWasSet() {
        assertThatThrownBy(() -> FACTORY.create(Configs.of(FACTORY, Map.of("shift", ""))))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("shift").hasMessageContaining("pipeline.yaml:3");
    }
}
