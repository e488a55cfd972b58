package ai.braid.plugin.betavae.metric;

import ai.braid.plugin.betavae.DSpritesFactors;
import ai.braid.plugin.betavae.DSpritesRenderer;
import java.util.List;
import java.util.stream.IntStream;

/** Rendering batches of images for the pixel-based baselines. */
final class Images {

    /** Pixels per image, 64 * 64. */
    static final int PIXELS = DSpritesRenderer.SIZE * DSpritesRenderer.SIZE;

    private static final DSpritesRenderer RENDERER = new DSpritesRenderer();

    private Images() {
    }

    /** Draws one image; the renderer is stateless, so threads share it. */
    static byte[] render(DSpritesFactors factors) {
        return RENDERER.render(factors);
    }

    /** (N, 4096) the images' pixels as 0/1 doubles, rendered in parallel. */
    static double[][] pixels(List<DSpritesFactors> factors) {
        double[][] rows = new double[factors.size()][];
        IntStream.range(0, rows.length).parallel().forEach(i -> {
            byte[] image = render(factors.get(i));
            double[] row = new double[PIXELS];
            for (int p = 0; p < PIXELS; p++) {
                row[p] = image[p];
            }
            rows[i] = row;
        });
        return rows;
    }
}
