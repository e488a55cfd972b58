package ai.braid.runtime.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {

    @TempDir
    Path out;

    private static MetricRecord train(long step, int epoch, double loss) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("loss", loss);
        values.put("lr", 1e-3 * step);
        return new MetricRecord(step, epoch, MetricRecord.TRAIN, step * 0.5, values);
    }

    private static MetricRecord validation(long step, int epoch, double accuracy) {
        return new MetricRecord(step, epoch, MetricRecord.VALIDATION, step * 0.5,
                Map.of("accuracy", accuracy));
    }

    private List<MetricRecord> sixSteps() {
        List<MetricRecord> records = new ArrayList<>();
        for (int step = 1; step <= 6; step++) {
            int epoch = (step - 1) / 3 + 1;
            records.add(train(step, epoch, 2.0 / step));
            if (step % 3 == 0) {
                records.add(validation(step, epoch, 0.3 * epoch));
            }
        }
        return records;
    }

    @Test
    void appendsOneFlushedLinePerRecordAndReadsThemBack() throws IOException {
        List<MetricRecord> records = sixSteps();
        try (MetricsLog log = MetricsLog.open(out.resolve("run"))) {
            log.append(records.get(0));
            // Flushed per line: the file holds the line while the log is still open.
            assertThat(Files.readAllLines(log.path()))
                    .containsExactly(records.get(0).toJson());
            for (MetricRecord record : records.subList(1, records.size())) {
                log.append(record);
            }
        }

        Path file = MetricsLog.file(out.resolve("run"));
        assertThat(file.getFileName().toString()).isEqualTo("metrics.jsonl");
        assertThat(Files.readAllLines(file)).hasSize(8);
        assertThat(MetricsLog.readAll(file)).containsExactlyElementsOf(records);
    }

    @Test
    void reopeningAppendsAfterExistingLines() throws IOException {
        try (MetricsLog log = MetricsLog.open(out)) {
            log.append(train(1, 1, 1.0));
        }
        try (MetricsLog log = MetricsLog.open(out)) {
            log.append(train(2, 1, 0.5));
        }

        assertThat(MetricsLog.readAll(MetricsLog.file(out)))
                .extracting(MetricRecord::step).containsExactly(1L, 2L);
    }

    @Test
    void truncateAfterKeepsStepsUpToTheCheckpointSoAResumeHasNoDuplicates() throws IOException {
        List<MetricRecord> records = sixSteps();
        try (MetricsLog log = MetricsLog.open(out)) {
            for (MetricRecord record : records) {
                log.append(record);
            }
        }
        Path file = MetricsLog.file(out);

        int dropped = MetricsLog.truncateAfter(file, 3);

        // Steps 1-3 and the validation at step 3 stay; steps 4-6 and validation at 6 go.
        assertThat(dropped).isEqualTo(4);
        assertThat(MetricsLog.readAll(file)).containsExactlyElementsOf(records.subList(0, 4));
        try (MetricsLog log = MetricsLog.open(out)) {
            log.append(train(4, 2, 0.1));
        }
        assertThat(MetricsLog.readAll(file)).extracting(MetricRecord::step)
                .containsExactly(1L, 2L, 3L, 3L, 4L);
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void truncateAfterOfAMissingFileDoesNothing() throws IOException {
        Path file = MetricsLog.file(out);

        assertThat(MetricsLog.truncateAfter(file, 10)).isZero();
        assertThat(file).doesNotExist();
    }

    @Test
    void malformedLineErrorNamesFileAndLineNumber() throws IOException {
        Path file = MetricsLog.file(out);
        Files.writeString(file, train(1, 1, 1.0).toJson() + "\n\n"
                + "{\"step\":2,\"epoch\":1,\"split\":\"train\",\"time\":1,\"loss\":}\n"
                + train(3, 1, 1.0).toJson() + "\n");

        assertThatThrownBy(() -> MetricsLog.readAll(file))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("line 3");
        assertThatThrownBy(() -> MetricsLog.truncateAfter(file, 5))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("line 3");
    }

    @Test
    void unfinishedLastLineOfAKilledRunIsDroppedOnResumeOnly() throws IOException {
        Path file = MetricsLog.file(out);
        String whole = train(1, 1, 1.0).toJson() + "\n" + train(2, 1, 0.9).toJson() + "\n";
        Files.writeString(file, whole + "{\"step\":3,\"epo");

        assertThatThrownBy(() -> MetricsLog.readAll(file)).hasMessageContaining("line 3");

        assertThat(MetricsLog.truncateAfter(file, 100)).isZero();
        assertThat(Files.readString(file)).isEqualTo(whole);
    }
}
