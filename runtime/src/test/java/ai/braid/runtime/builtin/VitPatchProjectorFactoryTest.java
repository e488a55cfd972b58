package ai.braid.runtime.builtin;

import static ai.braid.runtime.builtin.ProjectorFactoryConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import ai.braid.api.config.OptionSpec;
import ai.braid.api.data.Modality;
import ai.braid.api.projection.ImagePatchProjector;
import ai.braid.api.spi.ModalityProjector;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VitPatchProjectorFactoryTest {

    private final VitPatchProjectorFactory factory = new VitPatchProjectorFactory();
    private final Modality image = Modality.of("image");

    @Test
    void declaresSmallDefaultsWithDescriptions() {
        assertThat(factory.name()).isEqualTo("vit-patches");
        assertThat(factory.options().names())
                .containsExactly("imageSize", "channels", "patch", "dim", "patchNorm");
        assertThat(factory.options().options())
                .allMatch(spec -> !spec.required() && !spec.description().isBlank());
        assertThat(factory.options().options())
                .filteredOn(spec -> !spec.name().equals("patchNorm"))
                .allMatch(spec -> spec.min() != null && spec.max() != null);
        assertThat(factory.options().find("patchNorm").orElseThrow().defaultValue())
                .isEqualTo(false);
        assertThat(factory.options().find("channels").map(OptionSpec::expectation))
                .hasValue("an integer in [1, 3]");
    }

    @Test
    void createsAProjectorFromTheOptions() {
        ModalityProjector projector = factory.create(config(factory,
                Map.of("imageSize", 8, "channels", 1, "patch", 4, "dim", 6)), image);

        assertThat(projector).isInstanceOf(ImagePatchProjector.class);
        assertThat(projector.dim()).isEqualTo(6);
        try (NDManager manager = NDManager.newBaseManager()) {
            BufferedImage picture = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
            NDList pixels = projector.preprocess(
                    List.of(ImageFactory.getInstance().fromImage(picture)), manager);
            projector.block().initialize(manager, DataType.FLOAT32, pixels.getShapes());
            NDList tokens = projector.block().forward(
                    new ParameterStore(manager, false), pixels, false);

            assertThat(pixels.head().getShape()).isEqualTo(new Shape(1, 1, 8, 8));
            assertThat(tokens.get(0).getShape()).isEqualTo(new Shape(1, 5, 6));
        }
    }

    @Test
    void patchNormPutsLayerNormsAroundALinearPatchMap() {
        ModalityProjector projector = factory.create(config(factory, Map.of("imageSize", 8,
                "channels", 1, "patch", 4, "dim", 6, "patchNorm", true)), image);
        try (NDManager manager = NDManager.newBaseManager()) {
            projector.block().initialize(manager, DataType.FLOAT32, new Shape(1, 1, 8, 8));

            List<String> names = new java.util.ArrayList<>();
            projector.block().getParameters().forEach(p -> names.add(p.getKey()));
            assertThat(names).contains("01pixelNorm_gamma", "02patches_weight",
                    "03tokenNorm_gamma");
            assertThat(projector.block().getParameters().get("02patches_weight").getArray()
                    .getShape()).isEqualTo(new Shape(6, 16));
        }
    }

    @Test
    void thePatchMustDivideTheImageSize() {
        assertThatThrownBy(() -> factory.create(
                config(factory, Map.of("imageSize", 28, "patch", 8)), image))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("projectors.image.patch (p.yaml:3): ")
                .hasMessageContaining("divide imageSize 28, got 8");
    }

    @Test
    void twoChannelsAreRefused() {
        assertThatThrownBy(() -> factory.create(config(factory, Map.of("channels", 2)), image))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("projectors.image.channels (p.yaml:3): ")
                .hasMessageContaining("expected 1 (grey) or 3 (RGB), got 2");
    }
}
