package ai.braid.runtime.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import ai.braid.runtime.plugin.ComponentKind;
import ai.braid.runtime.plugin.ComponentRegistry;
import ai.braid.runtime.plugin.PluginLoader;
import com.google.inject.Guice;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectorFactoryRegistrationTest {

    @TempDir
    Path plugins;

    @Test
    void theBuiltInProjectorsAreCoreComponents() {
        ComponentRegistry registry = new PluginLoader(plugins, Guice.createInjector()).load();

        for (String name : new String[] {"vit-patches", "conv-image", "wordpiece"}) {
            assertThat(registry.find(ComponentKind.MODALITY_PROJECTOR, name))
                    .as(name).hasValueSatisfying(c -> assertThat(c.plugin().name())
                            .isEqualTo("core"));
        }
    }
}
