package ai.braid.plugin.betavae.metric;

import ai.braid.plugin.betavae.DSpritesFactors;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Factor-by-number access to {@link DSpritesFactors} and uniform sampling of images. */
final class Factors {

    /** Shape, scale, orientation, position x, position y; colour has one value and is left out. */
    static final int COUNT = 5;

    private Factors() {
    }

    /**
     * Draws one image uniformly from all of dSprites, which draws every factor uniformly and
     * independently.
     */
    static DSpritesFactors uniform(SplittableRandom random) {
        return DSpritesFactors.ofIndex(random.nextInt(DSpritesFactors.COUNT));
    }

    /** Draws {@code count} images uniformly. */
    static List<DSpritesFactors> uniform(int count, SplittableRandom random) {
        List<DSpritesFactors> factors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            factors.add(uniform(random));
        }
        return factors;
    }

    /** Factor {@code k}'s value index, in the order of {@link #COUNT}. */
    static int get(DSpritesFactors factors, int k) {
        switch (k) {
            case 0:
                return factors.shape();
            case 1:
                return factors.scale();
            case 2:
                return factors.orientation();
            case 3:
                return factors.positionX();
            case 4:
                return factors.positionY();
            default:
                throw new IllegalArgumentException("factor " + k + " is outside [0, " + COUNT
                        + ")");
        }
    }

    /** The same factors with factor {@code k} set to {@code value}. */
    static DSpritesFactors with(DSpritesFactors factors, int k, int value) {
        int[] values = new int[COUNT];
        for (int f = 0; f < COUNT; f++) {
            values[f] = f == k ? value : get(factors, f);
        }
        return new DSpritesFactors(values[0], values[1], values[2], values[3], values[4]);
    }
}
