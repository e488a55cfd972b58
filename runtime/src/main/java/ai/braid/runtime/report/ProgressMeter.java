package ai.braid.runtime.report;

import java.util.Locale;
import java.util.function.LongSupplier;

/** The facts both progress forms show, measured with an injectable nanosecond clock. */
final class ProgressMeter {

    private final LongSupplier nanoTime;
    private long totalSteps;
    private long firstStep;
    private long startNanos;
    private long step;
    private int epoch;
    private double loss = Double.NaN;
    private boolean started;
    private boolean stepped;

    ProgressMeter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    void start(long totalSteps, long firstStep) {
        if (totalSteps < 0 || firstStep < 0) {
            throw new IllegalArgumentException("totalSteps and firstStep must be >= 0, got "
                    + totalSteps + " and " + firstStep);
        }
        this.totalSteps = totalSteps;
        this.firstStep = firstStep;
        this.step = firstStep;
        this.startNanos = nanoTime.getAsLong();
        this.started = true;
    }

    void step(long step, int epoch, double loss) {
        if (!started) {
            // A caller that forgot start() still gets speeds, counted from this step on.
            start(0, Math.max(0, step - 1));
        }
        this.step = step;
        this.epoch = epoch;
        this.loss = loss;
        this.stepped = true;
    }

    long now() {
        return nanoTime.getAsLong();
    }

    boolean started() {
        return started;
    }

    boolean stepped() {
        return stepped;
    }

    long step() {
        return step;
    }

    long totalSteps() {
        return totalSteps;
    }

    double elapsedSeconds() {
        return (now() - startNanos) / 1e9;
    }

    /** Steps per second since start, or NaN before any time has passed. */
    double stepsPerSecond() {
        double seconds = elapsedSeconds();
        return seconds > 0 && step > firstStep ? (step - firstStep) / seconds : Double.NaN;
    }

    /** Seconds left at the current speed, or NaN when the total or the speed is unknown. */
    double etaSeconds() {
        double rate = stepsPerSecond();
        if (totalSteps <= 0 || !(rate > 0)) {
            return Double.NaN;
        }
        return Math.max(0, totalSteps - step) / rate;
    }

    /** Percent done, or NaN when the total is unknown. */
    double percent() {
        return totalSteps > 0 ? 100.0 * Math.min(step, totalSteps) / totalSteps : Double.NaN;
    }

    int epoch() {
        return epoch;
    }

    double loss() {
        return loss;
    }

    /** E.g. "epoch 3, step 1200/5000 (24%), loss 0.4321, 12.3 steps/s, ETA 5:10". */
    String describe() {
        StringBuilder line = new StringBuilder();
        line.append("epoch ").append(epoch).append(", step ").append(step);
        if (totalSteps > 0) {
            line.append('/').append(totalSteps)
                    .append(String.format(Locale.ROOT, " (%.0f%%)", percent()));
        }
        line.append(", loss ").append(formatLoss(loss));
        line.append(", ").append(formatRate(stepsPerSecond())).append(" steps/s");
        double eta = etaSeconds();
        if (!Double.isNaN(eta)) {
            line.append(", ETA ").append(formatDuration(eta));
        }
        return line.toString();
    }

    static String formatLoss(double loss) {
        if (Double.isNaN(loss) || Double.isInfinite(loss)) {
            return Double.toString(loss);
        }
        double magnitude = Math.abs(loss);
        return magnitude == 0 || (magnitude >= 1e-3 && magnitude < 1e4)
                ? String.format(Locale.ROOT, "%.4f", loss)
                : String.format(Locale.ROOT, "%.3e", loss);
    }

    static String formatRate(double rate) {
        if (Double.isNaN(rate)) {
            return "-";
        }
        return String.format(Locale.ROOT, rate >= 100 ? "%.0f" : rate >= 10 ? "%.1f" : "%.2f",
                rate);
    }

    /** E.g. "0:07", "5:10", "2:03:04". */
    static String formatDuration(double seconds) {
        long total = Math.round(seconds);
        long hours = total / 3600;
        long minutes = total / 60 % 60;
        long secs = total % 60;
        return hours > 0
                ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, secs)
                : String.format(Locale.ROOT, "%d:%02d", minutes, secs);
    }
}
