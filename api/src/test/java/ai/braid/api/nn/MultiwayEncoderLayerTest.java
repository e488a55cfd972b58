package ai.braid.api.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MultiwayEncoderLayerTest {

    private static final Shape X = new Shape(2, 4, 8);
    private static final Shape MASK = new Shape(2, 4);

    private static MultiwayEncoderLayer.Builder config() {
        return MultiwayEncoderLayer.builder().setDim(8).setHeads(2).setFfnDim(16).optExperts(2)
                .optDropout(0f);
    }

    private static MultiwayEncoderLayer layer(NDManager manager, MultiwayEncoderLayer.Builder config) {
        MultiwayEncoderLayer layer = config.build();
        NnTesting.initialize(layer, manager, X, MASK, MASK);
        return layer;
    }

    private static NDArray index(NDManager manager, long... values) {
        return manager.create(values, MASK);
    }

    @Test
    void outputsHaveTheDocumentedShapes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiwayEncoderLayer layer = layer(manager, config().optLayerScale(0.1f));
            NDArray mask = NnTesting.mask(manager, 4, 3, 4);
            NDArray experts = index(manager, 0, 0, 1, 1, 0, 1, 0, 1);
            NDList out = NnTesting.forward(layer, manager, false, manager.randomNormal(X), mask,
                    experts);

            assertThat(out).hasSize(4);
            assertThat(out.get(0).getShape()).isEqualTo(X);
            assertThat(out.get(1)).isSameAs(mask);
            assertThat(out.get(2)).isSameAs(experts);
            assertThat(out.get(3).getShape()).isEqualTo(new Shape(2, 2, 4, 4));
            assertThat(layer.getOutputShapes(new Shape[] {X, MASK, MASK}))
                    .containsExactly(X, MASK, MASK, new Shape(2, 2, 4, 4));
        }
    }

    @Test
    void eachTokenGetsTheOutputOfItsOwnExpert() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiwayEncoderLayer layer = layer(manager, config());
            NDArray x = manager.randomNormal(X);
            NDArray mask = NnTesting.mask(manager, 4, 4, 3);
            long[] mixed = {0, 1, 1, 0, 1, 0, 0, 1};

            float[] routed = NnTesting.forward(layer, manager, false, x, mask,
                    index(manager, mixed)).get(0).toFloatArray();
            float[] allZero = NnTesting.forward(layer, manager, false, x, mask,
                    index(manager, 0, 0, 0, 0, 0, 0, 0, 0)).get(0).toFloatArray();
            float[] allOne = NnTesting.forward(layer, manager, false, x, mask,
                    index(manager, 1, 1, 1, 1, 1, 1, 1, 1)).get(0).toFloatArray();

            for (int token = 0; token < mixed.length; token++) {
                float[] expected = mixed[token] == 0 ? allZero : allOne;
                float[] other = mixed[token] == 0 ? allOne : allZero;
                for (int c = 0; c < 8; c++) {
                    int i = token * 8 + c;
                    assertThat(routed[i]).as("token %d", token).isCloseTo(expected[i],
                            org.assertj.core.api.Assertions.within(1e-5f));
                }
                assertThat(maxAbsDiff(routed, other, token)).isGreaterThan(1e-4f);
            }
        }
    }

    private static float maxAbsDiff(float[] a, float[] b, int token) {
        float max = 0;
        for (int c = 0; c < 8; c++) {
            max = Math.max(max, Math.abs(a[token * 8 + c] - b[token * 8 + c]));
        }
        return max;
    }

    @Test
    void perturbingExpertOneChangesOnlyTokensRoutedToIt() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiwayEncoderLayer layer = layer(manager, config().optLayerScale(0.5f));
            NDArray x = manager.randomNormal(X);
            NDArray mask = NnTesting.mask(manager, 4, 4, 4);
            long[] route = {0, 1, 0, 1, 1, 1, 0, 0};
            NDArray before = NnTesting.forward(layer, manager, false, x, mask,
                    index(manager, route)).get(0);

            for (Pair<String, Parameter> p : layer.expert(1).getParameters()) {
                p.getValue().getArray().addi(0.5f);
            }
            NDArray after = NnTesting.forward(layer, manager, false, x, mask,
                    index(manager, route)).get(0);

            float[] a = before.toFloatArray();
            float[] b = after.toFloatArray();
            for (int token = 0; token < route.length; token++) {
                if (route[token] == 0) {
                    assertThat(maxAbsDiff(a, b, token)).as("token %d", token).isZero();
                } else {
                    assertThat(maxAbsDiff(a, b, token)).as("token %d", token).isGreaterThan(1e-3f);
                }
            }
        }
    }

    @Test
    void paddingDoesNotChangeRealPositions() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiwayEncoderLayer layer = layer(manager, config().optLayerScale(0.1f));
            NDArray x = manager.randomNormal(X);
            NDArray mask = NnTesting.mask(manager, 4, 2, 3);
            NDArray route = index(manager, 0, 1, 1, 0, 1, 0, 1, 0);
            NDArray a = NnTesting.forward(layer, manager, false, x, mask, route).get(0);
            NDArray b = NnTesting.forward(layer, manager, false,
                    NnTesting.repad(manager, x, mask), mask, route).get(0);

            assertThat(NnTesting.maxDiffAtReal(a, b, mask)).isLessThan(1e-5f);
        }
    }

    @Test
    void aSharedLayerIgnoresTheExpertIndex() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiwayEncoderLayer layer = layer(manager, config().optSharedExpert(true));
            NDArray x = manager.randomNormal(X);
            NDArray mask = NnTesting.mask(manager, 4, 4, 2);
            NDArray a = NnTesting.forward(layer, manager, false, x, mask,
                    index(manager, 0, 0, 0, 0, 0, 0, 0, 0)).get(0);
            NDArray b = NnTesting.forward(layer, manager, false, x, mask,
                    index(manager, 1, 0, 1, 7, 1, 1, 0, 5)).get(0);

            assertThat(layer.isShared()).isTrue();
            assertThat(layer.expertCount()).isEqualTo(1);
            assertThat(a.sub(b).abs().max().getFloat()).isZero();
        }
    }

    @Test
    void gradientsReachEveryParameterWhenEveryExpertHasTokens() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiwayEncoderLayer layer = layer(manager, config().optExperts(3).optLayerScale(0.1f));
            NnTesting.assertEveryParameterGetsGradient(layer, manager, manager.randomNormal(X),
                    NnTesting.mask(manager, 4, 3, 4), index(manager, 0, 1, 2, 0, 2, 2, 1, 0));
        }
    }

    @Test
    void anIndexOutOfRangeIsAUserError() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiwayEncoderLayer layer = layer(manager, config());
            assertThatThrownBy(() -> NnTesting.forward(layer, manager, false,
                    manager.randomNormal(X), NnTesting.mask(manager, 4, 4, 4),
                    index(manager, 0, 1, 0, 1, 0, 2, 0, 1)))
                    .isInstanceOf(UserInputException.class)
                    .hasMessageContaining("(1, 1)").hasMessageContaining("[0, 2)");
            assertThatThrownBy(() -> layer.freezeExpert(2, true))
                    .isInstanceOf(UserInputException.class);
        }
    }

    @Test
    void aFrozenExpertStaysBitIdenticalUnderAdamW() {
        MultiwayEncoder encoder = MultiwayEncoder.builder().setLayers(2).setLayer(config()
                .optLayerScale(0.1f)).optSharedExpertFrom(1).build();
        try (Model model = Model.newInstance("multiway")) {
            model.setBlock(encoder);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.adamW().optLearningRateTracker(Tracker.fixed(1e-2f))
                            .build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(X, MASK, MASK);
                encoder.freezeExpert(0, true);
                MultiwayEncoderLayer routed = encoder.layers().get(0);
                MultiwayEncoderLayer shared = encoder.layers().get(1);
                assertThat(routed.isShared()).isFalse();
                assertThat(shared.isShared()).isTrue();
                Map<String, float[]> frozen = snapshot(routed.expert(0));
                Map<String, float[]> trainable = snapshot(routed.expert(1));
                Map<String, float[]> sharedBefore = snapshot(shared.expert(0));

                int modelArrays = -1;
                for (int step = 0; step < 3; step++) {
                    if (step == 1) {
                        // Any array a block wrongly attaches to a long-lived manager now throws.
                        trainer.getManager().cap();
                        modelArrays = model.getNDManager().getManagedArrays().size();
                    }
                    try (NDManager batch = trainer.getManager().newSubManager()) {
                        NDArray x = batch.randomNormal(X);
                        NDArray target = batch.randomNormal(X);
                        NDArray mask = NnTesting.mask(batch, 4, 4, 3);
                        NDArray route = batch.create(new long[] {0, 1, 0, 1, 1, 0, 1, 0}, MASK);
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDArray out = trainer.forward(new NDList(x, mask, route)).get(0);
                            collector.backward(out.sub(target).square().mean());
                        }
                        trainer.step();
                    }
                }

                assertThat(model.getNDManager().getManagedArrays()).hasSize(modelArrays);
                assertThat(snapshot(routed.expert(0))).allSatisfy((name, values) ->
                        assertThat(values).as(name).containsExactly(frozen.get(name)));
                assertThat(snapshot(routed.expert(1))).allSatisfy((name, values) ->
                        assertThat(values).as(name).isNotEqualTo(trainable.get(name)));
                assertThat(snapshot(shared.expert(0))).allSatisfy((name, values) ->
                        assertThat(values).as(name).isNotEqualTo(sharedBefore.get(name)));
            }
        }
    }

    @Test
    void trainingGoesOnWhenAnExpertHasNoTokensInTheBatch() {
        MultiwayEncoderLayer layer = config().build();
        try (Model model = Model.newInstance("multiway")) {
            model.setBlock(layer);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.adamW().build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(X, MASK, MASK);
                Map<String, float[]> before = snapshot(layer.expert(0));
                for (int step = 0; step < 2; step++) {
                    try (NDManager batch = trainer.getManager().newSubManager()) {
                        NDArray x = batch.randomNormal(X);
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDArray out = trainer.forward(new NDList(x, batch.ones(MASK),
                                    batch.zeros(MASK))).get(0);
                            collector.backward(out.square().mean());
                        }
                        trainer.step();
                    }
                }
                assertThat(snapshot(layer.expert(0))).allSatisfy((name, values) ->
                        assertThat(values).as(name).isNotEqualTo(before.get(name)));
            }
        }
    }

    private static Map<String, float[]> snapshot(Block block) {
        Map<String, float[]> values = new HashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            values.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return values;
    }
}
