package ai.braid.plugin.ssesf.data.mmsd;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes the tweet images into opaque RGB.
 *
 * <p>MMSD's files are named {@code .jpg}, but the format is taken from the content, so a PNG or
 * GIF under that name decodes too. Grey images are copied into the three channels, palette and
 * transparent images are composited onto white.
 */
final class RgbImages {

    private RgbImages() {}

    /**
     * Reads the first image of a file.
     *
     * @param file an image file
     * @return a new {@code TYPE_INT_RGB} image of the file's size
     * @throws NoSuchFileException if the file does not exist
     * @throws IOException if the file cannot be read or decoded (no reader recognises its
     *     content, the data is truncated, an unsupported colour space such as CMYK); the
     *     message says what the decoder reported
     */
    static BufferedImage read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        BufferedImage source;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new IOException("cannot open " + file);
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("not a JPEG, PNG, GIF or BMP image ("
                        + Files.size(file) + " bytes)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                source = reader.read(0);
            } catch (RuntimeException e) {
                // The JPEG decoder reports some damaged files as runtime exceptions.
                throw new IOException(e.toString(), e);
            } finally {
                reader.dispose();
            }
        }
        return toRgb(source);
    }

    /**
     * Converts an image to opaque RGB.
     *
     * @param source any image
     * @return a new {@code TYPE_INT_RGB} image of the same size
     */
    static BufferedImage toRgb(BufferedImage source) {
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
