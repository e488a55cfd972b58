package ai.braid.runtime.report;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Progress as one line redrawn in place with a carriage return, for a person at a terminal:
 *
 * <pre>
 * epoch 3 [#####...............] 1200/5000  24% loss 0.4321 12.3 steps/s ETA 5:10
 * </pre>
 *
 * <p>Redraws at most ten times a second, so fast steps do not flood the terminal.
 * {@link #message(String)} prints its line above the bar.
 */
public final class TerminalProgress implements Progress {

    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int BAR_WIDTH = 20;

    private final PrintStream out;
    private final ProgressMeter meter;
    private long lastDrawNanos;
    private boolean drawnOnce;
    private int lastLength;
    private boolean closed;

    /**
     * Draws on a stream, normally {@link System#err}, measuring time with the given clock.
     *
     * @param out where the bar is drawn
     * @param nanoTime a monotonic clock in nanoseconds, like {@link System#nanoTime()}
     */
    public TerminalProgress(PrintStream out, LongSupplier nanoTime) {
        this.out = Objects.requireNonNull(out, "out");
        this.meter = new ProgressMeter(Objects.requireNonNull(nanoTime, "nanoTime"));
    }

    @Override
    public synchronized void start(long totalSteps, long firstStep) {
        meter.start(totalSteps, firstStep);
    }

    @Override
    public synchronized void step(long step, int epoch, double loss) {
        if (closed) {
            return;
        }
        meter.step(step, epoch, loss);
        long now = meter.now();
        boolean last = meter.totalSteps() > 0 && step >= meter.totalSteps();
        if (!drawnOnce || last || now - lastDrawNanos >= REDRAW_NANOS) {
            lastDrawNanos = now;
            draw();
        }
    }

    @Override
    public synchronized void message(String text) {
        Objects.requireNonNull(text, "text");
        if (closed) {
            return;
        }
        if (lastLength > 0) {
            out.print('\r' + " ".repeat(lastLength) + '\r');
            lastLength = 0;
        }
        out.println(text);
        if (meter.stepped()) {
            draw();
        }
        out.flush();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (meter.stepped()) {
            draw();
            out.println();
        }
        out.flush();
    }

    private void draw() {
        String line = bar();
        // Spaces wipe what a longer previous line left behind.
        String padding = " ".repeat(Math.max(0, lastLength - line.length()));
        out.print('\r' + line + padding);
        out.flush();
        lastLength = line.length();
        drawnOnce = true;
    }

    /** E.g. "epoch 3 [#####...............] 1200/5000  24% loss 0.4321 12.3 steps/s ETA 5:10". */
    String bar() {
        StringBuilder line = new StringBuilder();
        line.append("epoch ").append(meter.epoch()).append(' ');
        long total = meter.totalSteps();
        if (total > 0) {
            int filled = (int) Math.round(BAR_WIDTH * meter.percent() / 100);
            line.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled))
                    .append("] ").append(meter.step()).append('/').append(total)
                    .append(String.format(Locale.ROOT, " %3.0f%%", meter.percent()));
        } else {
            line.append("step ").append(meter.step());
        }
        line.append(" loss ").append(ProgressMeter.formatLoss(meter.loss()))
                .append(' ').append(ProgressMeter.formatRate(meter.stepsPerSecond()))
                .append(" steps/s");
        double eta = meter.etaSeconds();
        if (!Double.isNaN(eta)) {
            line.append(" ETA ").append(ProgressMeter.formatDuration(eta));
        }
        return line.toString();
    }
}
