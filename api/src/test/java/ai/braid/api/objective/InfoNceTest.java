package ai.braid.api.objective;

import static ai.braid.api.objective.CrossEntropyTest.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.UserInputException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import org.junit.jupiter.api.Test;

class InfoNceTest {

    private static final double[][] A = {{1, 0, 0.5}, {0.2, 1, 0}, {-0.3, 0.4, 1}};
    private static final double[][] B = {{0.9, 0.1, 0.3}, {0, 1, 0.4}, {0.5, -0.2, 0.8}};

    /** Mean of row-wise and column-wise CE of scale * cos(a_i, b_j), diagonal positives. */
    private static double expectedLoss(double scale) {
        double[][] a = Reference.normalizeRows(A);
        double[][] b = Reference.normalizeRows(B);
        int n = a.length;
        double[][] logits = new double[n][n];
        double[][] transposed = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                logits[i][j] = scale * Reference.dot(a[i], b[j]);
                transposed[j][i] = logits[i][j];
            }
        }
        double aToB = 0;
        double bToA = 0;
        for (int i = 0; i < n; i++) {
            aToB += Reference.negativeLogSoftmax(logits[i], i);
            bToA += Reference.negativeLogSoftmax(transposed[i], i);
        }
        return (aToB / n + bToA / n) / 2;
    }

    @Test
    void threePairsAtAFixedTemperature() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList outputs = embeddings(manager);

            float loss = InfoNce.builder().optOutputs("image", "text").optTemperature(0.5f)
                    .build().compute(outputs, new NDList()).get(0).value().getFloat();

            assertThat(loss).isCloseTo((float) expectedLoss(2.0), within(1e-5f));
        }
    }

    @Test
    void theScaleComesFromTheNamedOutput() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList outputs = embeddings(manager);
            outputs.add(named(manager.create(new float[] {3f}), "logit_scale"));
            InfoNce infoNce = InfoNce.builder().optOutputs("image", "text")
                    .optLogitScale("logit_scale").optTermName("itc").build();

            float loss = infoNce.compute(outputs, new NDList()).get(0).value().getFloat();

            assertThat(infoNce.requiredOutputs())
                    .containsExactlyInAnyOrder("image", "text", "logit_scale");
            assertThat(loss).isCloseTo((float) expectedLoss(3.0), within(1e-5f));
        }
    }

    @Test
    void gradientsReachBothEmbeddings() {
        try (NDManager manager = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList outputs = embeddings(manager);
            outputs.forEach(array -> array.setRequiresGradient(true));
            NDArray loss = InfoNce.builder().optOutputs("image", "text").build()
                    .compute(outputs, new NDList()).get(0).value();
            collector.backward(loss);

            for (NDArray embedding : outputs) {
                assertThat(embedding.getGradient().abs().sum().getFloat()).isPositive();
            }
        }
    }

    @Test
    void aLogitScaleBlockStartsAtOneOverTauAndLearns() {
        try (Model model = Model.newInstance("scale")) {
            LogitScale block = new LogitScale();
            model.setBlock(block);
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()));
                    NDManager step = trainer.getManager().newSubManager()) {
                trainer.initialize(new Shape(3, 3), new Shape(3, 3));
                NDList inputs = embeddings(step);
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDList outputs = trainer.forward(inputs);
                    NDArray loss = InfoNce.builder().optOutputs("image", "text")
                            .optLogitScale(block.outputName()).build()
                            .compute(outputs, new NDList()).get(0).value();
                    collector.backward(loss);

                    NDArray scale = outputs.get(LogitScale.DEFAULT_OUTPUT);
                    assertThat(outputs).hasSize(3);
                    assertThat(outputs.get("image")).isSameAs(inputs.get("image"));
                    assertThat(scale.getShape()).isEqualTo(new Shape(1));
                    assertThat(scale.getFloat()).isCloseTo(1 / 0.07f, within(1e-3f));
                    assertThat(scale.getManager()).isSameAs(step);
                    assertThat(loss.getFloat())
                            .isCloseTo((float) expectedLoss(1 / 0.07), within(1e-4f));
                }
                Parameter parameter = block.getParameters().get("log_scale");
                try (NDArray gradient = parameter.getArray().getGradient()) {
                    assertThat(Math.abs(gradient.getFloat())).isPositive();
                }
            }
        }
    }

    @Test
    void theScaleIsClampedAtOneHundred() {
        try (Model model = Model.newInstance("scale")) {
            model.setBlock(new LogitScale("scale", 0.01f));
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()));
                    NDManager step = trainer.getManager().newSubManager()) {
                trainer.initialize(new Shape(1));
                model.getBlock().getParameters().get("log_scale").getArray().addi(1f);

                NDArray scale = trainer.forward(new NDList(step.zeros(new Shape(1)))).get("scale");

                assertThat(scale.getFloat()).isEqualTo(100f);
            }
        }
    }

    @Test
    void aScaleAboveTheClampIsRefusedAtConstruction() {
        assertThatThrownBy(() -> new LogitScale("scale", 0.001f))
                .isInstanceOf(UserInputException.class).hasMessageContaining("0.01");
    }

    private static NDList embeddings(NDManager manager) {
        return new NDList(
                named(manager.create(Reference.flatten(A), new Shape(3, 3)), "image"),
                named(manager.create(Reference.flatten(B), new Shape(3, 3)), "text"));
    }
}
