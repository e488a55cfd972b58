package ai.braid.runtime.builtin;

import static ai.braid.runtime.builtin.ProjectorFactoryConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import ai.braid.api.data.Modality;
import ai.braid.api.projection.ConvImageProjector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConvImageProjectorFactoryTest {

    private final ConvImageProjectorFactory factory = new ConvImageProjectorFactory();
    private final Modality image = Modality.of("image");

    @Test
    void declaresSmallDefaultsWithDescriptions() {
        assertThat(factory.name()).isEqualTo("conv-image");
        assertThat(factory.options().names())
                .containsExactly("imageSize", "channels", "dim", "convChannels");
        assertThat(factory.options().options())
                .allMatch(spec -> !spec.required() && !spec.description().isBlank());
    }

    @Test
    void createsAProjectorFromTheOptions() {
        ConvImageProjector projector = (ConvImageProjector) factory.create(config(factory,
                Map.of("imageSize", 16, "channels", 1, "dim", 5,
                        "convChannels", List.of("4", " 8", "8"))), image);

        assertThat(projector.dim()).isEqualTo(5);
        assertThat(projector.tokens()).isEqualTo(4);
        assertThat(projector.preprocessor().channels()).isEqualTo(1);
    }

    @Test
    void theDefaultsMakeAProjector() {
        ConvImageProjector projector =
                (ConvImageProjector) factory.create(config(factory, Map.of()), image);

        assertThat(projector.tokens()).isEqualTo(64);
        assertThat(projector.dim()).isEqualTo(64);
    }

    @Test
    void channelCountsMustBePositiveIntegers() {
        assertThatThrownBy(() -> factory.create(
                config(factory, Map.of("convChannels", List.of("16", "wide"))), image))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("projectors.image.convChannels (p.yaml:3): ")
                .hasMessageContaining("got 'wide' in [16, wide]");
        assertThatThrownBy(() -> factory.create(
                config(factory, Map.of("convChannels", List.of("0"))), image))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("got '0'");
        assertThatThrownBy(() -> factory.create(
                config(factory, Map.of("convChannels", List.of())), image))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("expected 1 to 12 channel counts, got []");
    }

    @Test
    void theImageMustSurviveEveryStage() {
        assertThatThrownBy(() -> factory.create(config(factory,
                Map.of("imageSize", 4, "convChannels", List.of("2", "2", "2"))), image))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("projectors.image.imageSize (p.yaml:3): ")
                .hasMessageContaining("at least 8, got 4");
    }

    @Test
    void twoChannelsAreRefused() {
        assertThatThrownBy(() -> factory.create(config(factory, Map.of("channels", 2)), image))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("projectors.image.channels (p.yaml:3): ");
    }
}
