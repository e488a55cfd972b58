package ai.braid.plugin.betavae.task;

import ai.braid.plugin.betavae.DSpritesFactors;
import ai.braid.plugin.betavae.metric.FactorRepresentation;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * Encodes each dSprites image at most once. The full metric draws 1.92 million images from
 * only 737,280 distinct ones, so remembering every code (Z floats per image, 29 MB for Z = 10)
 * saves most of the encoder's work. Codes are kept as floats, which is what an encoder gives.
 */
final class MemoizedRepresentation implements FactorRepresentation {

    private final FactorRepresentation inner;
    private final int width;
    private final float[] codes;
    private final BitSet known = new BitSet(DSpritesFactors.COUNT);

    /**
     * Wraps a representation.
     *
     * @param inner computes codes
     * @param width the width of its codes
     */
    MemoizedRepresentation(FactorRepresentation inner, int width) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.width = width;
        this.codes = new float[Math.multiplyExact(DSpritesFactors.COUNT, width)];
    }

    @Override
    public double[][] encode(List<DSpritesFactors> factors) {
        List<DSpritesFactors> missing = new ArrayList<>();
        BitSet queued = new BitSet();
        for (DSpritesFactors f : factors) {
            int index = f.index();
            if (!known.get(index) && !queued.get(index)) {
                queued.set(index);
                missing.add(f);
            }
        }
        if (!missing.isEmpty()) {
            double[][] fresh = inner.encode(missing);
            for (int i = 0; i < fresh.length; i++) {
                int index = missing.get(i).index();
                for (int j = 0; j < width; j++) {
                    codes[index * width + j] = (float) fresh[i][j];
                }
                known.set(index);
            }
        }
        double[][] result = new double[factors.size()][width];
        for (int i = 0; i < result.length; i++) {
            int offset = factors.get(i).index() * width;
            for (int j = 0; j < width; j++) {
                result[i][j] = codes[offset + j];
            }
        }
        return result;
    }
}
