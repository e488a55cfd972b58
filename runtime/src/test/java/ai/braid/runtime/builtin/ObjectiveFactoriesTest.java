package ai.braid.runtime.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.UserInputException;
import ai.braid.api.config.OptionSpec;
import ai.braid.api.data.LossTerm;
import ai.braid.api.objective.InfoNce;
import ai.braid.api.objective.SupervisedContrastive;
import ai.braid.api.spi.Objective;
import ai.braid.api.spi.ObjectiveFactory;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectiveFactoriesTest {

    private static final String WHERE = "objectives[0]";

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }

    private static float value(Objective objective, NDList outputs, NDList targets) {
        List<LossTerm> terms = objective.compute(outputs, targets);
        assertThat(terms).hasSize(1);
        return terms.get(0).value().getFloat();
    }

    private static String term(Objective objective, NDList outputs, NDList targets) {
        return objective.compute(outputs, targets).get(0).name();
    }

    private static Map<String, Object> defaultsOf(ObjectiveFactory factory) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (OptionSpec spec : factory.options().options()) {
            defaults.put(spec.name(), spec.defaultValue());
        }
        return defaults;
    }

    @Test
    void factoriesDeclareTheirNamesAndOptionDefaults() {
        assertThat(new CrossEntropyObjectiveFactory().name()).isEqualTo("cross-entropy");
        assertThat(defaultsOf(new CrossEntropyObjectiveFactory())).containsExactly(
                Map.entry("output", "logits"), Map.entry("target", "label"),
                Map.entry("mask", ""));
        assertThat(new BinaryCrossEntropyObjectiveFactory().name())
                .isEqualTo("binary-cross-entropy");
        assertThat(defaultsOf(new BinaryCrossEntropyObjectiveFactory())).containsExactly(
                Map.entry("output", "logits"), Map.entry("target", "label"));
        assertThat(new InfoNceObjectiveFactory().name()).isEqualTo("info-nce");
        assertThat(defaultsOf(new InfoNceObjectiveFactory())).containsExactly(
                Map.entry("a", "embedding_a"), Map.entry("b", "embedding_b"),
                Map.entry("logitScale", ""), Map.entry("temperature", (double) 0.07f));
        assertThat(new SupervisedContrastiveObjectiveFactory().name()).isEqualTo("supcon");
        assertThat(defaultsOf(new SupervisedContrastiveObjectiveFactory())).containsExactly(
                Map.entry("output", "embedding"), Map.entry("target", "label"),
                Map.entry("secondView", ""), Map.entry("temperature", 0.07));
        assertThat(new GaussianKlObjectiveFactory().name()).isEqualTo("gaussian-kl");
        assertThat(defaultsOf(new GaussianKlObjectiveFactory())).containsExactly(
                Map.entry("mu", "mu"), Map.entry("logvar", "logvar"),
                Map.entry("logSigma", false));
        OptionSpec temperature = new SupervisedContrastiveObjectiveFactory().options()
                .find("temperature").orElseThrow();
        assertThat(temperature.min()).isPositive();
    }

    @Test
    void crossEntropyMatchesPlainJavaAndNamesItsTermAfterTheFactory() {
        ObjectiveFactory factory = new CrossEntropyObjectiveFactory();
        Objective objective = factory.create(Configs.defaults(factory, WHERE));
        assertThat(objective.requiredOutputs()).containsExactly("logits");
        assertThat(objective.requiredTargets()).containsExactly("label");
        try (NDManager manager = NDManager.newBaseManager()) {
            float[][] logits = {{1f, 2f, 0.5f}, {0.1f, -1f, 3f}};
            int[] labels = {1, 2};
            NDList outputs = new NDList(named(manager.create(logits), "logits"));
            NDList targets = new NDList(named(manager.create(new long[] {1, 2}), "label"));

            double expected = (nll(logits[0], labels[0]) + nll(logits[1], labels[1])) / 2;
            assertThat(value(objective, outputs, targets)).isCloseTo((float) expected,
                    within(1e-5f));
            assertThat(term(objective, outputs, targets)).isEqualTo("cross-entropy");
        }
    }

    @Test
    void crossEntropyWithAMaskCountsOnlyMaskedPositions() {
        ObjectiveFactory factory = new CrossEntropyObjectiveFactory();
        Objective objective = factory.create(Configs.at(factory, WHERE,
                Map.of("output", "emissions", "target", "tags", "mask", "tag_mask")));
        assertThat(objective.requiredOutputs()).containsExactly("emissions");
        assertThat(objective.requiredTargets()).containsExactlyInAnyOrder("tags", "tag_mask");
        try (NDManager manager = NDManager.newBaseManager()) {
            float[][] rows = {{0.2f, 1f}, {5f, -5f}, {-1f, 0.3f}};
            NDArray logits = manager.create(new float[] {0.2f, 1f, 5f, -5f, -1f, 0.3f},
                    new Shape(1, 3, 2));
            NDList outputs = new NDList(named(logits, "emissions"));
            NDList targets = new NDList(
                    named(manager.create(new long[] {0, 1, 1}, new Shape(1, 3)), "tags"),
                    named(manager.create(new float[] {1f, 0f, 1f}, new Shape(1, 3)), "tag_mask"));

            double expected = (nll(rows[0], 0) + nll(rows[2], 1)) / 2;
            assertThat(value(objective, outputs, targets)).isCloseTo((float) expected,
                    within(1e-5f));
        }
    }

    @Test
    void binaryCrossEntropyMatchesPlainJava() {
        ObjectiveFactory factory = new BinaryCrossEntropyObjectiveFactory();
        Objective objective = factory.create(Configs.at(factory, WHERE,
                Map.of("output", "itm_logits", "target", "match")));
        assertThat(objective.requiredOutputs()).containsExactly("itm_logits");
        assertThat(objective.requiredTargets()).containsExactly("match");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList outputs = new NDList(named(manager.create(new float[] {0.5f, -2f}),
                    "itm_logits"));
            NDList targets = new NDList(named(manager.create(new float[] {1f, 0f}), "match"));

            double expected = (Math.log1p(Math.exp(-0.5)) + Math.log1p(Math.exp(-2))) / 2;
            assertThat(value(objective, outputs, targets)).isCloseTo((float) expected,
                    within(1e-5f));
            assertThat(term(objective, outputs, targets)).isEqualTo("binary-cross-entropy");
        }
    }

    @Test
    void infoNceEqualsTheApiObjectiveWithFixedTemperatureAndWithAScaleOutput() {
        ObjectiveFactory factory = new InfoNceObjectiveFactory();
        Objective fixed = factory.create(Configs.at(factory, WHERE,
                Map.of("a", "image", "b", "text", "temperature", 0.5)));
        Objective learned = factory.create(Configs.at(factory, WHERE,
                Map.of("a", "image", "b", "text", "logitScale", "logit_scale")));
        assertThat(fixed.requiredOutputs()).containsExactlyInAnyOrder("image", "text");
        assertThat(learned.requiredOutputs())
                .containsExactlyInAnyOrder("image", "text", "logit_scale");
        assertThat(fixed.requiredTargets()).isEmpty();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList outputs = new NDList(
                    named(manager.create(new float[][] {{1f, 0f}, {0.3f, 1f}, {-1f, 0.2f}}),
                            "image"),
                    named(manager.create(new float[][] {{0.9f, 0.1f}, {0f, 1f}, {-0.5f, -0.5f}}),
                            "text"),
                    named(manager.create(new float[] {3f}), "logit_scale"));
            NDList none = new NDList();

            float direct = value(InfoNce.builder().optOutputs("image", "text")
                    .optTemperature(0.5f).build(), outputs, none);
            float directScaled = value(InfoNce.builder().optOutputs("image", "text")
                    .optLogitScale("logit_scale").build(), outputs, none);
            assertThat(value(fixed, outputs, none)).isCloseTo(direct, within(1e-6f));
            assertThat(value(learned, outputs, none)).isCloseTo(directScaled, within(1e-6f));
            assertThat(direct).isNotCloseTo(directScaled, within(1e-3f));
            assertThat(term(fixed, outputs, none)).isEqualTo("info-nce");
        }
    }

    @Test
    void supconEqualsTheApiObjective() {
        ObjectiveFactory factory = new SupervisedContrastiveObjectiveFactory();
        Objective objective = factory.create(Configs.at(factory, WHERE,
                Map.of("temperature", 0.2)));
        assertThat(objective.requiredOutputs()).containsExactly("embedding");
        assertThat(objective.requiredTargets()).containsExactly("label");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList outputs = new NDList(named(manager.create(new float[][] {
                {1f, 0f, 0.5f}, {0.8f, 0.1f, 0.4f}, {-1f, 1f, 0f}, {0f, 1f, 0.1f}}),
                    "embedding"));
            NDList targets = new NDList(named(manager.create(new long[] {0, 0, 1, 1}),
                    "label"));

            float direct = value(SupervisedContrastive.builder().optTemperature(0.2f).build(),
                    outputs, targets);
            assertThat(value(objective, outputs, targets)).isCloseTo(direct, within(1e-6f));
            assertThat(direct).isPositive();
            assertThat(term(objective, outputs, targets)).isEqualTo("supcon");
        }
    }

    @Test
    void gaussianKlMatchesPlainJavaForLogVarianceAndLogSigma() {
        ObjectiveFactory factory = new GaussianKlObjectiveFactory();
        Objective logVariance = factory.create(Configs.defaults(factory, WHERE));
        Objective logSigma = factory.create(Configs.at(factory, WHERE,
                Map.of("logvar", "log_sigma", "logSigma", true)));
        assertThat(logVariance.requiredOutputs()).containsExactlyInAnyOrder("mu", "logvar");
        assertThat(logSigma.requiredOutputs()).containsExactlyInAnyOrder("mu", "log_sigma");
        try (NDManager manager = NDManager.newBaseManager()) {
            float[][] mu = {{0.5f, -1f}, {0f, 2f}};
            float[][] spread = {{0.1f, -0.3f}, {0f, 0.7f}};
            NDList outputs = new NDList(named(manager.create(mu), "mu"),
                    named(manager.create(spread), "logvar"),
                    named(manager.create(spread), "log_sigma"));

            assertThat(value(logVariance, outputs, new NDList()))
                    .isCloseTo((float) kl(mu, spread, 1), within(1e-5f));
            assertThat(value(logSigma, outputs, new NDList()))
                    .isCloseTo((float) kl(mu, spread, 2), within(1e-5f));
            assertThat(term(logVariance, outputs, new NDList())).isEqualTo("gaussian-kl");
        }
    }

    @Test
    void blankNamesAreUserErrorsPointingAtTheOption() {
        List<Map.Entry<ObjectiveFactory, String>> cases = List.of(
                Map.entry(new CrossEntropyObjectiveFactory(), "output"),
                Map.entry(new BinaryCrossEntropyObjectiveFactory(), "target"),
                Map.entry(new InfoNceObjectiveFactory(), "b"),
                Map.entry(new SupervisedContrastiveObjectiveFactory(), "output"),
                Map.entry(new GaussianKlObjectiveFactory(), "mu"));
        for (Map.Entry<ObjectiveFactory, String> c : cases) {
            ObjectiveFactory factory = c.getKey();
            String option = c.getValue();
            assertThatThrownBy(() -> factory.create(Configs.at(factory, WHERE,
                    Map.of(option, " "))))
                    .as(factory.name())
                    .isInstanceOf(UserInputException.class)
                    .hasMessageStartingWith(WHERE + "." + option + " (p.yaml:7): ")
                    .hasMessageContaining("empty");
        }
    }

    @Test
    void aMissingOutputOrTargetIsAUserErrorNamingTheTermAndTheArray() {
        ObjectiveFactory factory = new CrossEntropyObjectiveFactory();
        Objective objective = factory.create(Configs.at(factory, WHERE,
                Map.of("output", "scores")));
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList outputs = new NDList(named(manager.create(new float[][] {{1f, 2f}}),
                    "logits"));
            NDList targets = new NDList(named(manager.create(new long[] {1}), "label"));

            assertThatThrownBy(() -> objective.compute(outputs, targets))
                    .isInstanceOf(UserInputException.class)
                    .hasMessageContaining("cross-entropy")
                    .hasMessageContaining("'scores'")
                    .hasMessageContaining("[logits]");
        }
        ObjectiveFactory supcon = new SupervisedContrastiveObjectiveFactory();
        Objective contrastive = supcon.create(Configs.defaults(supcon, WHERE));
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList outputs = new NDList(named(manager.create(new float[][] {{1f, 2f}}),
                    "embedding"));
            assertThatThrownBy(() -> contrastive.compute(outputs, new NDList()))
                    .isInstanceOf(UserInputException.class)
                    .hasMessageContaining("supcon")
                    .hasMessageContaining("target 'label'");
        }
    }

    /** -log softmax(row)[label]. */
    private static double nll(float[] row, int label) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : row) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : row) {
            sum += Math.exp(v - max);
        }
        return -(row[label] - max - Math.log(sum));
    }

    /** Mean over rows of 0.5 sum (mu^2 + var - log var - 1), log var = factor * spread. */
    private static double kl(float[][] mu, float[][] spread, double factor) {
        double total = 0;
        for (int b = 0; b < mu.length; b++) {
            for (int d = 0; d < mu[b].length; d++) {
                double logVar = factor * spread[b][d];
                total += 0.5 * (mu[b][d] * mu[b][d] + Math.exp(logVar) - logVar - 1);
            }
        }
        return total / mu.length;
    }
}
