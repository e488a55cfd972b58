package ai.braid.api.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.UserInputException;
import ai.braid.api.data.FusedOutput;
import ai.braid.api.data.Modality;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SingleStreamFusionTest {

    private static final Modality A = Modality.of("a");
    private static final Modality B = Modality.of("b");
    private static final int DIM = 4;
    /** a: 2 tokens of width 4 (= dim, no projection); b: 3 tokens of width 3 (projected). */
    private static final Shape[] SHAPES = {
        new Shape(2, 2, 4), new Shape(2, 2), new Shape(2, 3, 3), new Shape(2, 3)
    };
    private static final int LENGTH = 6;

    /** An encoder that returns the joint sequence unchanged and remembers the lengths. */
    private static final class Identity extends SingleStreamFusion {

        private long[] lengths;

        Identity() {
            this(TokenPooling.CLS);
        }

        Identity(TokenPooling pooling) {
            super((byte) 1, "identity fusion", List.of(A, B), Map.of(A, 4, B, 3), DIM, pooling);
        }

        @Override
        protected NDList encode(ParameterStore store, NDArray tokens, NDArray mask,
                long[] lengths, boolean training, PairList<String, Object> params) {
            this.lengths = lengths.clone();
            return new NDList(tokens);
        }

        @Override
        protected void initializeEncoder(NDManager manager, DataType dataType, Shape fused) {
            // no encoder parameters
        }

        @Override
        protected List<Shape> attentionShapes(Shape fused) {
            return List.of();
        }
    }

    @Test
    void meanPoolingAveragesTheRealTokensOfTheLastLayerTheClsIncluded() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Identity block = new Identity(TokenPooling.MEAN);
            NnTesting.initialize(block, manager, SHAPES);
            NDList out = NnTesting.forward(block, manager, false,
                    manager.randomNormal(SHAPES[0]), NnTesting.mask(manager, 2, 1, 2),
                    manager.randomNormal(SHAPES[2]), NnTesting.mask(manager, 3, 3, 2));
            FusedOutput fused = FusedOutput.from(out);

            float[] sequence = fused.sequence().toFloatArray();
            float[] mask = fused.mask().toFloatArray();
            float[] pooled = fused.pooled().toFloatArray();
            for (int row = 0; row < 2; row++) {
                for (int d = 0; d < DIM; d++) {
                    double sum = 0;
                    int real = 0;
                    for (int t = 0; t < LENGTH; t++) {
                        if (mask[row * LENGTH + t] == 1) {
                            sum += sequence[(row * LENGTH + t) * DIM + d];
                            real++;
                        }
                    }
                    assertThat(pooled[row * DIM + d]).isCloseTo((float) (sum / real),
                            within(1e-5f));
                }
            }
            assertThat(real(mask, 0)).isEqualTo(5);
        }
    }

    private static int real(float[] mask, int row) {
        int count = 0;
        for (int t = 0; t < LENGTH; t++) {
            count += (int) mask[row * LENGTH + t];
        }
        return count;
    }

    private static float[] values(Identity block, String key) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getKey().equals(key)) {
                return p.getValue().getArray().toFloatArray();
            }
        }
        throw new AssertionError("no parameter " + key);
    }

    @Test
    void theSequenceIsClsThenEachModalityProjectedPlusItsTypeEmbedding() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Identity block = new Identity();
            NnTesting.initialize(block, manager, SHAPES);
            NDArray xa = manager.randomNormal(SHAPES[0]);
            NDArray xb = manager.randomNormal(SHAPES[2]);
            NDList out = NnTesting.forward(block, manager, false, xa,
                    NnTesting.mask(manager, 2, 1, 2), xb, NnTesting.mask(manager, 3, 3, 2));
            FusedOutput fused = FusedOutput.from(out);

            List<String> keys = new ArrayList<>();
            block.getParameters().forEach(p -> keys.add(p.getKey()));
            assertThat(keys).containsExactly("typeEmbeddings", "cls", "01projection1_weight",
                    "01projection1_bias");
            assertThat(block.lengths).containsExactly(2, 3);
            assertThat(out.getShapes()).containsExactly(block.getOutputShapes(SHAPES));
            assertThat(fused.mask().toFloatArray()).containsExactly(
                    1, 1, 0, 1, 1, 1,
                    1, 1, 1, 1, 1, 0);

            float[] types = values(block, "typeEmbeddings");
            float[] cls = values(block, "cls");
            float[] weight = values(block, "01projection1_weight");
            float[] bias = values(block, "01projection1_bias");
            float[] a = xa.toFloatArray();
            float[] b = xb.toFloatArray();
            double[][][] expected = new double[2][LENGTH][DIM];
            for (int row = 0; row < 2; row++) {
                for (int d = 0; d < DIM; d++) {
                    expected[row][0][d] = cls[d];
                    for (int t = 0; t < 2; t++) {
                        expected[row][1 + t][d] = a[(row * 2 + t) * DIM + d] + types[d];
                    }
                    for (int t = 0; t < 3; t++) {
                        double y = bias[d] + types[DIM + d];
                        for (int i = 0; i < 3; i++) {
                            y += b[(row * 3 + t) * 3 + i] * weight[d * 3 + i];
                        }
                        expected[row][3 + t][d] = y;
                    }
                }
            }
            float[] sequence = fused.sequence().toFloatArray();
            for (int row = 0; row < 2; row++) {
                for (int t = 0; t < LENGTH; t++) {
                    for (int d = 0; d < DIM; d++) {
                        assertThat(sequence[(row * LENGTH + t) * DIM + d]).as("%d %d %d", row, t, d)
                                .isCloseTo((float) expected[row][t][d], within(1e-5f));
                    }
                }
            }
            assertThat(fused.pooled().toFloatArray()).containsExactly(cls[0], cls[1], cls[2],
                    cls[3], cls[0], cls[1], cls[2], cls[3]);
            // row 0 of a has one real token (position 1), row 1 of b two (positions 3, 4)
            float[] pooledA = fused.modalityPooled().get(A).toFloatArray();
            float[] pooledB = fused.modalityPooled().get(B).toFloatArray();
            for (int d = 0; d < DIM; d++) {
                assertThat(pooledA[d]).isCloseTo((float) expected[0][1][d], within(1e-5f));
                assertThat(pooledB[DIM + d]).isCloseTo(
                        (float) (expected[1][3][d] + expected[1][4][d]) / 2, within(1e-5f));
            }
        }
    }

    /** An identity encoder with one layer of attention, uniform over the real keys. */
    private static final class Attending extends SingleStreamFusion {

        Attending(TokenPooling pooling) {
            super((byte) 1, "attending fusion", List.of(A, B), Map.of(A, 4, B, 3), DIM, pooling);
        }

        @Override
        protected NDList encode(ParameterStore store, NDArray tokens, NDArray mask,
                long[] lengths, boolean training, PairList<String, Object> params) {
            long batch = tokens.getShape().get(0);
            long length = tokens.getShape().get(1);
            NDArray uniform = mask.div(mask.sum(new int[] {1}, true)).expandDims(1).expandDims(1)
                    .broadcast(new Shape(batch, 1, length, length));
            return new NDList(tokens, uniform);
        }

        @Override
        protected void initializeEncoder(NDManager manager, DataType dataType, Shape fused) {
            // no encoder parameters
        }

        @Override
        protected List<Shape> attentionShapes(Shape fused) {
            return List.of(new Shape(fused.get(0), 1, fused.get(1), fused.get(1)));
        }
    }

    private static FusedOutput attendingForward(TokenPooling pooling, NDManager manager) {
        Attending block = new Attending(pooling);
        NnTesting.initialize(block, manager, SHAPES);
        NDList out = NnTesting.forward(block, manager, false, manager.randomNormal(SHAPES[0]),
                NnTesting.mask(manager, 2, 1, 2), manager.randomNormal(SHAPES[2]),
                NnTesting.mask(manager, 3, 3, 2));
        assertThat(out.getShapes()).containsExactly(block.getOutputShapes(SHAPES));
        assertThat(out.get(out.size() - 1).getName()).isEqualTo(FusedOutput.POOLING_WEIGHTS);
        return FusedOutput.from(out);
    }

    /** The pooled vector is the pooling-weighted sum of the sequence's tokens. */
    private static void assertPooledIsWeightedSum(FusedOutput fused, float[] weights) {
        float[] sequence = fused.sequence().toFloatArray();
        float[] pooled = fused.pooled().toFloatArray();
        for (int row = 0; row < 2; row++) {
            for (int d = 0; d < DIM; d++) {
                double sum = 0;
                for (int t = 0; t < LENGTH; t++) {
                    sum += weights[row * LENGTH + t] * sequence[(row * LENGTH + t) * DIM + d];
                }
                assertThat(pooled[row * DIM + d]).isCloseTo((float) sum, within(1e-5f));
            }
        }
    }

    @Test
    void clsPoolingWeighsOnlyPositionZero() {
        try (NDManager manager = NDManager.newBaseManager()) {
            FusedOutput fused = attendingForward(TokenPooling.CLS, manager);

            float[] weights = fused.findExtra(FusedOutput.POOLING_WEIGHTS).orElseThrow()
                    .toFloatArray();
            assertThat(weights).containsExactly(
                    1, 0, 0, 0, 0, 0,
                    1, 0, 0, 0, 0, 0);
            assertPooledIsWeightedSum(fused, weights);
        }
    }

    @Test
    void meanPoolingWeighsEveryRealTokenAlikeAndPaddingNot() {
        try (NDManager manager = NDManager.newBaseManager()) {
            FusedOutput fused = attendingForward(TokenPooling.MEAN, manager);

            // mask rows 1 1 0 1 1 1 (5 real) and 1 1 1 1 1 0 (5 real)
            float[] weights = fused.findExtra(FusedOutput.POOLING_WEIGHTS).orElseThrow()
                    .toFloatArray();
            assertThat(weights).containsExactly(
                    0.2f, 0.2f, 0, 0.2f, 0.2f, 0.2f,
                    0.2f, 0.2f, 0.2f, 0.2f, 0.2f, 0);
            assertPooledIsWeightedSum(fused, weights);
        }
    }

    @Test
    void aFusionWithoutAttentionGivesNoPoolingWeights() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Identity block = new Identity(TokenPooling.MEAN);
            NnTesting.initialize(block, manager, SHAPES);
            FusedOutput fused = FusedOutput.from(NnTesting.forward(block, manager, false,
                    manager.randomNormal(SHAPES[0]), NnTesting.mask(manager, 2, 1, 2),
                    manager.randomNormal(SHAPES[2]), NnTesting.mask(manager, 3, 3, 2)));

            assertThat(fused.findExtra(FusedOutput.POOLING_WEIGHTS)).isEmpty();
        }
    }

    @Test
    void tokenPoolingWeightsReadAnIntegerMask() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray mask = manager.create(new int[] {1, 1, 1, 0}, new Shape(1, 4));

            assertThat(TokenPooling.MEAN.weights(mask).toFloatArray())
                    .containsExactly(1 / 3f, 1 / 3f, 1 / 3f, 0);
            assertThat(TokenPooling.CLS.weights(mask).toFloatArray())
                    .containsExactly(1, 0, 0, 0);
        }
    }

    /** Adds one extra: the sum of the joint sequence over positions, shape (B, dim). */
    private static final class WithExtra extends SingleStreamFusion {

        WithExtra() {
            super((byte) 1, "extra fusion", List.of(A, B), Map.of(A, 4, B, 3), DIM);
        }

        @Override
        protected NDList encode(ParameterStore store, NDArray tokens, NDArray mask,
                long[] lengths, boolean training, PairList<String, Object> params) {
            return new NDList(tokens.mul(2f));
        }

        @Override
        protected Map<String, NDArray> extraOutputs(ParameterStore store, NDArray tokens,
                NDArray mask, long[] lengths, NDArray sequence, boolean training,
                PairList<String, Object> params) {
            return Map.of("summed", sequence.sub(tokens).sum(new int[] {1}));
        }

        @Override
        protected List<Shape> extraOutputShapes(Shape fused, long[] lengths) {
            return List.of(new Shape(fused.get(0), DIM));
        }

        @Override
        protected void initializeEncoder(NDManager manager, DataType dataType, Shape fused) {
            // no encoder parameters
        }

        @Override
        protected List<Shape> attentionShapes(Shape fused) {
            return List.of();
        }
    }

    @Test
    void extraOutputsSeeTheJointSequenceAndItsEncodingAndComeLast() {
        try (NDManager manager = NDManager.newBaseManager()) {
            WithExtra block = new WithExtra();
            NnTesting.initialize(block, manager, SHAPES);
            NDList out = NnTesting.forward(block, manager, false, manager.randomNormal(SHAPES[0]),
                    NnTesting.mask(manager, 2, 1, 2), manager.randomNormal(SHAPES[2]),
                    NnTesting.mask(manager, 3, 3, 2));
            FusedOutput fused = FusedOutput.from(out);

            assertThat(out.getShapes()).containsExactly(block.getOutputShapes(SHAPES));
            assertThat(out.get(out.size() - 1).getName()).isEqualTo("summed");
            // the encoding doubles the tokens, so encoding minus tokens is the tokens again
            NDArray expected = fused.sequence().div(2f).sum(new int[] {1});
            assertThat(fused.extras().get("summed").sub(expected).abs().max().getFloat())
                    .isLessThan(1e-5f);
        }
    }

    @Test
    void aTokenWidthOtherThanDeclaredIsAUserErrorNamingTheModality() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Identity block = new Identity();
            NnTesting.initialize(block, manager, SHAPES);
            assertThatThrownBy(() -> NnTesting.forward(block, manager, false,
                    manager.randomNormal(SHAPES[0]), manager.ones(SHAPES[1]),
                    manager.randomNormal(new Shape(2, 3, 5)), manager.ones(SHAPES[3])))
                    .isInstanceOf(UserInputException.class)
                    .hasMessage("identity fusion: modality 'b' gives tokens of width 5, expected 3"
                            + " as its projector declared");
        }
    }
}
