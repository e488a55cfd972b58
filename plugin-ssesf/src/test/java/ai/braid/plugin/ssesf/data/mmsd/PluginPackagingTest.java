package ai.braid.plugin.ssesf.data.mmsd;

import static org.assertj.core.api.Assertions.assertThat;

import ai.braid.api.BraidApi;
import ai.braid.api.plugin.PluginDescriptor;
import ai.braid.api.spi.ComponentFactory;
import ai.braid.api.spi.DatasetReaderFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Checks what the runtime reads before it loads a class: the descriptor and service file. */
class PluginPackagingTest {

    @Test
    void descriptorIsFilteredAndSupported() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream(PluginDescriptor.RESOURCE)) {
            assertThat(in).as(PluginDescriptor.RESOURCE).isNotNull();
            properties.load(in);
        }

        assertThat(properties.getProperty("name")).isEqualTo("ssesf");
        assertThat(BraidApi.supports(Integer.parseInt(properties.getProperty("apiVersion"))))
                .isTrue();
    }

    @Test
    void serviceFileListsBothReaders() {
        assertThat(ServiceLoader.load(DatasetReaderFactory.class).stream()
                .map(ServiceLoader.Provider::get).map(ComponentFactory::name))
                .contains("mmsd", "mmsd2");
    }
}
