package ai.braid.plugin.ssesf.ocr;

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
import java.util.Random;

/**
 * Renders text into images with a real font, for the OCR benchmark and tests: a plain text
 * line, or a captioned picture like a meme or an emoji with its name underneath (a picture
 * above a white band with one or two lines of text).
 */
final class TextImages {

    /** DejaVu Sans, from Debian's fonts-dejavu-core. */
    static final Path DEJAVU_SANS = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");

    private static final List<String> WORDS = List.of("the", "cat", "sat", "on", "a", "warm",
            "red", "mat", "when", "my", "code", "compiles", "first", "time", "monday",
            "morning", "coffee", "again", "great", "just", "what", "needed", "today", "love",
            "waiting", "for", "bus", "in", "rain", "best", "day", "ever", "nothing", "could",
            "go", "wrong", "thanks", "so", "much", "another", "meeting", "that", "email",
            "perfect", "weather", "picnic", "happy", "face", "smiling", "heart", "green",
            "apple", "rocket", "party", "music", "dance", "winter", "summer", "holiday",
            "train", "late", "traffic", "jam", "homework", "weekend", "pizza", "dinner");

    private final Font font;

    private TextImages(Font font) {
        this.font = font;
    }

    /**
     * Loads DejaVu Sans at a size.
     *
     * @param size the font size in pixels
     * @return the renderer
     * @throws UserInputException if the font is not installed; the message says how to
     *     install it
     */
    static TextImages dejaVuSans(float size) {
        if (!Files.isRegularFile(DEJAVU_SANS)) {
            throw new UserInputException("the font " + DEJAVU_SANS + " is missing; install it"
                    + " with `apt-get install fonts-dejavu-core`");
        }
        try {
            return new TextImages(Font.createFont(Font.TRUETYPE_FONT, DEJAVU_SANS.toFile())
                    .deriveFont(size));
        } catch (IOException | FontFormatException e) {
            throw new UserInputException("cannot load the font " + DEJAVU_SANS + ": " + e, e);
        }
    }

    /**
     * Draws one line of black text on white.
     *
     * @param text the text
     * @param margin white pixels around the text
     * @return a {@code TYPE_INT_RGB} image just large enough
     */
    BufferedImage line(String text, int margin) {
        Objects.requireNonNull(text, "text");
        FontMetrics metrics = metrics();
        int width = Math.max(1, metrics.stringWidth(text) + 2 * margin);
        int height = metrics.getAscent() + metrics.getDescent() + 2 * margin;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = graphics(image);
        try {
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, width, height);
            graphics.setColor(Color.BLACK);
            graphics.drawString(text, margin, margin + metrics.getAscent());
        } finally {
            graphics.dispose();
        }
        return image;
    }

    /**
     * Draws a picture of random coloured shapes on a coloured ground, as a stand-in for a
     * photo or an emoji.
     *
     * @param width the width
     * @param height the height, at least 8
     * @param random chooses the shapes and colours
     * @return a {@code TYPE_INT_RGB} image
     */
    static BufferedImage picture(int width, int height, Random random) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING,
                    RenderingHints.VALUE_ANTIALIAS_ON);
            graphics.setColor(new Color(random.nextInt(0x1000000)).brighter());
            graphics.fillRect(0, 0, width, height);
            for (int shape = 0; shape < 4; shape++) {
                graphics.setColor(new Color(random.nextInt(0x1000000)));
                int size = height / 4 + random.nextInt(height / 2);
                graphics.fillOval(random.nextInt(width - size / 2) - size / 4,
                        random.nextInt(height - size / 2), size, size / 2 + 4);
            }
        } finally {
            graphics.dispose();
        }
        return image;
    }

    /**
     * Puts a caption band under a picture: the text in black on white, wrapped onto as many
     * centred lines as the picture's width needs.
     *
     * @param caption the caption
     * @param picture the picture, e.g. from {@link #picture}; transparent pixels become white
     * @return a {@code TYPE_INT_RGB} image as wide as the picture and taller by the band
     */
    BufferedImage captioned(String caption, BufferedImage picture) {
        FontMetrics metrics = metrics();
        int width = picture.getWidth();
        List<String> lines = wrap(caption, width - 8, metrics);
        int lineHeight = metrics.getAscent() + metrics.getDescent();
        int band = lines.size() * lineHeight + 8;
        BufferedImage image = new BufferedImage(width, picture.getHeight() + band,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = graphics(image);
        try {
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, width, image.getHeight());
            graphics.drawImage(picture, 0, 0, null);
            graphics.setColor(Color.BLACK);
            int baseline = picture.getHeight() + 4 + metrics.getAscent();
            for (String line : lines) {
                graphics.drawString(line, (width - metrics.stringWidth(line)) / 2, baseline);
                baseline += lineHeight;
            }
        } finally {
            graphics.dispose();
        }
        return image;
    }

    /**
     * Makes up a caption of common English words.
     *
     * @param words how many words
     * @param random chooses them
     * @return the words separated by single spaces
     */
    static String caption(int words, Random random) {
        List<String> chosen = new ArrayList<>(words);
        for (int i = 0; i < words; i++) {
            chosen.add(WORDS.get(random.nextInt(WORDS.size())));
        }
        return String.join(" ", chosen);
    }

    private FontMetrics metrics() {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = graphics(scratch);
        try {
            return graphics.getFontMetrics();
        } finally {
            graphics.dispose();
        }
    }

    private Graphics2D graphics(BufferedImage image) {
        Graphics2D graphics = image.createGraphics();
        graphics.setFont(font);
        graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
                RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING,
                RenderingHints.VALUE_ANTIALIAS_ON);
        graphics.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS,
                RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        return graphics;
    }

    private static List<String> wrap(String text, int width, FontMetrics metrics) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (line.length() > 0 && metrics.stringWidth(candidate) > width) {
                lines.add(line.toString());
                line.setLength(0);
                line.append(word);
            } else {
                line.setLength(0);
                line.append(candidate);
            }
        }
        lines.add(line.toString());
        return lines;
    }
}
