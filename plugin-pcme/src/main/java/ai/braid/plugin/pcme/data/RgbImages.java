package ai.braid.plugin.pcme.data;

import ai.braid.api.UserInputException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Decodes image files (PNG, JPEG) into opaque RGB images. */
final class RgbImages {

    private RgbImages() {}

    /**
     * Reads an image file and flattens it: transparent pixels are composited onto white, as a
     * browser shows an emoji on a white page, and grey or palette images become RGB.
     *
     * @param file a PNG or JPEG file
     * @return a new {@code TYPE_INT_RGB} image of the file's size
     * @throws UserInputException if the file is missing or not a readable image; the message
     *     names it
     */
    static BufferedImage read(Path file) {
        BufferedImage source;
        try (InputStream in = Files.newInputStream(file)) {
            source = ImageIO.read(in);
        } catch (NoSuchFileException e) {
            throw new UserInputException("image file " + file + " does not exist", e);
        } catch (IOException | RuntimeException e) {
            // ImageIO reports some truncated files as runtime exceptions.
            throw new UserInputException("cannot decode image file " + file + ": " + e, e);
        }
        if (source == null) {
            throw new UserInputException("image file " + file + " is not a PNG or JPEG image"
                    + " that Java can decode");
        }
        return onWhite(source);
    }

    /**
     * Composites an image onto a white background.
     *
     * @param source any image
     * @return a new {@code TYPE_INT_RGB} image of the same size
     */
    static BufferedImage onWhite(BufferedImage source) {
        ColorModel model = source.getColorModel();
        if (model.getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && !(model instanceof IndexColorModel)) {
            return greyOnWhite(source);
        }
        BufferedImage rgb = new BufferedImage(source.getWidth(), source.getHeight(),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = rgb.createGraphics();
        try {
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, source.getWidth(), source.getHeight());
            graphics.drawImage(source, 0, 0, null);
        } finally {
            graphics.dispose();
        }
        return rgb;
    }

    /**
     * Copies grey samples into all three channels. Drawing would be wrong here: Java2D takes
     * grey rasters as linear light and converts them to sRGB, so 128 would become 188.
     */
    private static BufferedImage greyOnWhite(BufferedImage source) {
        ColorModel model = source.getColorModel();
        Raster raster = source.getRaster();
        double greyMax = (1 << model.getComponentSize(0)) - 1;
        boolean alpha = model.hasAlpha() && raster.getNumBands() > 1;
        double alphaMax = alpha ? (1 << model.getComponentSize(1)) - 1 : 1;
        BufferedImage rgb = new BufferedImage(source.getWidth(), source.getHeight(),
                BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < source.getHeight(); y++) {
            for (int x = 0; x < source.getWidth(); x++) {
                double grey = raster.getSample(x, y, 0) / greyMax;
                double opacity = alpha ? raster.getSample(x, y, 1) / alphaMax : 1;
                int value = (int) Math.round(255 * (grey * opacity + 1 - opacity));
                rgb.setRGB(x, y, value << 16 | value << 8 | value);
            }
        }
        return rgb;
    }
}
