package ai.braid.plugin.ssesf.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import ai.braid.api.spi.SemanticExtractor;
import ai.braid.api.spi.SemanticExtractorFactory;
import ai.djl.modality.cv.Image;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The factory's name, options, service registration and errors. */
class OcrExtractorFactoryTest {

    private final OcrExtractorFactory factory = new OcrExtractorFactory();

    @TempDir
    Path dir;

    @Test
    void isRegisteredAsASemanticExtractorNamedOcr() {
        assertThat(ServiceLoader.load(SemanticExtractorFactory.class).stream()
                .map(ServiceLoader.Provider::type))
                .contains(OcrExtractorFactory.class);
        assertThat(factory.name()).isEqualTo("ocr");
    }

    @Test
    void declaresItsOptionsWithDefaults() {
        assertThat(factory.options().names()).containsExactly("language", "tessdata",
                "pageSegMode", "minHeight", "minConfidence");
        assertThat(factory.options().find("language").orElseThrow().defaultValue())
                .isEqualTo("eng");
        assertThat(factory.options().find("tessdata").orElseThrow().defaultValue())
                .isEqualTo(OcrExtractor.defaultTessdata().toString());
        assertThat(factory.options().find("pageSegMode").orElseThrow().defaultValue())
                .isEqualTo(3L);
        assertThat(factory.options().find("minHeight").orElseThrow().defaultValue())
                .isEqualTo(256L);
        assertThat(factory.options().find("minConfidence").orElseThrow().defaultValue())
                .isEqualTo(60.0);
    }

    @Test
    void createsAnExtractorFromImagesToStrings() {
        SemanticExtractor extractor = factory.create(Configs.of(factory,
                Map.of("pageSegMode", 6L, "minConfidence", 0.0)));
        try {
            assertThat(extractor.inputType()).isEqualTo(Image.class);
            assertThat(extractor.outputType()).isEqualTo(String.class);
            assertThat(extractor.fingerprint()).contains("psm 6", "minConfidence 0.0");
        } finally {
            ((OcrExtractor) extractor).close();
        }
    }

    @Test
    void aTessdataDirectoryWithoutTheModelNamesTheOptionAndThePath() {
        assertThatThrownBy(() -> factory.create(Configs.of(factory, Map.of("tessdata", dir))))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("extractors[0].tessdata (pipeline.yaml:4): ")
                .hasMessageContaining("there is no Tesseract model "
                        + dir.resolve("eng.traineddata"))
                .hasMessageContaining("apt-get install tesseract-ocr tesseract-ocr-eng");
    }

    @Test
    void aLanguageWithoutModelNamesItsFile() {
        assertThatThrownBy(() -> factory.create(Configs.of(factory,
                Map.of("language", "eng+klingon"))))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("extractors[0].tessdata (default): ")
                .hasMessageContaining("klingon.traineddata")
                .hasMessageContaining("language 'eng+klingon'");
    }

    @Test
    void aMalformedLanguageNamesTheOption() {
        assertThatThrownBy(() -> factory.create(Configs.of(factory,
                Map.of("language", "../eng"))))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("extractors[0].language (pipeline.yaml:4): ")
                .hasMessageContaining("\"../eng\"");
    }
}
