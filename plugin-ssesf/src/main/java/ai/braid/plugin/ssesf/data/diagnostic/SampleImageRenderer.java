package ai.braid.plugin.ssesf.data.diagnostic;

import ai.braid.api.UserInputException;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Draws a sample's image: a white square canvas with the emoji in its top half and a text band
 * in its bottom half, blank or holding the sample's text in black DejaVu Sans.
 *
 * <p><b>Layout</b> for a canvas of side S (128 by default): the emoji PNG scaled to S/2 x S/2
 * (at S = 128 its native 64 x 64 pixels, unscaled), centred at the top; below it the band, S
 * wide and S/2 high. The text is wrapped at spaces into centred lines at the largest whole font
 * size from {@code 0.36 S/2} down to {@code 0.18 S/2} pixels (23 to 12 px at S = 128) at which
 * every line fits the band's width less a margin of S/32 on each side and all lines fit its
 * height; the lines are centred vertically. Text is antialiased, black on white. At S = 128
 * one to three short lines result, which Tesseract 5.3 reads back exactly (page segmentation
 * mode 6 or the default 3, on the whole canvas; the test checks it).
 *
 * <p><b>Font.</b> DejaVu Sans from {@value #FONT_FILE} (Debian's fonts-dejavu-core), loaded
 * with {@link Font#createFont}, so the rendering does not depend on which fonts Java finds.
 * Instances are immutable and thread-safe.
 */
public final class SampleImageRenderer {

    /** The font file, as Debian's package fonts-dejavu-core installs it. */
    public static final String FONT_FILE = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    private static final double LARGEST_FONT = 0.36;
    private static final double SMALLEST_FONT = 0.18;

    private final int size;
    private final Font font;

    /**
     * Creates a renderer with DejaVu Sans from {@value #FONT_FILE}.
     *
     * @param size the canvas side S in pixels, at least 32
     * @throws UserInputException if the font file is missing or unreadable; the message says
     *     to install fonts-dejavu-core
     */
    public SampleImageRenderer(int size) {
        this(size, loadFont(Path.of(FONT_FILE)));
    }

    /**
     * Creates a renderer with a given font.
     *
     * @param size the canvas side S in pixels, at least 32
     * @param font the font; its size is ignored
     */
    public SampleImageRenderer(int size, Font font) {
        if (size < 32) {
            throw new IllegalArgumentException("canvas size must be >= 32, got " + size);
        }
        this.size = size;
        this.font = Objects.requireNonNull(font, "font");
    }

    /**
     * Loads a TrueType font file.
     *
     * @param file the .ttf file
     * @return the font at size 1
     * @throws UserInputException if the file is missing or not a TrueType font; the message
     *     names it and says to install fonts-dejavu-core
     */
    public static Font loadFont(Path file) {
        String install = "; install it with `apt-get install -y fonts-dejavu-core` (or run"
                + " scripts/setup.sh)";
        if (!Files.isRegularFile(file)) {
            throw new UserInputException("the font file " + file + " does not exist" + install);
        }
        try {
            return Font.createFont(Font.TRUETYPE_FONT, file.toFile());
        } catch (FontFormatException | IOException e) {
            throw new UserInputException("cannot load the font " + file + ": " + e + install, e);
        }
    }

    /**
     * Returns the canvas side.
     *
     * @return S in pixels
     */
    public int size() {
        return size;
    }

    /**
     * Draws one sample.
     *
     * @param emoji the emoji, any size, transparent or not
     * @param bandText the text to write into the band; empty leaves the band blank
     * @return a new S x S {@code TYPE_INT_RGB} image
     * @throws UserInputException if the text does not fit the band even at the smallest font
     *     size (a canvas too small for the words)
     */
    public BufferedImage render(BufferedImage emoji, String bandText) {
        Objects.requireNonNull(emoji, "emoji");
        Objects.requireNonNull(bandText, "bandText");
        BufferedImage canvas = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = canvas.createGraphics();
        try {
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, size, size);
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
                    RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING,
                    RenderingHints.VALUE_RENDER_QUALITY);
            int side = size / 2;
            graphics.drawImage(emoji, (size - side) / 2, 0, side, side, null);
            if (!bandText.isBlank()) {
                writeBand(graphics, bandText.strip());
            }
        } finally {
            graphics.dispose();
        }
        return canvas;
    }

    /**
     * Lays a text out in the band without drawing it.
     *
     * @param text a non-blank text
     * @return the font size and lines {@link #render} uses
     * @throws UserInputException if it does not fit at the smallest font size
     */
    public Layout layout(String text) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = scratch.createGraphics();
        try {
            configureText(graphics);
            return layout(graphics, text.strip());
        } finally {
            graphics.dispose();
        }
    }

    private void writeBand(Graphics2D graphics, String text) {
        configureText(graphics);
        Layout layout = layout(graphics, text);
        graphics.setFont(font.deriveFont((float) layout.fontSize()));
        graphics.setColor(Color.BLACK);
        FontMetrics metrics = graphics.getFontMetrics();
        int bandTop = size / 2;
        int bandHeight = size - bandTop;
        int y = bandTop + (bandHeight - layout.lines().size() * metrics.getHeight()) / 2
                + metrics.getAscent();
        for (String line : layout.lines()) {
            graphics.drawString(line, (size - metrics.stringWidth(line)) / 2, y);
            y += metrics.getHeight();
        }
    }

    private static void configureText(Graphics2D graphics) {
        graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
                RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        graphics.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS,
                RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    }

    private Layout layout(Graphics2D graphics, String text) {
        int bandHeight = size - size / 2;
        int width = size - 2 * Math.max(1, size / 32);
        int largest = (int) Math.round(LARGEST_FONT * bandHeight);
        int smallest = (int) Math.round(SMALLEST_FONT * bandHeight);
        for (int points = largest; points >= smallest; points--) {
            FontMetrics metrics = graphics.getFontMetrics(font.deriveFont((float) points));
            List<String> lines = wrap(text, metrics, width);
            if (lines != null && lines.size() * metrics.getHeight() <= bandHeight) {
                return new Layout(points, lines);
            }
        }
        throw new UserInputException("the text '" + text + "' does not fit a " + size + "x"
                + size + " canvas even at " + smallest + " px; raise the option `imageSize`");
    }

    /** Greedy wrapping at spaces; null when one word alone is wider than the band. */
    private static List<String> wrap(String text, FontMetrics metrics, int width) {
        List<String> lines = new ArrayList<>();
        String line = "";
        for (String word : text.split(" +")) {
            if (metrics.stringWidth(word) > width) {
                return null;
            }
            String longer = line.isEmpty() ? word : line + " " + word;
            if (metrics.stringWidth(longer) <= width) {
                line = longer;
            } else {
                lines.add(line);
                line = word;
            }
        }
        lines.add(line);
        return lines;
    }

    /**
     * How a text is written into the band.
     *
     * @param fontSize the font size in pixels
     * @param lines the lines, top to bottom
     */
    public record Layout(int fontSize, List<String> lines) {

        /** Copies the lines. */
        public Layout {
            lines = List.copyOf(lines);
        }
    }
}
