package ai.braid.api.data;

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
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads image files for dataset readers, with errors a reader can turn into a message that
 * names the sample.
 *
 * <p>The format is taken from the content, not the file name, so a PNG saved as {@code .jpg}
 * (common in scraped datasets) decodes too. {@link #readRgb} gives the opaque RGB image that
 * image projectors read: grey images are copied into the three channels as they are, and
 * palette and transparent images are composited onto white, as a page shows them.
 */
public final class ImageFiles {

    private ImageFiles() {}

    /**
     * Decodes the first image of a file as stored, alpha and colour model kept.
     *
     * @param file a JPEG, PNG, GIF or BMP file
     * @return the decoded image
     * @throws NoSuchFileException if the file does not exist
     * @throws IOException if the file cannot be read or decoded (no decoder recognises its
     *     content, the data is truncated, an unsupported colour space such as CMYK); the
     *     message says what the decoder reported
     */
    public static BufferedImage decode(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
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
                return reader.read(0);
            } catch (RuntimeException e) {
                // Java's decoders report some damaged files as runtime exceptions.
                throw new IOException(e.toString(), e);
            } finally {
                reader.dispose();
            }
        }
    }

    /**
     * Decodes the first image of a file into opaque RGB.
     *
     * @param file a JPEG, PNG, GIF or BMP file
     * @return a new {@code TYPE_INT_RGB} image of the file's size
     * @throws NoSuchFileException if the file does not exist
     * @throws IOException if the file cannot be read or decoded, as {@link #decode} says
     */
    public static BufferedImage readRgb(Path file) throws IOException {
        return toRgb(decode(file));
    }

    /**
     * Converts an image to opaque RGB: grey values are kept as they are, transparent pixels
     * are composited onto white.
     *
     * @param source any image
     * @return a new {@code TYPE_INT_RGB} image of the same size
     */
    public static BufferedImage toRgb(BufferedImage source) {
        Objects.requireNonNull(source, "source");
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
