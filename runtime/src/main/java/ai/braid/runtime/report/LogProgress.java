package ai.braid.runtime.report;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.LoggerFactory;

/**
 * Progress as log lines: one when training starts, one whenever at least the interval has
 * passed since the last, one per {@link #message(String)}, and a summary on {@link #close()}.
 *
 * <pre>
 * epoch 3, step 1200/5000 (24%), loss 0.4321, 12.3 steps/s, ETA 5:10
 * </pre>
 */
public final class LogProgress implements Progress {

    private final Consumer<String> sink;
    private final long intervalNanos;
    private final ProgressMeter meter;
    private long lastLineNanos;
    private boolean closed;

    /**
     * Logs at INFO level through SLF4J with the system's clock.
     *
     * @param interval the least time between two progress lines
     */
    public LogProgress(Duration interval) {
        this(LoggerFactory.getLogger(LogProgress.class)::info, interval, System::nanoTime);
    }

    /**
     * Sends lines to any sink, measuring time with the given clock.
     *
     * @param sink receives each line
     * @param interval the least time between two progress lines; positive
     * @param nanoTime a monotonic clock in nanoseconds, like {@link System#nanoTime()}
     * @throws IllegalArgumentException if the interval is not positive
     */
    public LogProgress(Consumer<String> sink, Duration interval, LongSupplier nanoTime) {
        this.sink = Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, got " + interval);
        }
        this.intervalNanos = interval.toNanos();
        this.meter = new ProgressMeter(Objects.requireNonNull(nanoTime, "nanoTime"));
    }

    @Override
    public synchronized void start(long totalSteps, long firstStep) {
        meter.start(totalSteps, firstStep);
        lastLineNanos = meter.now();
        StringBuilder line = new StringBuilder("training");
        if (totalSteps > 0) {
            line.append(" to step ").append(totalSteps);
        }
        if (firstStep > 0) {
            line.append(", resuming after step ").append(firstStep);
        }
        sink.accept(line.toString());
    }

    @Override
    public synchronized void step(long step, int epoch, double loss) {
        if (closed) {
            return;
        }
        boolean first = !meter.started();
        meter.step(step, epoch, loss);
        long now = meter.now();
        if (first) {
            lastLineNanos = now;
        } else if (now - lastLineNanos >= intervalNanos) {
            lastLineNanos = now;
            sink.accept(meter.describe());
        }
    }

    @Override
    public synchronized void message(String text) {
        if (!closed) {
            sink.accept(Objects.requireNonNull(text, "text"));
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (meter.stepped()) {
            sink.accept("finished at " + meter.describe() + " after "
                    + ProgressMeter.formatDuration(meter.elapsedSeconds()));
        }
    }
}
