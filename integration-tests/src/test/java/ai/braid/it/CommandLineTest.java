package ai.braid.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The outside contracts of {@code bin/braid}, run as a user runs them. */
class CommandLineTest {

    @TempDir
    Path temp;

    @Test
    void pluginsJsonListsTheFirstPartyPluginsWithTheirComponents() throws Exception {
        Braid.Result result = Braid.braid("plugins", "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(result.out());
        assertThat(root.get("apiVersion").asInt()).isEqualTo(1);
        List<String> names = new ArrayList<>();
        for (JsonNode plugin : root.get("plugins")) {
            names.add(plugin.get("name").asText());
            assertThat(plugin.get("version").asText()).isNotBlank();
            assertThat(plugin.get("components").isArray()).isTrue();
            if (Braid.FIRST_PARTY.contains(plugin.get("name").asText())) {
                assertThat(plugin.get("location").asText())
                        .contains("plugins/" + plugin.get("name").asText() + "/");
            }
        }
        assertThat(names).contains("core").containsAll(Braid.FIRST_PARTY);
        JsonNode core = root.get("plugins").get(0);
        assertThat(core.get("source").asText()).isEqualTo("classpath");
        assertThat(Braid.componentNames(core))
                .contains("concat", "cross-entropy", "classification");
    }

    @Test
    void aCopiedPluginFolderExitsTwoAndNamesBoth() throws Exception {
        Path plugins = Braid.copyOfFirstPartyPlugins(temp.resolve("plugins"));
        Braid.copyFolder(plugins.resolve("pcme"), plugins.resolve("pcme-copy"));

        Braid.Result result = Braid.braid("plugins", "--plugins-dir", plugins.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .contains("two plugins are named 'pcme'")
                .contains(plugins.resolve("pcme").toString() + "/")
                .contains(plugins.resolve("pcme-copy").toString() + "/");
    }

    @Test
    void aCorruptJarExitsTwoAndNamesIt() throws Exception {
        Path plugins = Braid.copyOfFirstPartyPlugins(temp.resolve("plugins"));
        Path corrupt = plugins.resolve("muse").resolve("extra.jar");
        Files.write(corrupt, new byte[] {0x50, 0x4b, 0x03, 0x04, 1, 2, 3});

        Braid.Result result = Braid.braid("plugins", "--plugins-dir", plugins.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains(corrupt.toString());
    }

    @Test
    void pluginsDirCanComeFromTheEnvironment() throws Exception {
        Path plugins = Braid.copyOfFirstPartyPlugins(temp.resolve("plugins"));
        Braid.copyFolder(plugins.resolve("muse"), plugins.resolve("muse-again"));

        Braid.Result result = Braid.run(List.of("env", "BRAID_PLUGINS_DIR=" + plugins,
                Braid.HOME.resolve("bin/braid").toString(), "plugins"), 120);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("muse-again");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plugins", "validate", "train", "eval", "predict", "quantize"})
    void everyCommandHasHelp(String command) throws Exception {
        Braid.Result result = Braid.braid(command, "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Usage: braid " + command);
    }

    @Test
    void anUnknownCommandIsAUsageError() throws Exception {
        Braid.Result result = Braid.braid("trian");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("trian");
    }

    @Test
    void aMissingPipelineFileExitsTwo() throws Exception {
        Braid.Result result = Braid.braid("validate", temp.resolve("nope.yaml").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("nope.yaml does not exist");
    }
}
