package ai.braid.plugin.pcme.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.UserInputException;
import ai.braid.plugin.pcme.similarity.GaussianSet;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class GalleryExpansionTest {

    @Test
    void keepsTheSeedRowsAndDrawsUnitRowsNearTheirSourceWithItsSigma() {
        Engine.getInstance().setRandomSeed(2);
        try (NDManager manager = NDManager.newBaseManager()) {
            int items = 5;
            int d = 4;
            GaussianSet seed = new GaussianSet(
                    manager.randomNormal(new Shape(items, d)).mul(2f),
                    manager.randomUniform(-5f, -4f, new Shape(items, d)));
            float[] seedMu = seed.mu().toFloatArray();
            float[] seedLs = seed.logSigma().toFloatArray();
            GaussianSet grown;
            try (NDManager out = manager.newSubManager()) {
                grown = GalleryExpansion.expand(seed, 23, out);
                assertThat(grown.mu().getShape()).isEqualTo(new Shape(23, d));
                float[] mu = grown.mu().toFloatArray();
                float[] ls = grown.logSigma().toFloatArray();
                for (int row = 0; row < 23; row++) {
                    int source = row % items;
                    double norm = 0;
                    double sourceNorm = 0;
                    for (int j = 0; j < d; j++) {
                        assertThat(ls[row * d + j]).isEqualTo(seedLs[source * d + j]);
                        norm += mu[row * d + j] * mu[row * d + j];
                        sourceNorm += seedMu[source * d + j] * seedMu[source * d + j];
                    }
                    for (int j = 0; j < d; j++) {
                        if (row < items) {
                            assertThat(mu[row * d + j]).isEqualTo(seedMu[row * d + j]);
                        } else {
                            // sigma <= e^-4 = 0.018 on a mean of norm ~4: the draw's direction
                            // is the source's.
                            assertThat((double) mu[row * d + j]).isCloseTo(
                                    seedMu[source * d + j] / Math.sqrt(sourceNorm),
                                    within(0.05));
                        }
                    }
                    if (row >= items) {
                        assertThat(norm).isCloseTo(1.0, within(1e-5));
                        assertThat(mu[row * d]).isNotEqualTo(mu[(row - items) * d]);
                    }
                }
            }
            assertThat(grown.mu().isReleased()).isTrue();
        }
    }

    @Test
    void aSmallerSizeTakesTheFirstSeedRowsAndPointsAreRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianSet seed = new GaussianSet(manager.arange(12f).reshape(6, 2),
                    manager.zeros(new Shape(6, 2)));
            GaussianSet grown = GalleryExpansion.expand(seed, 2, manager);
            assertThat(grown.mu().toFloatArray()).containsExactly(0f, 1f, 2f, 3f);
            assertThatThrownBy(() -> GalleryExpansion.expand(GaussianSet.points(seed.mu()), 9,
                    manager)).isInstanceOf(UserInputException.class)
                    .hasMessageContaining("sigma");
            assertThatThrownBy(() -> GalleryExpansion.expand(seed, 0, manager))
                    .isInstanceOf(UserInputException.class);
        }
    }
}
