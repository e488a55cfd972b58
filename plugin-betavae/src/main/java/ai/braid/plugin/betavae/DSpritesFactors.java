package ai.braid.plugin.betavae;


/**
 * The generative factors of one dSprites image, as indices into each factor's values, and the
 * dataset's index formula.
 *
 * <p>dSprites (Matthey et al. 2017) is every combination of colour (1 value: white), shape (3:
 * square, ellipse, heart), scale (6: linspace 0.5..1), orientation (40: linspace 0..2 pi, both
 * ends included, as in the original), position x (32: linspace 0..1) and position y (32). Image
 * {@code i} of the original ordering has factors whose indices dot
 * {@code [737280, 245760, 40960, 1024, 32, 1]} to {@code i}, colour first.
 *
 * @param shape 0 square, 1 ellipse, 2 heart
 * @param scale 0..5
 * @param orientation 0..39
 * @param positionX 0..31
 * @param positionY 0..31
 */
public record DSpritesFactors(int shape, int scale, int orientation, int positionX,
        int positionY) {

    /** Values per factor, without colour: shape, scale, orientation, x, y. */
    static final int[] SIZES = {3, 6, 40, 32, 32};
    /** Number of images: 3 * 6 * 40 * 32 * 32. */
    public static final int COUNT = 737_280;
    private static final long[] STRIDES = {737_280, 245_760, 40_960, 1_024, 32, 1};

    /**
     * Checks every index against its factor's range.
     *
     * @throws IllegalArgumentException naming the factor out of range
     */
    public DSpritesFactors {
        check("shape", shape, 0);
        check("scale", scale, 1);
        check("orientation", orientation, 2);
        check("positionX", positionX, 3);
        check("positionY", positionY, 4);
    }

    /**
     * Returns the factors of image {@code index} in the original ordering.
     *
     * @param index 0 .. {@link #COUNT} - 1
     * @return its factors
     * @throws IllegalArgumentException if the index is out of range
     */
    public static DSpritesFactors ofIndex(int index) {
        if (index < 0 || index >= COUNT) {
            throw new IllegalArgumentException("dSprites index " + index + " is outside [0, "
                    + COUNT + ")");
        }
        int[] values = new int[5];
        long rest = index;
        for (int f = 0; f < 5; f++) {
            values[f] = (int) (rest / STRIDES[f + 1]);
            rest %= STRIDES[f + 1];
        }
        return new DSpritesFactors(values[0], values[1], values[2], values[3], values[4]);
    }

    /**
     * Returns this image's index in the original ordering: the dot product of {@code [0,
     * shape, scale, orientation, x, y]} (colour 0 first) with {@code [737280, 245760, 40960,
     * 1024, 32, 1]}.
     *
     * @return the index
     */
    public int index() {
        return (int) (shape * STRIDES[1] + scale * STRIDES[2] + orientation * STRIDES[3]
                + positionX * STRIDES[4] + positionY * STRIDES[5]);
    }

    /** The scale's value, linspace(0.5, 1, 6). */
    double scaleValue() {
        return 0.5 + 0.5 * scale / (SIZES[1] - 1);
    }

    /** The orientation in radians, linspace(0, 2 pi, 40) with both ends. */
    double orientationValue() {
        return 2 * Math.PI * orientation / (SIZES[2] - 1);
    }

    /** Position x in [0, 1], linspace(0, 1, 32). */
    double positionXValue() {
        return positionX / (double) (SIZES[3] - 1);
    }

    /** Position y in [0, 1], linspace(0, 1, 32). */
    double positionYValue() {
        return positionY / (double) (SIZES[4] - 1);
    }

    private static void check(String name, int value, int factor) {
        if (value < 0 || value >= SIZES[factor]) {
            throw new IllegalArgumentException("dSprites " + name + " index " + value
                    + " is outside [0, " + SIZES[factor] + ")");
        }
    }
}
