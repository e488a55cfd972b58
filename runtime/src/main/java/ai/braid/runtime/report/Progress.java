package ai.braid.runtime.report;

import java.time.Duration;

/**
 * What the user sees of a training run while it goes: epoch, step out of total, percent done,
 * the latest loss, steps per second and the estimated time left.
 *
 * <p>{@link #create()} picks the form: a {@link TerminalProgress} bar redrawn in place when a
 * person is watching a terminal, otherwise a {@link LogProgress} line every ten seconds, which
 * reads well in a log file or a CI console.
 *
 * <pre>{@code
 * try (Progress progress = Progress.create()) {
 *     progress.start(totalSteps, resumedStep);
 *     ...
 *     progress.step(step, epoch, loss);
 *     progress.message("epoch 3: validation accuracy 0.871 (best so far)");
 * }
 * }</pre>
 */
public interface Progress extends AutoCloseable {

    /** How often {@link #create()} logs when no terminal is attached. */
    Duration DEFAULT_LOG_INTERVAL = Duration.ofSeconds(10);

    /**
     * Starts the clock.
     *
     * @param totalSteps the step number the run ends at; 0 when unknown
     * @param firstStep the step the run starts from, above 0 when resuming; speed and time left
     *     count only the steps done since
     */
    void start(long totalSteps, long firstStep);

    /**
     * Starts the clock for a run that starts at step 0.
     *
     * @param totalSteps the step number the run ends at; 0 when unknown
     */
    default void start(long totalSteps) {
        start(totalSteps, 0);
    }

    /**
     * Reports a finished optimizer step.
     *
     * @param step the steps taken so far, counting this one
     * @param epoch the current epoch
     * @param loss the step's training loss (NaN is shown as such)
     */
    void step(long step, int epoch, double loss);

    /**
     * Shows a line of its own, such as an epoch's validation result, at once.
     *
     * @param text the line, without a line break
     */
    void message(String text);

    /** Shows the final state and releases the display; later calls do nothing. */
    @Override
    void close();

    /**
     * Picks the form that suits where the output goes: a terminal bar on standard error when
     * the process has a console, log lines every {@link #DEFAULT_LOG_INTERVAL} otherwise.
     *
     * @return the progress display
     */
    static Progress create() {
        return create(DEFAULT_LOG_INTERVAL);
    }

    /**
     * Like {@link #create()}, with the interval of the log form.
     *
     * @param logInterval the least time between two progress lines when no terminal is attached
     * @return the progress display
     */
    static Progress create(Duration logInterval) {
        return System.console() != null
                ? new TerminalProgress(System.err, System::nanoTime)
                : new LogProgress(logInterval);
    }
}
