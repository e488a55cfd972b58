package ai.braid.runtime.report;

import ai.braid.api.io.AtomicFiles;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Draws where one sample's fused vector looks: one weight per token of every modality (from the
 * fusion's attention maps, averaged over heads; the title says which reading), as in the SSESF
 * paper's analysis of what the fusion attends to.
 *
 * <p>An image modality whose tokens form a square grid of patches is drawn as the image with
 * each patch tinted by its weight; any other modality as a row of token boxes, shaded by weight
 * and labelled with the token and its weight in percent. One colour scale (the largest weight
 * of the figure) serves every panel, and each panel's header gives the modality's share of the
 * attention.
 */
public final class AttentionMapFigure {

    private static final int WIDTH = 960;
    private static final int MARGIN = 16;
    private static final int IMAGE_SIDE = 224;
    private static final int BOX_HEIGHT = 40;
    private static final Color TINT = new Color(214, 39, 40);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final int MIN_TITLE_SIZE = 9;
    private static final Font HEADER = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font TOKEN = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 10);

    /**
     * One modality's tokens and the weights the fused vector gives them.
     *
     * @param modality the modality's name
     * @param labels one label per real token
     * @param weights one attention weight per real token, in the order of the labels
     * @param image the sample's image when the tokens are its patches ({@code "[CLS]"} first,
     *     then a square grid in row-major order); null for a sequence of tokens
     */
    public record Panel(String modality, List<String> labels, float[] weights,
            BufferedImage image) {

        /** Checks that there is one weight per label. */
        public Panel {
            Objects.requireNonNull(modality, "modality");
            labels = List.copyOf(labels);
            weights = weights.clone();
            if (labels.size() != weights.length) {
                throw new IllegalArgumentException(modality + ": " + labels.size()
                        + " labels for " + weights.length + " weights");
            }
        }

        /**
         * Returns the side of the patch grid if this panel is drawn as an image.
         *
         * @return the grid side, or 0 for a sequence of tokens
         */
        int gridSide() {
            if (image == null) {
                return 0;
            }
            int patches = labels.size() - 1;
            int side = (int) Math.round(Math.sqrt(patches));
            return side > 0 && side * side == patches ? side : 0;
        }

        float sum() {
            float total = 0;
            for (float weight : weights) {
                total += weight;
            }
            return total;
        }
    }

    private final String title;
    private final List<Panel> panels;

    /**
     * Creates the figure.
     *
     * @param title the first line, naming the sample, its label and what the weights are
     * @param panels one per modality, in the fusion's order
     */
    public AttentionMapFigure(String title, List<Panel> panels) {
        this.title = Objects.requireNonNull(title, "title");
        this.panels = List.copyOf(panels);
    }

    /**
     * Renders the figure and writes it as a PNG, replacing the file atomically.
     *
     * @param file the PNG file
     * @throws IOException if it cannot be written
     */
    public void write(Path file) throws IOException {
        AtomicFiles.writePng(file, render());
    }

    /**
     * Renders the figure.
     *
     * @return an RGB image {@value #WIDTH} pixels wide
     */
    BufferedImage render() {
        float max = 1e-12f;
        float total = 1e-12f;
        for (Panel panel : panels) {
            for (float weight : panel.weights()) {
                max = Math.max(max, weight);
            }
            total += panel.sum();
        }
        List<List<Box>> layouts = new ArrayList<>();
        int height = MARGIN + 24;
        for (Panel panel : panels) {
            height += 22;
            if (panel.gridSide() > 0) {
                layouts.add(List.of());
                height += IMAGE_SIDE + 8 + (panel.labels().isEmpty() ? 0 : BOX_HEIGHT + 8);
            } else {
                List<Box> boxes = layout(panel.labels());
                layouts.add(boxes);
                int rows = boxes.isEmpty() ? 1 : boxes.get(boxes.size() - 1).row() + 1;
                height += rows * (BOX_HEIGHT + 6) + 8;
            }
        }
        height += MARGIN;

        BufferedImage figure = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = figure.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
                    RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setColor(Color.BLACK);
            g.setFont(titleFont(g));
            int y = MARGIN + 16;
            g.drawString(title, MARGIN, y);
            y += 8;
            for (int p = 0; p < panels.size(); p++) {
                Panel panel = panels.get(p);
                y += 20;
                g.setColor(Color.BLACK);
                g.setFont(HEADER);
                g.drawString(String.format(Locale.ROOT, "%s: %.0f%% of the attention, %d tokens",
                        panel.modality(), 100 * panel.sum() / total, panel.labels().size()),
                        MARGIN, y);
                y += 6;
                if (panel.gridSide() > 0) {
                    y = drawImagePanel(g, panel, max, y);
                } else {
                    y = drawTokenPanel(g, panel, layouts.get(p), max, y);
                }
            }
        } finally {
            g.dispose();
        }
        return figure;
    }

    /** The title font, smaller for a title too long for the width (long sample ids). */
    private Font titleFont(Graphics2D g) {
        Font font = TITLE;
        while (font.getSize() > MIN_TITLE_SIZE
                && g.getFontMetrics(font).stringWidth(title) > WIDTH - 2 * MARGIN) {
            font = font.deriveFont((float) font.getSize() - 1);
        }
        return font;
    }

    /** Draws the image twice, plain and tinted per patch, then its [CLS] token's box. */
    private int drawImagePanel(Graphics2D g, Panel panel, float max, int top) {
        int side = panel.gridSide();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
                RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(panel.image(), MARGIN, top, IMAGE_SIDE, IMAGE_SIDE, null);
        int left = MARGIN + IMAGE_SIDE + 16;
        g.drawImage(panel.image(), left, top, IMAGE_SIDE, IMAGE_SIDE, null);
        for (int row = 0; row < side; row++) {
            for (int col = 0; col < side; col++) {
                float share = panel.weights()[1 + row * side + col] / max;
                int x0 = left + col * IMAGE_SIDE / side;
                int y0 = top + row * IMAGE_SIDE / side;
                int x1 = left + (col + 1) * IMAGE_SIDE / side;
                int y1 = top + (row + 1) * IMAGE_SIDE / side;
                g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER,
                        0.75f * share));
                g.setColor(TINT);
                g.fillRect(x0, y0, x1 - x0, y1 - y0);
            }
        }
        g.setComposite(AlphaComposite.SrcOver);
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1));
        g.drawRect(left, top, IMAGE_SIDE, IMAGE_SIDE);
        int y = top + IMAGE_SIDE + 8;
        drawBox(g, new Box(MARGIN, 0, boxWidth(g, panel.labels().get(0))),
                panel.labels().get(0), panel.weights()[0], max, y);
        return y + BOX_HEIGHT + 8;
    }

    private int drawTokenPanel(Graphics2D g, Panel panel, List<Box> boxes, float max, int top) {
        if (boxes.isEmpty()) {
            g.setColor(Color.GRAY);
            g.setFont(TOKEN);
            g.drawString("(no tokens)", MARGIN, top + 20);
            return top + BOX_HEIGHT + 14;
        }
        for (int i = 0; i < boxes.size(); i++) {
            Box box = boxes.get(i);
            drawBox(g, box, panel.labels().get(i), panel.weights()[i], max,
                    top + box.row() * (BOX_HEIGHT + 6));
        }
        return top + (boxes.get(boxes.size() - 1).row() + 1) * (BOX_HEIGHT + 6) + 8;
    }

    private static void drawBox(Graphics2D g, Box box, String label, float weight, float max,
            int top) {
        float share = Math.min(1f, weight / max);
        g.setColor(blend(share));
        g.fillRect(box.x(), top, box.width(), BOX_HEIGHT);
        g.setColor(Color.GRAY);
        g.drawRect(box.x(), top, box.width(), BOX_HEIGHT);
        g.setColor(share > 0.6f ? Color.WHITE : Color.BLACK);
        g.setFont(TOKEN);
        g.drawString(label, box.x() + 5, top + 17);
        g.setFont(SMALL);
        g.drawString(String.format(Locale.ROOT, "%.1f%%", 100 * weight), box.x() + 5, top + 33);
    }

    /** White at share 0 to the tint at share 1. */
    private static Color blend(float share) {
        return new Color(
                Math.round(255 + share * (TINT.getRed() - 255)),
                Math.round(255 + share * (TINT.getGreen() - 255)),
                Math.round(255 + share * (TINT.getBlue() - 255)));
    }

    /** Places token boxes left to right, wrapping at the figure's width. */
    private static List<Box> layout(List<String> labels) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            List<Box> boxes = new ArrayList<>(labels.size());
            int x = MARGIN;
            int row = 0;
            for (String label : labels) {
                int width = boxWidth(g, label);
                if (x + width > WIDTH - MARGIN && x > MARGIN) {
                    x = MARGIN;
                    row++;
                }
                boxes.add(new Box(x, row, width));
                x += width + 4;
            }
            return boxes;
        } finally {
            g.dispose();
        }
    }

    private static int boxWidth(Graphics2D g, String label) {
        FontMetrics metrics = g.getFontMetrics(TOKEN);
        return Math.max(44, metrics.stringWidth(label) + 10);
    }

    /** A token box: its left edge, its wrapped row and its width. */
    private record Box(int x, int row, int width) {}
}
