package ai.braid.plugin.ssesf.pretrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenMaskingTest {

    /** Real tokens per row of a (6, 10) mask: 10, 7, 3, 2, 1, 0. */
    private static final int[] LENGTHS = {10, 7, 3, 2, 1, 0};
    private static final int LENGTH = 10;

    private static NDArray mask(NDManager manager) {
        float[] mask = new float[LENGTHS.length * LENGTH];
        for (int b = 0; b < LENGTHS.length; b++) {
            for (int t = 0; t < LENGTHS[b]; t++) {
                mask[b * LENGTH + t] = 1f;
            }
        }
        return manager.create(mask, new Shape(LENGTHS.length, LENGTH));
    }

    /** The documented count: min(K, max(1, round(p n))) for n = length - 2 > 0, else 0. */
    private static int expectedCount(int length, float p, int slots) {
        int maskable = Math.max(0, length - 2);
        return maskable == 0 ? 0 : Math.min(slots, Math.max(1, Math.round(p * maskable)));
    }

    @Test
    void onlyRealTokensBetweenTheFirstAndLastAreMaskedInTheDocumentedNumber() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray mask = mask(manager);
            int[][] seen = new int[LENGTHS.length][LENGTH];
            for (int draw = 0; draw < 60; draw++) {
                Engine.getInstance().setRandomSeed(draw);
                for (float p : new float[] {0.15f, 0.5f}) {
                    TokenMasking.Slots slots = TokenMasking.choose(mask, 4, p, true);
                    assertThat(slots.positions().getShape()).isEqualTo(new Shape(6, 4));
                    long[] positions = slots.positions().toLongArray();
                    float[] valid = slots.valid().toFloatArray();
                    for (int b = 0; b < LENGTHS.length; b++) {
                        Set<Long> chosen = new HashSet<>();
                        for (int k = 0; k < 4; k++) {
                            long position = positions[b * 4 + k];
                            if (valid[b * 4 + k] > 0) {
                                assertThat(position).isBetween(1L, LENGTHS[b] - 2L);
                                assertThat(chosen.add(position)).as("distinct").isTrue();
                                seen[b][(int) position]++;
                            } else {
                                assertThat(valid[b * 4 + k]).isZero();
                                assertThat(position).isZero();
                            }
                        }
                        assertThat(chosen).as("row %d, p %s", b, p)
                                .hasSize(expectedCount(LENGTHS[b], p, 4));
                    }
                }
            }
            // every maskable token of the longest row is drawn at some point
            for (int t = 1; t <= 8; t++) {
                assertThat(seen[0][t]).as("position %d", t).isPositive();
            }
        }
    }

    @Test
    void slotsBeyondTheSequenceLengthAreUnused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray mask = manager.ones(new Shape(2, 4));
            TokenMasking.Slots slots = TokenMasking.choose(mask, 6, 1f, true);

            assertThat(slots.positions().getShape()).isEqualTo(new Shape(2, 6));
            float[] valid = slots.valid().toFloatArray();
            assertThat(valid).containsExactly(1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0);
            long[] positions = slots.positions().toLongArray();
            assertThat(new long[] {positions[0], positions[1]}).containsExactlyInAnyOrder(1, 2);
        }
    }

    @Test
    void inInferenceTheChoiceIsTheSameEveryTime() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray mask = mask(manager);
            Engine.getInstance().setRandomSeed(1);
            long[] first = TokenMasking.choose(mask, 4, 0.5f, false).positions().toLongArray();
            Engine.getInstance().setRandomSeed(2);
            long[] second = TokenMasking.choose(mask, 4, 0.5f, false).positions().toLongArray();

            assertThat(second).containsExactly(first);
        }
    }

    @Test
    void thePositionCodeIsTheTransformersSinusoid() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] code = TokenMasking.positionCode(manager, 3, 4).toFloatArray();

            // position 2: sin(2), cos(2), sin(2 / 100), cos(2 / 100)
            assertThat(code[8]).isCloseTo((float) Math.sin(2), within(1e-6f));
            assertThat(code[9]).isCloseTo((float) Math.cos(2), within(1e-6f));
            assertThat(code[10]).isCloseTo((float) Math.sin(0.02), within(1e-6f));
            assertThat(code[11]).isCloseTo((float) Math.cos(0.02), within(1e-6f));
            assertThat(new float[] {code[0], code[1]}).containsExactly(0f, 1f);
        }
    }
}
