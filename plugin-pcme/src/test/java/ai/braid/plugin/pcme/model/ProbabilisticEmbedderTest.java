package ai.braid.plugin.pcme.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProbabilisticEmbedderTest {

    private static final int BATCH = 3;
    private static final int LENGTH = 4;
    private static final int WIDTH = 6;
    private static final int DIMENSION = 4;
    private static final int HIDDEN = 5;
    /** Real tokens per row: row 0 is full, rows 1 and 2 are padded. */
    private static final int[] LENGTHS = {4, 2, 3};
    private static final Shape TOKENS = new Shape(BATCH, LENGTH, WIDTH);
    private static final Shape MASK = new Shape(BATCH, LENGTH);

    static NDArray mask(NDManager manager, int length, int... lengths) {
        float[] values = new float[lengths.length * length];
        for (int b = 0; b < lengths.length; b++) {
            for (int t = 0; t < lengths[b]; t++) {
                values[b * length + t] = 1f;
            }
        }
        return manager.create(values, new Shape(lengths.length, length));
    }

    private static ProbabilisticEmbedder initialised(NDManager manager, boolean contextual,
            boolean probabilistic) {
        ProbabilisticEmbedder embedder =
                new ProbabilisticEmbedder(DIMENSION, HIDDEN, contextual, probabilistic, 1f);
        embedder.initialize(manager, DataType.FLOAT32, TOKENS, MASK);
        return embedder;
    }

    private static NDList forward(ProbabilisticEmbedder embedder, NDManager manager,
            NDArray tokens, NDArray mask, boolean training) {
        return embedder.forward(new ParameterStore(manager, false), new NDList(tokens, mask),
                training);
    }

    private static void assertUnitRows(NDArray mu) {
        float[] values = mu.toFloatArray();
        int width = Math.toIntExact(mu.getShape().get(1));
        for (int row = 0; row < values.length / width; row++) {
            double squared = 0;
            for (int d = 0; d < width; d++) {
                squared += values[row * width + d] * (double) values[row * width + d];
            }
            assertThat(Math.sqrt(squared)).as("norm of row %d", row).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void theProbabilisticEmbedderGivesUnitMeansAndLogSigmaOfWidthD() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ProbabilisticEmbedder embedder = initialised(manager, false, true);
            NDList out = forward(embedder, manager, manager.randomNormal(TOKENS),
                    mask(manager, LENGTH, LENGTHS), false);

            assertThat(embedder.isProbabilistic()).isTrue();
            assertThat(out).hasSize(2);
            assertThat(out.get(0).getShape()).isEqualTo(new Shape(BATCH, DIMENSION));
            assertThat(out.get(1).getShape()).isEqualTo(new Shape(BATCH, DIMENSION));
            assertThat(embedder.getOutputShapes(new Shape[] {TOKENS, MASK}))
                    .containsExactly(new Shape(BATCH, DIMENSION), new Shape(BATCH, DIMENSION));
            assertUnitRows(out.get(0));
            // log sigma is a free linear output: not normalised, so not all rows have norm 1
            assertThat(out.get(1).abs().sum().getFloat()).isGreaterThan(0f);
        }
    }

    @Test
    void theDeterministicEmbedderOutputsOnlyUnitMeansAndHasNoSigmaBranch() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ProbabilisticEmbedder embedder = initialised(manager, false, false);
            NDList out = forward(embedder, manager, manager.randomNormal(TOKENS),
                    mask(manager, LENGTH, LENGTHS), false);

            assertThat(embedder.isProbabilistic()).isFalse();
            assertThat(out).hasSize(1);
            assertThat(out.head().getShape()).isEqualTo(new Shape(BATCH, DIMENSION));
            assertThat(embedder.getOutputShapes(new Shape[] {TOKENS, MASK}))
                    .containsExactly(new Shape(BATCH, DIMENSION));
            assertUnitRows(out.head());
            assertThat(embedder.getParameters().keys()).noneMatch(key -> key.contains("sigma"));
        }
    }

    @Test
    void theContextualEmbedderRunsAGruOverTheTokens() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ProbabilisticEmbedder embedder = initialised(manager, true, true);
            NDList out = forward(embedder, manager, manager.randomNormal(TOKENS),
                    mask(manager, LENGTH, LENGTHS), false);

            assertThat(embedder.getParameters().keys()).anyMatch(key -> key.contains("context"));
            assertThat(out.get(0).getShape()).isEqualTo(new Shape(BATCH, DIMENSION));
            assertThat(out.get(1).getShape()).isEqualTo(new Shape(BATCH, DIMENSION));
            assertUnitRows(out.get(0));
        }
    }

    @Test
    void anOddWidthIsRefusedForAContextualEmbedderOnly() {
        assertThatThrownBy(() -> new ProbabilisticEmbedder(5, HIDDEN, true, true, 1f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("even")
                .hasMessageContaining("5");
        assertThatThrownBy(() -> new ProbabilisticEmbedder(0, HIDDEN, false, true, 1f))
                .isInstanceOf(IllegalArgumentException.class);
        try (NDManager manager = NDManager.newBaseManager()) {
            ProbabilisticEmbedder odd = new ProbabilisticEmbedder(5, HIDDEN, false, true, 1f);
            odd.initialize(manager, DataType.FLOAT32, TOKENS, MASK);
            NDList out = forward(odd, manager, manager.randomNormal(TOKENS),
                    mask(manager, LENGTH, LENGTHS), false);
            assertThat(out.get(0).getShape()).isEqualTo(new Shape(BATCH, 5));
        }
    }

    @Test
    void paddedTokensChangeNeitherMuNorLogSigma() {
        for (boolean contextual : new boolean[] {false, true}) {
            try (NDManager manager = NDManager.newBaseManager()) {
                ProbabilisticEmbedder embedder = initialised(manager, contextual, true);
                NDArray mask = mask(manager, LENGTH, LENGTHS);
                NDArray tokens = manager.randomNormal(TOKENS);
                NDArray keep = mask.expandDims(2);
                NDArray noise = manager.randomNormal(0f, 10f, TOKENS, DataType.FLOAT32);
                NDArray repadded = tokens.mul(keep).add(noise.mul(keep.neg().add(1f)));
                assertThat(repadded.sub(tokens).abs().max().getFloat()).isGreaterThan(1f);

                NDList before = forward(embedder, manager, tokens, mask, false);
                NDList after = forward(embedder, manager, repadded, mask, false);

                for (int i = 0; i < 2; i++) {
                    assertThat(after.get(i).sub(before.get(i)).abs().max().getFloat())
                            .as("output %d, contextual %s", i, contextual).isLessThan(1e-5f);
                }
                // a real token does move the outputs, so the comparison above can fail
                NDArray changedReal = tokens.duplicate();
                changedReal.set(new NDIndex("1, 0, :"),
                        manager.randomNormal(0f, 10f, new Shape(WIDTH), DataType.FLOAT32));
                NDList moved = forward(embedder, manager, changedReal, mask, false);
                assertThat(moved.get(0).sub(before.get(0)).abs().max().getFloat())
                        .as("contextual %s", contextual).isGreaterThan(1e-4f);
                assertThat(moved.get(1).sub(before.get(1)).abs().max().getFloat())
                        .as("contextual %s", contextual).isGreaterThan(1e-4f);
            }
        }
    }

    @Test
    void everyParameterGetsAGradientIncludingTheSigmaBranch() {
        for (boolean contextual : new boolean[] {false, true}) {
            try (NDManager manager = NDManager.newBaseManager()) {
                ProbabilisticEmbedder embedder = initialised(manager, contextual, true);
                NDArray tokens = manager.randomNormal(TOKENS);
                NDArray mask = mask(manager, LENGTH, LENGTHS);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDList out = forward(embedder, manager, tokens, mask, true);
                    // random projections: a plain sum is blind to parameters before a norm
                    NDArray loss = out.get(0).mul(manager.randomNormal(out.get(0).getShape()))
                            .sum().add(out.get(1)
                                    .mul(manager.randomNormal(out.get(1).getShape())).sum());
                    collector.backward(loss);
                }
                Map<String, Float> sums = gradientSums(embedder);

                assertThat(sums.keySet()).anyMatch(key -> key.contains("sigma_attention"))
                        .anyMatch(key -> key.contains("sigma_local"))
                        .anyMatch(key -> key.contains("sigma_global"))
                        .anyMatch(key -> key.contains("norm"));
                assertThat(sums).allSatisfy((name, sum) ->
                        assertThat(sum).as("%s, contextual %s", name, contextual)
                                .isGreaterThan(0f));
            }
        }
    }

    @Test
    void logSigmaAloneSendsGradientsToTheSigmaBranch() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ProbabilisticEmbedder embedder = initialised(manager, false, true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logSigma = forward(embedder, manager, manager.randomNormal(TOKENS),
                        mask(manager, LENGTH, LENGTHS), true).get(1);
                collector.backward(logSigma.mul(manager.randomNormal(logSigma.getShape())).sum());
            }
            Map<String, Float> sums = gradientSums(embedder);

            assertThat(sums).allSatisfy((name, sum) -> {
                if (name.contains("sigma_")) {
                    assertThat(sum).as(name).isGreaterThan(0f);
                } else if (!name.contains("context")) {
                    // the mu branch does not feed log sigma
                    assertThat(sum).as(name).isEqualTo(0f);
                }
            });
        }
    }

    private static Map<String, Float> gradientSums(ProbabilisticEmbedder embedder) {
        Map<String, Float> sums = new LinkedHashMap<>();
        for (Pair<String, Parameter> parameter : embedder.getParameters()) {
            try (NDArray gradient = parameter.getValue().getArray().getGradient()) {
                sums.put(parameter.getKey(), gradient.abs().sum().getFloat());
            }
        }
        return sums;
    }
}
