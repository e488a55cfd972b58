package ai.braid.runtime.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(5 * SECOND);

    @Test
    void logProgressEmitsOneLinePerIntervalWithTheFacts() {
        List<String> lines = new ArrayList<>();
        try (Progress progress = new LogProgress(lines::add, Duration.ofSeconds(10), clock::get)) {
            progress.start(100);
            for (int step = 1; step <= 35; step++) {
                clock.addAndGet(SECOND);
                progress.step(step, 1 + (step - 1) / 20, 1.0 / step);
            }
            progress.message("epoch 1: validation accuracy 0.5");
            assertThat(lines).hasSize(5);
        }

        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).isEqualTo("training to step 100");
        // One step per second: lines at steps 10, 20 and 30, i.e. every 10 seconds.
        assertThat(lines.get(1)).isEqualTo(
                "epoch 1, step 10/100 (10%), loss 0.1000, 1.00 steps/s, ETA 1:30");
        assertThat(lines.get(2)).startsWith("epoch 1, step 20/100 (20%)")
                .endsWith("ETA 1:20");
        assertThat(lines.get(3)).startsWith("epoch 2, step 30/100 (30%)")
                .contains("loss 0.0333");
        assertThat(lines.get(4)).isEqualTo("epoch 1: validation accuracy 0.5");
        assertThat(lines.get(5)).startsWith("finished at epoch 2, step 35/100 (35%)")
                .endsWith("after 0:35");
    }

    @Test
    void logProgressCountsSpeedFromTheResumedStep() {
        List<String> lines = new ArrayList<>();
        Progress progress = new LogProgress(lines::add, Duration.ofSeconds(4), clock::get);

        progress.start(1000, 600);
        clock.addAndGet(4 * SECOND);
        progress.step(620, 7, 0.5);

        assertThat(lines).containsExactly("training to step 1000, resuming after step 600",
                "epoch 7, step 620/1000 (62%), loss 0.5000, 5.00 steps/s, ETA 1:16");
        progress.close();
        progress.close();
        assertThat(lines).hasSize(3);
    }

    @Test
    void terminalProgressRedrawsOneLineAndPrintsMessagesAbove() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Progress progress = new TerminalProgress(out, clock::get)) {
            progress.start(40);
            for (int step = 1; step <= 10; step++) {
                // 50 ms a step: the bar is redrawn on the first step and every 100 ms after.
                clock.addAndGet(SECOND / 20);
                progress.step(step, 1, 0.25);
            }
            progress.message("checkpoint saved");
        }

        String text = bytes.toString(StandardCharsets.UTF_8);
        String last = "epoch 1 [#####...............] 10/40  25% loss 0.2500 20.0 steps/s ETA 0:02";
        assertThat(text).contains("\rcheckpoint saved\n");
        assertThat(text).endsWith("\r" + last + "\n");
        // Drawn at steps 1, 3, 5, 7, 9, after the message, and on close.
        assertThat(text.split("\r", -1)).filteredOn(s -> s.startsWith("epoch 1 [")).hasSize(7);
    }
}
