package ai.braid.api.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class TransformerEncoderLayerTest {

    private static final Shape X = new Shape(2, 5, 8);
    private static final Shape MASK = new Shape(2, 5);

    private static TransformerEncoderLayer.Builder config(NormPlacement placement) {
        return TransformerEncoderLayer.builder().setDim(8).setHeads(2).setFfnDim(16)
                .optDropout(0f).optNormPlacement(placement);
    }

    private static TransformerEncoderLayer layer(NDManager manager, NormPlacement placement) {
        TransformerEncoderLayer layer = config(placement).build();
        NnTesting.initialize(layer, manager, X, MASK);
        return layer;
    }

    @Test
    void outputsHaveTheDocumentedShapes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (NormPlacement placement : NormPlacement.values()) {
                TransformerEncoderLayer layer = layer(manager, placement);
                NDArray mask = NnTesting.mask(manager, 5, 3, 5);
                NDList out = NnTesting.forward(layer, manager, false, manager.randomNormal(X), mask);

                assertThat(out).hasSize(3);
                assertThat(out.get(0).getShape()).isEqualTo(X);
                assertThat(out.get(1)).isSameAs(mask);
                assertThat(out.get(2).getShape()).isEqualTo(new Shape(2, 2, 5, 5));
                assertThat(layer.getOutputShapes(new Shape[] {X, MASK}))
                        .containsExactly(X, MASK, new Shape(2, 2, 5, 5));
            }
        }
    }

    @Test
    void paddingDoesNotChangeRealPositions() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (NormPlacement placement : NormPlacement.values()) {
                TransformerEncoderLayer layer = layer(manager, placement);
                NDArray mask = NnTesting.mask(manager, 5, 2, 5);
                NDArray x = manager.randomNormal(X);
                NDArray a = NnTesting.forward(layer, manager, false, x, mask).get(0);
                NDArray b = NnTesting.forward(layer, manager, false,
                        NnTesting.repad(manager, x, mask), mask).get(0);

                assertThat(NnTesting.maxDiffAtReal(a, b, mask)).as(placement.name())
                        .isLessThan(1e-4f);
            }
        }
    }

    @Test
    void postLnRowsAreNormalisedAndPreLnRowsKeepTheResidualStream() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomNormal(X).add(3f);
            NDArray mask = NnTesting.mask(manager, 5, 5, 5);
            float[][] post = NnTesting.rows(NnTesting.forward(layer(manager, NormPlacement.POST),
                    manager, false, x, mask).get(0).reshape(10, 8));
            for (float[] row : post) {
                double mean = mean(row);
                assertThat(mean).isCloseTo(0.0, within(1e-4));
                assertThat(variance(row, mean)).isCloseTo(1.0, within(1e-3));
            }

            // Pre-LN normalises only what enters each sub-layer, so a constant added to every
            // feature passes along the residual stream unchanged: pre(x + 3) = pre(x) + 3.
            TransformerEncoderLayer preLn = layer(manager, NormPlacement.PRE);
            NDArray shifted = NnTesting.forward(preLn, manager, false, x, mask).get(0);
            NDArray plain = NnTesting.forward(preLn, manager, false, x.sub(3f), mask).get(0);
            for (float difference : shifted.sub(plain).toFloatArray()) {
                assertThat(difference).as("pre-LN keeps the +3 offset of its input")
                        .isCloseTo(3f, within(1e-4f));
            }
        }
    }

    private static double mean(float[] row) {
        double sum = 0;
        for (float v : row) {
            sum += v;
        }
        return sum / row.length;
    }

    private static double variance(float[] row, double mean) {
        double sum = 0;
        for (float v : row) {
            sum += (v - mean) * (v - mean);
        }
        return sum / row.length;
    }

    @Test
    void reluAndGeluLayersDiffer() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TransformerEncoderLayer gelu = layer(manager, NormPlacement.PRE);
            TransformerEncoderLayer relu = config(NormPlacement.PRE)
                    .optActivation(ActivationKind.RELU).build();
            NnTesting.initialize(relu, manager, X, MASK);
            relu.getParameters().forEach(p -> p.getValue().getArray().set(
                    gelu.getParameters().get(p.getKey()).getArray().toFloatArray()));
            NDArray x = manager.randomNormal(X);
            NDArray mask = NnTesting.mask(manager, 5, 5, 5);

            NDArray a = NnTesting.forward(gelu, manager, false, x, mask).get(0);
            NDArray b = NnTesting.forward(relu, manager, false, x, mask).get(0);

            assertThat(a.sub(b).abs().max().getFloat()).isGreaterThan(1e-4f);
        }
    }

    @Test
    void gradientsReachEveryParameter() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (NormPlacement placement : NormPlacement.values()) {
                NnTesting.assertEveryParameterGetsGradient(layer(manager, placement), manager,
                        manager.randomNormal(X), NnTesting.mask(manager, 5, 3, 5));
            }
        }
    }

    @Test
    void anEncoderStacksLayersAndReturnsTheirAttention() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TransformerEncoder encoder = TransformerEncoder.builder().setLayers(3)
                    .setLayer(config(NormPlacement.PRE)).optReturnAttention(true).build();
            NnTesting.initialize(encoder, manager, X, MASK);
            NDArray mask = NnTesting.mask(manager, 5, 2, 5);
            NDArray x = manager.randomNormal(X);
            NDList out = NnTesting.forward(encoder, manager, false, x, mask);

            assertThat(out).hasSize(5);
            assertThat(out.get(0).getShape()).isEqualTo(X);
            assertThat(out.get(4).getShape()).isEqualTo(new Shape(2, 2, 5, 5));
            assertThat(encoder.getOutputShapes(new Shape[] {X, MASK})).hasSize(5);
            assertThat(encoder.layers()).hasSize(3);
            assertThat(encoder.layers().get(0).getParameters().get(0).getValue().getArray()
                    .toFloatArray()).isNotEqualTo(encoder.layers().get(1).getParameters().get(0)
                    .getValue().getArray().toFloatArray());
            NDArray repadded = NnTesting.forward(encoder, manager, false,
                    NnTesting.repad(manager, x, mask), mask).get(0);
            assertThat(NnTesting.maxDiffAtReal(out.get(0), repadded, mask)).isLessThan(1e-4f);
            NnTesting.assertEveryParameterGetsGradient(encoder, manager, x, mask);
        }
    }
}
