package ai.braid.plugin.betavae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DSpritesRendererTest {

    /** Also in bench/torch_betavae_sweep.py's self-test. */
    private static final String RENDER_DIGEST =
            "829dd8054fd3e416a52477b257aed4a3a45e075a7877d1a7f41c7dca1b1b1fb6";

    private final DSpritesRenderer renderer = new DSpritesRenderer();

    private static int on(byte[] pixels) {
        int count = 0;
        for (byte pixel : pixels) {
            count += pixel;
        }
        return count;
    }

    /** Mean x and y of the lit pixels. */
    private static double[] centroid(byte[] pixels) {
        double x = 0;
        double y = 0;
        int count = 0;
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i] == 1) {
                x += i % DSpritesRenderer.SIZE;
                y += i / DSpritesRenderer.SIZE;
                count++;
            }
        }
        return new double[] {x / count, y / count};
    }

    @Test
    void theIndexFormulaMatchesTheOriginalOrdering() {
        assertThat(new DSpritesFactors(0, 0, 0, 0, 0).index()).isZero();
        assertThat(new DSpritesFactors(0, 0, 0, 0, 1).index()).isEqualTo(1);
        assertThat(new DSpritesFactors(0, 0, 0, 1, 0).index()).isEqualTo(32);
        assertThat(new DSpritesFactors(0, 0, 1, 0, 0).index()).isEqualTo(1024);
        assertThat(new DSpritesFactors(0, 1, 0, 0, 0).index()).isEqualTo(40960);
        assertThat(new DSpritesFactors(1, 0, 0, 0, 0).index()).isEqualTo(245760);
        assertThat(new DSpritesFactors(2, 5, 39, 31, 31).index())
                .isEqualTo(DSpritesFactors.COUNT - 1);
        for (int index : new int[] {0, 1, 12_345, 400_000, DSpritesFactors.COUNT - 1}) {
            assertThat(DSpritesFactors.ofIndex(index).index()).isEqualTo(index);
        }
        assertThatThrownBy(() -> DSpritesFactors.ofIndex(DSpritesFactors.COUNT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DSpritesFactors(3, 0, 0, 0, 0))
                .hasMessageContaining("shape index 3 is outside [0, 3)");
    }

    /**
     * The pixels of every 37th image (19,927 of them, all shapes, scales, orientations and
     * positions), pinned by their SHA-256. The PyTorch peer in bench/ trains on its own copy of
     * this renderer, and its self-test checks the same digest, so the benchmark's two sides
     * cannot drift apart on the data without one of the two failing.
     */
    @Test
    void everyThirtySeventhImageHasThePinnedPixels() throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (int index = 0; index < DSpritesFactors.COUNT; index += 37) {
            digest.update(renderer.render(DSpritesFactors.ofIndex(index)));
        }

        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(RENDER_DIGEST);
    }

    @Test
    void theSameFactorsGiveTheSameBinaryImage() {
        DSpritesFactors factors = new DSpritesFactors(2, 3, 17, 9, 22);
        byte[] first = renderer.render(factors);

        assertThat(renderer.render(factors)).isEqualTo(first);
        assertThat(first).hasSize(64 * 64);
        for (byte pixel : first) {
            assertThat(pixel).isIn((byte) 0, (byte) 1);
        }
        assertThat(on(first)).isPositive();
    }

    @Test
    void everyFactorChangesTheImage() {
        DSpritesFactors base = new DSpritesFactors(0, 2, 5, 10, 10);
        byte[] image = renderer.render(base);

        assertThat(renderer.render(new DSpritesFactors(1, 2, 5, 10, 10))).isNotEqualTo(image);
        assertThat(renderer.render(new DSpritesFactors(2, 2, 5, 10, 10))).isNotEqualTo(image);
        assertThat(renderer.render(new DSpritesFactors(0, 3, 5, 10, 10))).isNotEqualTo(image);
        assertThat(renderer.render(new DSpritesFactors(0, 2, 6, 10, 10))).isNotEqualTo(image);
        assertThat(renderer.render(new DSpritesFactors(0, 2, 5, 11, 10))).isNotEqualTo(image);
        assertThat(renderer.render(new DSpritesFactors(0, 2, 5, 10, 11))).isNotEqualTo(image);
    }

    @Test
    void positionMovesTheCentreAndScaleGrowsTheArea() {
        double[] left = centroid(renderer.render(new DSpritesFactors(1, 5, 0, 0, 15)));
        double[] right = centroid(renderer.render(new DSpritesFactors(1, 5, 0, 31, 15)));
        // x goes from 0.25 * 64 to 0.75 * 64: 32 pixels apart.
        assertThat(right[0] - left[0]).isBetween(31.0, 33.0);
        assertThat(right[1]).isCloseTo(left[1], org.assertj.core.api.Assertions.within(0.5));
        int small = on(renderer.render(new DSpritesFactors(0, 0, 0, 15, 15)));
        int large = on(renderer.render(new DSpritesFactors(0, 5, 0, 15, 15)));
        // Area grows with the square of the scale: (1 / 0.5)^2 = 4.
        assertThat((double) large / small).isBetween(3.5, 4.5);
    }

    @Test
    void shapesStayInsideTheFrameAtTheLargestScaleAndEveryPosition() {
        for (int shape = 0; shape < 3; shape++) {
            for (int corner : new int[] {0, 31}) {
                byte[] pixels = renderer.render(new DSpritesFactors(shape, 5, 7, corner, corner));
                int border = 0;
                for (int i = 0; i < 64; i++) {
                    border += pixels[i] + pixels[63 * 64 + i] + pixels[i * 64]
                            + pixels[i * 64 + 63];
                }
                assertThat(border).as("shape %d at corner %d touches the border", shape, corner)
                        .isZero();
            }
        }
    }

    /** The renderer's definition without its bounding box: every pixel of the frame tested. */
    private static byte[] renderEveryPixel(DSpritesFactors factors) {
        byte[] pixels = new byte[64 * 64];
        double centreX = (0.25 + 0.5 * factors.positionX() / 31.0) * 64;
        double centreY = (0.25 + 0.5 * factors.positionY() / 31.0) * 64;
        double extent = 0.16 * 64 * (0.5 + 0.5 * factors.scale() / 5);
        double angle = 2 * Math.PI * factors.orientation() / 39;
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                double dx = x + 0.5 - centreX;
                double dy = y + 0.5 - centreY;
                double u = (cos * dx + sin * dy) / extent;
                double v = (-sin * dx + cos * dy) / extent;
                boolean inside;
                if (factors.shape() == 0) {
                    inside = Math.abs(u) <= 1 && Math.abs(v) <= 1;
                } else if (factors.shape() == 1) {
                    inside = u * u + (v * v) / 0.25 <= 1;
                } else {
                    double hx = u * 1.15;
                    double hy = -v * 1.15 + 0.12;
                    double a = hx * hx + hy * hy - 1;
                    inside = a * a * a - hx * hx * hy * hy * hy <= 0;
                }
                pixels[y * 64 + x] = (byte) (inside ? 1 : 0);
            }
        }
        return pixels;
    }

    @Test
    void testingOnlyTheBoundingBoxChangesNoPixel() {
        // Every shape, scale and orientation at the corners and one inner position; all
        // 737,280 images were compared once when the box was introduced.
        int[][] positions = {{0, 0}, {31, 0}, {0, 31}, {31, 31}, {13, 22}};
        for (int index = 0; index < DSpritesFactors.COUNT; index += 1024) {
            for (int[] position : positions) {
                DSpritesFactors base = DSpritesFactors.ofIndex(index);
                DSpritesFactors factors = new DSpritesFactors(base.shape(), base.scale(),
                        base.orientation(), position[0], position[1]);
                assertThat(renderer.render(factors)).as("%s", factors)
                        .isEqualTo(renderEveryPixel(factors));
            }
        }
    }

    @Test
    void theFirstAndLastOrientationsDrawTheSameSquare() {
        // linspace(0, 2 pi, 40) includes both ends, as the original does.
        assertThat(Arrays.equals(renderer.render(new DSpritesFactors(0, 4, 0, 12, 12)),
                renderer.render(new DSpritesFactors(0, 4, 39, 12, 12)))).isTrue();
    }
}
