package ai.braid.runtime.report;

import ai.braid.api.UserInputException;
import ai.braid.api.io.AtomicFiles;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metric curve of a run, {@code DIR/metrics.jsonl}: one {@link MetricRecord} as JSON per
 * line.
 *
 * <p>Each appended line is flushed at once, so a run that is killed keeps every line it wrote.
 * A resumed run first cuts the file back to the checkpoint's step with
 * {@link #truncateAfter(Path, long)}, then appends, so the curve continues without duplicates.
 *
 * <pre>{@code
 * MetricsLog.truncateAfter(MetricsLog.file(out), checkpointStep);   // only on --resume
 * try (MetricsLog log = MetricsLog.open(out)) {
 *     log.append(new MetricRecord(step, epoch, MetricRecord.TRAIN, seconds, values));
 * }
 * }</pre>
 */
public final class MetricsLog implements Closeable {

    /** The file's name inside the output directory. */
    public static final String FILE_NAME = "metrics.jsonl";

    private static final Logger LOG = LoggerFactory.getLogger(MetricsLog.class);

    private final Path file;
    private final BufferedWriter writer;

    private MetricsLog(Path file, BufferedWriter writer) {
        this.file = file;
        this.writer = writer;
    }

    /**
     * Returns where the metric log of an output directory lives.
     *
     * @param outDir the run's output directory
     * @return {@code outDir/metrics.jsonl}
     */
    public static Path file(Path outDir) {
        return Objects.requireNonNull(outDir, "outDir").resolve(FILE_NAME);
    }

    /**
     * Opens {@code outDir/metrics.jsonl} for appending, creating the directory and the file if
     * needed; existing lines are kept.
     *
     * @param outDir the run's output directory
     * @return the open log; close it when the run ends
     * @throws IOException if the directory or the file cannot be created or opened
     */
    public static MetricsLog open(Path outDir) throws IOException {
        Path file = file(outDir);
        Files.createDirectories(outDir);
        BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        return new MetricsLog(file, writer);
    }

    /**
     * Returns the file this log appends to.
     *
     * @return the path of {@code metrics.jsonl}
     */
    public Path path() {
        return file;
    }

    /**
     * Appends one record as one line and flushes it.
     *
     * @param record the record to write
     * @throws IOException if writing fails
     */
    public synchronized void append(MetricRecord record) throws IOException {
        Objects.requireNonNull(record, "record");
        writer.write(record.toJson());
        writer.write('\n');
        writer.flush();
    }

    /**
     * Closes the file.
     *
     * @throws IOException if closing fails
     */
    @Override
    public synchronized void close() throws IOException {
        writer.close();
    }

    /**
     * Reads every record of a metric log, in file order; blank lines are skipped.
     *
     * @param file a {@code metrics.jsonl} file
     * @return the records
     * @throws UserInputException naming the file and the line number if a line is not a record
     * @throws IOException if the file cannot be read
     */
    public static List<MetricRecord> readAll(Path file) throws IOException {
        List<MetricRecord> records = new ArrayList<>();
        for (Line line : lines(file, false)) {
            records.add(line.record());
        }
        return records;
    }

    /**
     * Rewrites a metric log keeping only the records with {@code step <= lastStep}, in their
     * original form. The kept lines go to a temporary file that then replaces the log in one
     * atomic rename, so a crash leaves either the old log or the cut one.
     *
     * <p>An unfinished last line (no line break, not valid JSON) is what a run killed in the
     * middle of a write leaves behind; it is dropped with a warning instead of failing the
     * resume. A missing file is left missing.
     *
     * @param file a {@code metrics.jsonl} file
     * @param lastStep the last step to keep, normally the step of the checkpoint resumed from
     * @return how many records were dropped
     * @throws UserInputException naming the file and the line number if any other line is not
     *     a record
     * @throws IOException if the file cannot be read or replaced
     */
    public static int truncateAfter(Path file, long lastStep) throws IOException {
        List<Line> lines;
        try {
            lines = lines(file, true);
        } catch (NoSuchFileException e) {
            return 0;
        }
        StringBuilder kept = new StringBuilder();
        int dropped = 0;
        for (Line line : lines) {
            if (line.record().step() <= lastStep) {
                kept.append(line.text()).append('\n');
            } else {
                dropped++;
            }
        }
        AtomicFiles.writeString(file, kept.toString());
        return dropped;
    }

    private record Line(String text, MetricRecord record) {}

    private static List<Line> lines(Path file, boolean dropTornTail) throws IOException {
        Objects.requireNonNull(file, "file");
        String content = Files.readString(file, StandardCharsets.UTF_8);
        String[] texts = content.split("\n", -1);
        // After a final line break split gives one empty string; without one, the last piece is
        // a line whose write may have been cut off.
        boolean lastUnterminated = !content.isEmpty() && !content.endsWith("\n");
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            String text = texts[i].endsWith("\r")
                    ? texts[i].substring(0, texts[i].length() - 1) : texts[i];
            if (text.isBlank()) {
                continue;
            }
            try {
                lines.add(new Line(text, MetricRecord.fromJson(text)));
            } catch (IllegalArgumentException e) {
                boolean tornTail = i == texts.length - 1 && lastUnterminated;
                if (dropTornTail && tornTail) {
                    LOG.warn("{} line {}: dropping an unfinished last line ({})",
                            file, i + 1, e.getMessage());
                    continue;
                }
                throw new UserInputException(file + " line " + (i + 1)
                        + ": not a metric record: " + e.getMessage()
                        + ". Expected one JSON object per line with step, epoch, split, time"
                        + " and numeric values; fix or delete that line.", e);
            }
        }
        return lines;
    }
}
