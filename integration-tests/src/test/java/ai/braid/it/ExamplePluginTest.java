package ai.braid.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example third-party plugin end to end: built as a separate Maven project against the
 * api alone, installed into a plugins folder beside the first-party plugins, listed, and used
 * by a pipeline file.
 */
class ExamplePluginTest {

    private static final String PIPELINE = "examples/signal-plugin/pipeline.yaml";

    @TempDir
    Path temp;

    private Path pluginsWithExample() throws Exception {
        Path plugins = Braid.copyOfFirstPartyPlugins(temp.resolve("plugins"));
        Braid.copyFolder(Braid.examplePlugins().resolve("signal"), plugins.resolve("signal"));
        return plugins;
    }

    @Test
    void theExamplePluginIsListedWithItsComponents() throws Exception {
        Path plugins = pluginsWithExample();

        Braid.Result result = Braid.braid("plugins", "--json", "--plugins-dir", plugins.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode signal = null;
        for (JsonNode plugin : new ObjectMapper().readTree(result.out()).get("plugins")) {
            if (plugin.get("name").asText().equals("signal")) {
                signal = plugin;
            }
        }
        assertThat(signal).as("the signal plugin is listed").isNotNull();
        assertThat(signal.get("source").asText()).isEqualTo(plugins.resolve("signal").toString());
        assertThat(Braid.componentNames(signal))
                .containsExactlyInAnyOrder("signal-csv", "signal-patches");
    }

    @Test
    void theExamplePipelineValidates() throws Exception {
        Path plugins = pluginsWithExample();

        Braid.Result result = Braid.braid("validate", PIPELINE, "--plugins-dir",
                plugins.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("valid pipeline 'signal-waveforms'")
                .contains("[signal]").contains("cross-entropy");
    }

    @Test
    void aMisspeltComponentSetOnTheCommandLineSuggestsTheRightOne() throws Exception {
        Path plugins = pluginsWithExample();

        Braid.Result result = Braid.braid("validate", PIPELINE, "--plugins-dir",
                plugins.toString(), "--set", "fusion.name=conact");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .contains("fusion.name (--set fusion.name=conact)")
                .contains("unknown fusion 'conact'")
                .contains("Did you mean 'concat'?");
    }

    @Test
    void aMisspeltProjectorInTheFileNamesItsLine() throws Exception {
        Path plugins = pluginsWithExample();
        Path pipeline = temp.resolve("bad.yaml");
        Files.writeString(pipeline, Files.readString(Braid.HOME.resolve(PIPELINE))
                .replace("signal-patches", "signal-patchs"));

        Braid.Result result = Braid.braid("validate", pipeline.toString(), "--plugins-dir",
                plugins.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).containsPattern("projectors\\.signal\\.name \\(.*bad\\.yaml:\\d+\\)")
                .contains("Did you mean 'signal-patches'?");
    }

    @Test
    void withoutThePluginTheReaderIsReportedAsMissing() throws Exception {
        Path plugins = Braid.copyOfFirstPartyPlugins(temp.resolve("plugins"));

        Braid.Result result = Braid.braid("validate", PIPELINE, "--plugins-dir",
                plugins.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("unknown reader 'signal-csv'");
    }

    @Test
    void theExamplePipelineTrainsWithTheThirdPartyModality() throws Exception {
        Path plugins = pluginsWithExample();
        Path out = temp.resolve("run");

        Braid.Result result = Braid.braid("train", PIPELINE, "--plugins-dir",
                plugins.toString(), "--out", out.toString(), "--set", "train.epochs=3");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(out.resolve("report.json")).content().contains("\"accuracy\"");
        assertThat(out.resolve("metrics.jsonl")).isNotEmptyFile();
    }
}
