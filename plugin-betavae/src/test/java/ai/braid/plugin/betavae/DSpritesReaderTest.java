package ai.braid.plugin.betavae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.data.Sample;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.djl.modality.cv.Image;
import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DSpritesReaderTest {

    private final DSpritesReader reader = new DSpritesReader(300, 200, 1000, 3);

    private static Set<String> ids(SampleSet set) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < set.size(); i++) {
            ids.add(set.get(i).id());
        }
        return ids;
    }

    @Test
    void splitsHaveTheirSizesAndShareNoImage() {
        Set<String> train = ids(reader.read(Split.TRAIN));
        Set<String> validation = ids(reader.read(Split.VALIDATION));
        Set<String> test = ids(reader.read(Split.TEST));
        assertThat(train).hasSize(1000);
        assertThat(validation).hasSize(300);
        assertThat(test).hasSize(200);
        assertThat(train).doesNotContainAnyElementsOf(validation).doesNotContainAnyElementsOf(test);
        assertThat(validation).doesNotContainAnyElementsOf(test);
    }

    @Test
    void theSameSeedGivesTheSameSplitsAndAnotherSeedOthers() {
        assertThat(ids(new DSpritesReader(300, 200, 1000, 3).read(Split.TEST)))
                .isEqualTo(ids(reader.read(Split.TEST)));
        assertThat(ids(new DSpritesReader(300, 200, 1000, 4).read(Split.TEST)))
                .isNotEqualTo(ids(reader.read(Split.TEST)));
    }

    @Test
    void withoutALimitTheTrainSplitHoldsEveryOtherImage() {
        DSpritesReader all = new DSpritesReader(5000, 5000, 0, 1);
        assertThat(all.read(Split.TRAIN).size()).isEqualTo(DSpritesFactors.COUNT - 10_000);
    }

    @Test
    void aSampleByIndexCarriesItsFactorsAndTheRenderedImage() {
        DSpritesFactors factors = new DSpritesFactors(2, 3, 17, 5, 30);
        Sample sample = reader.sample(factors.index());
        assertThat(sample.id()).isEqualTo("dsprites-" + factors.index());
        assertThat(sample.target("shape", Long.class)).isEqualTo(2L);
        assertThat(sample.target("scale", Long.class)).isEqualTo(3L);
        assertThat(sample.target("orientation", Long.class)).isEqualTo(17L);
        assertThat(sample.target("positionX", Long.class)).isEqualTo(5L);
        assertThat(sample.target("positionY", Long.class)).isEqualTo(30L);

        byte[] expected = new DSpritesRenderer().render(factors);
        BufferedImage image = (BufferedImage) sample.input(DSpritesReader.IMAGE, Image.class)
                .getWrappedImage();
        assertThat(image.getWidth()).isEqualTo(64);
        int lit = 0;
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                int grey = image.getRaster().getSample(x, y, 0);
                assertThat(grey).isEqualTo(expected[y * 64 + x] == 1 ? 255 : 0);
                lit += grey == 255 ? 1 : 0;
            }
        }
        assertThat(lit).isGreaterThan(20);
    }

    @Test
    void targetsDeclareEveryFactorWithItsValueCount() {
        assertThat(reader.targets()).extracting(t -> t.name())
                .containsExactlyElementsOf(DSpritesReader.FACTOR_NAMES);
        assertThat(reader.targets()).extracting(t -> t.classes().size())
                .containsExactly(3, 6, 40, 32, 32);
    }

    @Test
    void heldOutSplitsThatLeaveNoTrainingImageAreRejected() {
        assertThatThrownBy(() -> new DSpritesReader(DSpritesFactors.COUNT, 0, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leave training images");
    }
}
