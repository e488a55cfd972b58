package ai.braid.plugin.ssesf.pretrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class HardNegativesTest {

    /** Four unit images; text 1 is image 0's direction, the other texts are orthogonal to it. */
    private static NDArray[] nearTwin(NDManager manager) {
        NDArray images = manager.create(new float[] {
            1, 0, 0, 0,
            0, 1, 0, 0,
            0, 0, 1, 0,
            0, 0, 0, 1}, new Shape(4, 4));
        NDArray texts = manager.create(new float[] {
            0, 1, 0, 0,
            1, 0, 0, 0,
            0, 0, 1, 0,
            0, 0, 0, 1}, new Shape(4, 4));
        return new NDArray[] {images, texts};
    }

    @Test
    void theNearTwinIsDrawnAlmostAlways() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray[] pair = nearTwin(manager);
            int twin = 0;
            for (int draw = 0; draw < 200; draw++) {
                Engine.getInstance().setRandomSeed(draw);
                long[] partners = HardNegatives.partners(pair[0], pair[1], null, 0.07f, true)
                        .toLongArray();
                assertThat(partners[0]).isNotZero();
                twin += partners[0] == 1 ? 1 : 0;
            }
            assertThat(twin).isGreaterThanOrEqualTo(198);
        }
    }

    @Test
    void equallySimilarPartnersAreDrawnAboutEquallyOftenAndNeverSelf() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray same = manager.ones(new Shape(4, 3));
            int[][] counts = new int[4][4];
            for (int draw = 0; draw < 300; draw++) {
                Engine.getInstance().setRandomSeed(1000 + draw);
                long[] partners = HardNegatives.partners(same, same, null, 0.07f, true)
                        .toLongArray();
                for (int i = 0; i < 4; i++) {
                    counts[i][(int) partners[i]]++;
                }
            }
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    if (i == j) {
                        assertThat(counts[i][j]).isZero();
                    } else {
                        // 100 expected of 300; binomial sd about 8
                        assertThat(counts[i][j]).as("%d -> %d", i, j).isBetween(60, 140);
                    }
                }
            }
        }
    }

    @Test
    void withoutSamplingThePartnerIsTheMostSimilarOther() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray[] pair = nearTwin(manager);
            long[] partners = HardNegatives.partners(pair[0], pair[1], null, 0.07f, false)
                    .toLongArray();
            // image 0 -> text 1 (its direction); image 1 -> text 0; images 2, 3 see ties of
            // cosine 0 among the others after their own text is excluded
            assertThat(partners[0]).isEqualTo(1);
            assertThat(partners[1]).isEqualTo(0);
            assertThat(partners[2]).isNotEqualTo(2);
            assertThat(partners[3]).isNotEqualTo(3);
            NDArray two = manager.create(new float[] {1, 0, 1, 0}, new Shape(2, 2));
            assertThat(HardNegatives.partners(two, two, null, 0.07f, false).toLongArray())
                    .containsExactly(1, 0);
        }
    }

    @Test
    void aPartnerThatWouldMatchIsDrawnOnlyWhenNothingElseIsLeft() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray[] pair = nearTwin(manager);
            // text 1 is the same text as sample 0's: not a negative for image 0
            NDArray matching = manager.eye(4);
            matching.set(new NDIndex("0, 1"), 1f);
            matching.set(new NDIndex("1, 0"), 1f);
            NDArray allMatch = manager.ones(new Shape(4, 4));
            for (int draw = 0; draw < 50; draw++) {
                Engine.getInstance().setRandomSeed(draw);
                long[] partners = HardNegatives.partners(pair[0], pair[1], matching, 0.07f, true)
                        .toLongArray();
                assertThat(partners[0]).isIn(2L, 3L);
                assertThat(partners[1]).isIn(2L, 3L);
                long[] fallback = HardNegatives.partners(pair[0], pair[1], allMatch, 0.07f,
                        true).toLongArray();
                for (int i = 0; i < 4; i++) {
                    assertThat(fallback[i]).isNotEqualTo(i);
                }
                assertThat(fallback[0]).isEqualTo(1);
            }
        }
    }

    @Test
    void sameRowsNeedTheSameTokensAndTheSamePadding() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray tokens = manager.randomNormal(new Shape(4, 3, 2));
            tokens.set(new NDIndex("1"), tokens.get("0"));
            tokens.set(new NDIndex("2"), tokens.get("0"));
            tokens.set(new NDIndex("3, 0:2"), tokens.get("0, 0:2"));
            NDArray mask = manager.create(new float[] {1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 0},
                    new Shape(4, 3));

            // 2 has 0's tokens but one fewer real token; 3 differs only under its padding
            // from 2
            assertThat(HardNegatives.sameRows(tokens, mask).toFloatArray()).containsExactly(
                    1, 1, 0, 0,
                    1, 1, 0, 0,
                    0, 0, 1, 1,
                    0, 0, 1, 1);
        }
    }

    @Test
    void aBatchOfOneHasNoPartner() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray one = manager.ones(new Shape(1, 3));
            assertThatThrownBy(() -> HardNegatives.partners(one, one, null, 0.07f, true))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no other sample");
        }
    }

    @Test
    void swappingASliceTakesThoseRowsFromThePartner() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // sample b, position t holds 10 b + t
            NDArray x = manager.arange(0f, 3f).reshape(3, 1).mul(10)
                    .add(manager.arange(0f, 5f).reshape(1, 5));
            NDArray partners = manager.create(new long[] {2, 0, 1});

            NDArray swapped = HardNegatives.swapSlice(x, partners, 2, 4);
            NDArray tokens = HardNegatives.swapSlice(x.expandDims(2).repeat(2, 2), partners,
                    2, 4);

            assertThat(swapped.toFloatArray()).containsExactly(
                    0, 1, 22, 23, 4,
                    10, 11, 2, 3, 14,
                    20, 21, 12, 13, 24);
            assertThat(tokens.get(":, :, 1").toFloatArray())
                    .containsExactly(swapped.toFloatArray());
            assertThat(HardNegatives.swapSlice(x, partners, 3, 5).get("0").toFloatArray())
                    .containsExactly(0, 1, 2, 23, 24);
        }
    }
}
