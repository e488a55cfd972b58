package ai.braid.runtime.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {

    @TempDir
    Path out;

    private static RunReport report() {
        Map<String, Double> validation = new LinkedHashMap<>();
        validation.put("loss", 0.31);
        validation.put("accuracy", 0.875);
        return RunReport.builder()
                .setPipeline("fashion-mlp")
                .setSeed(7)
                .setEpochs(4)
                .setSteps(1200)
                .setWallSeconds(65.25)
                .setDevice("gpu(0)")
                .optSamplesPerSecond(588.5)
                .optSelection("accuracy", 0.875, 3)
                .optStoppedEarly(true)
                .addMetrics("validation", validation)
                .addMetrics("test", Map.of("accuracy", 0.86))
                .addMetrics("test", Map.of("recall@1_i2t", Double.NaN))
                .putExtra("parameters", 118_282)
                .putExtra("note", "smoke run")
                .putExtra("lossTerms", List.of("cross-entropy"))
                .build();
    }

    @Test
    void writesPrettyJsonThatReadsBackEqual() throws IOException {
        RunReport report = report();

        Path file = report.write(out.resolve("run"));

        assertThat(file).isEqualTo(out.resolve("run").resolve("report.json"));
        String text = Files.readString(file);
        assertThat(text).startsWith("{\n").contains("\n  \"pipeline\" : \"fashion-mlp\"");
        JsonNode json = Json.MAPPER.readTree(text);
        assertThat(json.get("bestEpoch").asInt()).isEqualTo(3);
        assertThat(json.get("stoppedEarly").asBoolean()).isTrue();
        assertThat(json.at("/metrics/validation/accuracy").asDouble()).isEqualTo(0.875);
        assertThat(json.at("/metrics/test/recall@1_i2t").isNull()).isTrue();
        assertThat(json.at("/extra/parameters").asInt()).isEqualTo(118_282);

        RunReport back = RunReport.read(file);
        assertThat(back).isEqualTo(report);
        assertThat(back.metrics().get("test").keySet()).containsExactly("accuracy", "recall@1_i2t");
    }

    @Test
    void reportWithoutSelectionWritesNullsAndReadsBackEqual() throws IOException {
        RunReport report = RunReport.builder().setPipeline("p").setEpochs(1).setSteps(3)
                .setWallSeconds(1).setDevice("cpu()").build();

        Path file = report.write(out);

        JsonNode json = Json.MAPPER.readTree(file.toFile());
        assertThat(json.get("bestEpoch").isNull()).isTrue();
        assertThat(json.get("selectionMetric").isNull()).isTrue();
        assertThat(json.get("samplesPerSecond").isNull()).isTrue();
        assertThat(RunReport.read(file)).isEqualTo(report);
    }

    @Test
    void atomicWriteReplacesTheReportAndLeavesNoTemporaryFiles() throws IOException {
        report().write(out);
        RunReport second = RunReport.builder().setPipeline("second").setDevice("cpu()").build();

        second.write(out);

        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).containsExactly(out.resolve("report.json"));
        }
        assertThat(RunReport.read(RunReport.file(out)).pipeline()).isEqualTo("second");
    }

    @Test
    void readingSomethingElseNamesTheFileAndField() throws IOException {
        Path file = out.resolve("report.json");
        Files.writeString(file, "{\"pipeline\":\"p\",\"seed\":1,\"epochs\":\"four\"}");

        assertThatThrownBy(() -> RunReport.read(file))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("'epochs' must be an integer");
    }
}
