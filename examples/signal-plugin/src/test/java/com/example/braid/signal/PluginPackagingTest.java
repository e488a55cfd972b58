package com.example.braid.signal;

import static org.assertj.core.api.Assertions.assertThat;

import ai.braid.api.BraidApi;
import ai.braid.api.plugin.PluginDescriptor;
import ai.braid.api.spi.ComponentFactory;
import ai.braid.api.spi.DatasetReaderFactory;
import ai.braid.api.spi.ModalityProjectorFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Checks what the runtime reads before it loads a class: the descriptor and service files. */
class PluginPackagingTest {

    @Test
    void descriptorIsFilteredAndSupported() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream(PluginDescriptor.RESOURCE)) {
            assertThat(in).as(PluginDescriptor.RESOURCE).isNotNull();
            properties.load(in);
        }
        PluginDescriptor descriptor = new PluginDescriptor(properties.getProperty("name"),
                properties.getProperty("version"),
                Integer.parseInt(properties.getProperty("apiVersion")),
                properties.getProperty("description"));

        assertThat(descriptor.name()).isEqualTo("signal");
        assertThat(descriptor.version()).doesNotContain("${").isNotBlank();
        assertThat(BraidApi.supports(descriptor.apiVersion())).isTrue();
    }

    @Test
    void serviceFilesListBothFactories() {
        assertThat(ServiceLoader.load(DatasetReaderFactory.class).stream()
                .map(ServiceLoader.Provider::get).map(ComponentFactory::name))
                .containsExactly("signal-csv");
        assertThat(ServiceLoader.load(ModalityProjectorFactory.class).stream()
                .map(ServiceLoader.Provider::get).map(ComponentFactory::name))
                .containsExactly("signal-patches");
    }
}
