package ai.braid.plugin.fashion;

/**
 * Decides, per sample, whether its text is the specific or the general gloss.
 *
 * <p>The decision is a pure function of the seed, the source file and the sample's index in it
 * (a SplitMix64 hash turned into a uniform number in [0, 1)), so it does not depend on the
 * order samples are read in, on the validation size or on the limits: a training image keeps
 * its text whichever split it lands in.
 */
final class GlossChoice {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final long seed;
    private final double specificShare;

    /**
     * Creates a choice.
     *
     * @param seed any number; another seed gives another, independent choice
     * @param specificShare the probability of the specific gloss, in [0, 1]
     */
    GlossChoice(long seed, double specificShare) {
        if (!(specificShare >= 0 && specificShare <= 1)) {
            throw new IllegalArgumentException("specificShare " + specificShare
                    + " must be in [0, 1]");
        }
        this.seed = seed;
        this.specificShare = specificShare;
    }

    /**
     * Tells whether a sample gets the specific gloss.
     *
     * @param file 0 for the training file, 1 for the test file
     * @param index the sample's index in its file
     * @return true with probability {@code specificShare}
     */
    boolean specific(int file, int index) {
        long key = ((long) file << 32) | Integer.toUnsignedLong(index);
        return unit(mix(seed + (key + 1) * GOLDEN)) < specificShare;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static double unit(long bits) {
        return (bits >>> 11) * 0x1.0p-53;
    }
}
