package ai.braid.plugin.betavae;

/**
 * Draws dSprites images procedurally: binary 64x64, no anti-aliasing, deterministic.
 *
 * <p>The original pixels were never published with their rasteriser, so this is the documented
 * substitute (REFERENCE.md): the shape's centre is at {@code (0.25 + 0.5 * position) * 64} on
 * each axis, it is scaled by the scale factor and rotated about its centre by the orientation,
 * and a pixel is on when its centre lies inside the shape. At scale 1 a shape spans about a
 * quarter of the image, so every position keeps it inside the frame.
 */
public final class DSpritesRenderer {

    /** Image side in pixels. */
    public static final int SIZE = 64;
    /** Half the side of the square at scale 1, in pixels. */
    private static final double RADIUS = 0.16 * SIZE;
    /**
     * A bound on every shape's distance from its centre, in units of its extent: the square's
     * corners are at sqrt(2) = 1.414, the heart within 1.39, the ellipse at 1. Pixels farther than
     * this from the centre on either axis are off, so only the box inside it is tested.
     */
    private static final double REACH = 1.5;

    /**
     * Draws one image.
     *
     * @param factors the image's factors
     * @return {@code SIZE * SIZE} pixels in row-major order (y down, x across), 1 on, 0 off
     */
    public byte[] render(DSpritesFactors factors) {
        byte[] pixels = new byte[SIZE * SIZE];
        double centreX = (0.25 + 0.5 * factors.positionXValue()) * SIZE;
        double centreY = (0.25 + 0.5 * factors.positionYValue()) * SIZE;
        double extent = RADIUS * factors.scaleValue();
        double cos = Math.cos(factors.orientationValue());
        double sin = Math.sin(factors.orientationValue());
        double reach = REACH * extent;
        int fromX = Math.max(0, (int) Math.floor(centreX - reach - 0.5));
        int toX = Math.min(SIZE - 1, (int) Math.ceil(centreX + reach));
        int fromY = Math.max(0, (int) Math.floor(centreY - reach - 0.5));
        int toY = Math.min(SIZE - 1, (int) Math.ceil(centreY + reach));
        int shape = factors.shape();
        for (int y = fromY; y <= toY; y++) {
            double dy = y + 0.5 - centreY;
            // Hoisted products round exactly as they would inside the expression below.
            double sinDy = sin * dy;
            double cosDy = cos * dy;
            for (int x = fromX; x <= toX; x++) {
                double dx = x + 0.5 - centreX;
                // Rotate the pixel back into the shape's own frame, in units of its extent.
                double u = (cos * dx + sinDy) / extent;
                double v = (-sin * dx + cosDy) / extent;
                if (inside(shape, u, v)) {
                    pixels[y * SIZE + x] = 1;
                }
            }
        }
        return pixels;
    }

    private static boolean inside(int shape, double u, double v) {
        switch (shape) {
            case 0:
                return Math.abs(u) <= 1 && Math.abs(v) <= 1;
            case 1:
                // Axes 1 and 0.5, so orientation shows in the image.
                return u * u + (v * v) / 0.25 <= 1;
            default:
                return insideHeart(u, v);
        }
    }

    /** The heart {@code (x^2 + y^2 - 1)^3 - x^2 y^3 <= 0}, point up in image coordinates. */
    private static boolean insideHeart(double u, double v) {
        // The curve spans about [-1.14, 1.14] x [-1, 1.24]; scale it into the unit box and flip
        // y so the point is at the bottom of the upright image.
        double x = u * 1.15;
        double y = -v * 1.15 + 0.12;
        double a = x * x + y * y - 1;
        return a * a * a - x * x * y * y * y <= 0;
    }
}
