package ai.braid.api.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.data.TokenSequence;
import ai.braid.api.spi.ModalityProjector;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageProjectorsTest {

    private final List<Image> images = List.of(
            ImagePreprocessorTest.fourColours(),
            ImagePreprocessorTest.uniform(12, 12, 0x808080),
            ImagePreprocessorTest.uniform(8, 8, 0x102030));

    @Test
    void vitPatchesTurnImagesIntoPatchTokens() {
        ImagePatchProjector projector = ImagePatchProjector.builder()
                .setImageSize(8).setChannels(1).setPatch(4).setDim(6).build();

        TokenSequence tokens = run(projector, new Shape(3, 1, 8, 8));

        assertThat(projector.inputType()).isEqualTo(Image.class);
        assertThat(projector.tokens()).isEqualTo(5);
        assertThat(tokens.embeddings().getShape()).isEqualTo(new Shape(3, 5, 6));
        assertThat(projector.block()).isSameAs(projector.block());
    }

    @Test
    void convImageTurnsImagesIntoFeatureMapTokens() {
        ConvImageProjector projector = ConvImageProjector.builder()
                .setImageSize(8).setChannels(3).setDim(5).setConvChannels(List.of(4, 4)).build();

        TokenSequence tokens = run(projector, new Shape(3, 3, 8, 8));

        assertThat(projector.tokens()).isEqualTo(4);
        assertThat(tokens.embeddings().getShape()).isEqualTo(new Shape(3, 4, 5));
        assertThat(projector.block()).isSameAs(projector.block());
    }

    @Test
    void invalidSizesAreRefused() {
        assertThatThrownBy(() -> ImagePatchProjector.builder()
                .setImageSize(10).setChannels(3).setPatch(4).setDim(6).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multiple of the patch 4");
        assertThatThrownBy(() -> ConvImageProjector.builder()
                .setImageSize(3).setChannels(3).setDim(5).setConvChannels(List.of(4, 4)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too small for 2");
    }

    /** Preprocesses the images, checks the pixel shape, initialises and runs the block. */
    private TokenSequence run(ModalityProjector projector, Shape pixelShape) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList pixels = projector.preprocess(images, manager);
            assertThat(pixels.singletonOrThrow().getShape()).isEqualTo(pixelShape);
            projector.block().initialize(manager, DataType.FLOAT32, pixels.getShapes());
            NDList out = projector.block().forward(
                    new ParameterStore(manager, false), pixels, false);
            TokenSequence tokens = TokenSequence.from(out, 0);
            assertThat(tokens.dim()).isEqualTo(projector.dim());
            assertThat(tokens.mask().toFloatArray()).containsOnly(1f);
            assertThat(Arrays.asList(projector.block().getOutputShapes(pixels.getShapes())))
                    .containsExactly(tokens.embeddings().getShape(), tokens.mask().getShape());
            tokens.embeddings().detach();
            tokens.mask().detach();
            return tokens;
        }
    }
}
