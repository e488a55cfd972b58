package ai.braid.plugin.pcme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.UserInputException;
import ai.braid.api.data.LossTerm;
import ai.braid.api.spi.Objective;
import ai.braid.api.spi.ObjectiveFactory;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class SoftContrastiveObjectiveFactoryTest {

    private static final SoftContrastiveObjectiveFactory FACTORY =
            new SoftContrastiveObjectiveFactory();

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }

    /** Random (B = 3, J = 2, D = 4) outputs under the given names. */
    private static NDList outputs(NDManager manager, String samplesA, String samplesB,
            String scale, String shift) {
        return new NDList(
                named(manager.randomNormal(new Shape(3, 2, 4)), samplesA),
                named(manager.randomNormal(new Shape(3, 2, 4)), samplesB),
                named(manager.zeros(new Shape(3, 4)), "mu_a"),
                named(manager.zeros(new Shape(3, 4)), "logsigma_a"),
                named(manager.zeros(new Shape(3, 4)), "mu_b"),
                named(manager.zeros(new Shape(3, 4)), "logsigma_b"),
                named(manager.create(new float[] {5f}), scale),
                named(manager.create(new float[] {5f}), shift));
    }

    @Test
    void bothPcmeObjectivesAreRegisteredAsServices() {
        List<String> names = ServiceLoader.load(ObjectiveFactory.class).stream()
                .map(provider -> provider.get().name()).toList();

        assertThat(names).contains("pcme", "pcme-csd");
    }

    @Test
    void theDefaultsReadTheHeadsNamesAndSumWithTheKlOn() {
        Objective objective = FACTORY.create(Configs.of(FACTORY, Map.of()));

        assertThat(FACTORY.name()).isEqualTo("pcme");
        assertThat(objective.requiredOutputs()).containsExactlyInAnyOrder("samples_a",
                "samples_b", "mu_a", "logsigma_a", "mu_b", "logsigma_b", "pcme_a", "pcme_b");
        assertThat(objective.requiredTargets()).isEmpty();
        try (NDManager manager = NDManager.newBaseManager()) {
            List<LossTerm> terms = objective.compute(
                    outputs(manager, "samples_a", "samples_b", "pcme_a", "pcme_b"), new NDList());
            assertThat(terms).extracting(LossTerm::name).containsExactly("soft-contrastive", "kl");
        }
    }

    @Test
    void theOptionsRenameTheOutputsAndSetTheReductionAndWeights() {
        Objective objective = FACTORY.create(Configs.of(FACTORY, Map.of("samplesA", "v",
                "samplesB", "t", "negativeScale", "a", "shift", "b", "vibBeta", 0.0,
                "uniformityWeight", 10.0, "reduction", "mean")));
        Objective summed = FACTORY.create(Configs.of(FACTORY, Map.of("samplesA", "v",
                "samplesB", "t", "negativeScale", "a", "shift", "b", "vibBeta", 0.0,
                "uniformityWeight", 10.0)));

        assertThat(objective.requiredOutputs()).containsExactlyInAnyOrder("v", "t", "a", "b");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList outputs = outputs(manager, "v", "t", "a", "b");
            List<LossTerm> mean = objective.compute(outputs, new NDList());
            List<LossTerm> sum = summed.compute(outputs, new NDList());
            assertThat(mean).extracting(LossTerm::name)
                    .containsExactly("soft-contrastive", "uniformity");
            for (int k = 0; k < 2; k++) {
                assertThat(sum.get(k).value().getFloat())
                        .isCloseTo(9 * mean.get(k).value().getFloat(),
                                within(1e-3f));
            }
        }
    }

    @Test
    void aBlankOutputNameIsReportedWhereItWasSet() {
        assertThatThrownBy(() -> FACTORY.create(Configs.of(FACTORY, Map.of("samplesB", " "))))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("samplesB").hasMessageContaining("pipeline.yaml:3");
    }
}
