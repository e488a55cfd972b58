package ai.braid.plugin.fashion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.data.ModalitySpec;
import ai.braid.api.data.Sample;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.api.data.TargetSpec;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reads the installed Fashion-MNIST and WordNet once, with the default options. */
class FashionMnistReaderTest {

    private static final List<String> SPECIFIC = List.of(
            "a close-fitting pullover shirt",
            "a garment extending from the waist to the knee or ankle, covering each leg"
                    + " separately",
            "a sweater that is put on by pulling it over the head",
            "a one-piece garment for a woman; has skirt and bodice",
            "an outer garment that has sleeves and covers the body from shoulder down; worn"
                    + " outdoors",
            "a shoe consisting of a sole fastened by straps to the foot",
            "a garment worn on the upper half of the body",
            "a canvas shoe with a pliable rubber sole",
            "a container used for carrying money and small personal items or accessories",
            "footwear that covers the whole foot and lower leg");
    private static final String CLOTHING = "a covering designed to be worn on a person's body";
    private static final String FOOTWEAR = "covering for a person's feet";
    private static final String CONTAINER = "any object that can be used to hold things";
    private static final List<String> GENERAL = List.of(CLOTHING, CLOTHING, CLOTHING, CLOTHING,
            CLOTHING, FOOTWEAR, CLOTHING, FOOTWEAR, CONTAINER, FOOTWEAR);

    private static FashionMnistReader reader;
    private static SampleSet train;
    private static SampleSet validation;
    private static SampleSet test;

    @BeforeAll
    static void readOnce() {
        reader = (FashionMnistReader) new FashionMnistReaderFactory()
                .create(Configs.of(new FashionMnistReaderFactory(), Map.of()));
        train = reader.read(Split.TRAIN);
        validation = reader.read(Split.VALIDATION);
        test = reader.read(Split.TEST);
    }

    @Test
    void declaresImageTextAndTheTenClasses() {
        assertThat(reader.modalities()).containsExactly(
                new ModalitySpec(FashionMnistReader.IMAGE, Image.class),
                new ModalitySpec(FashionMnistReader.TEXT, String.class));
        assertThat(reader.targets()).containsExactly(new TargetSpec("label", List.of(
                "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                "Sneaker", "Bag", "Ankle boot")));
    }

    @Test
    void splitsTheTrainingFileIntoTrainAndTheLast5000ForValidation() {
        assertThat(train.size()).isEqualTo(55_000);
        assertThat(validation.size()).isEqualTo(5_000);
        assertThat(test.size()).isEqualTo(10_000);
        assertThat(train.get(0).id()).isEqualTo("train-00000");
        assertThat(train.get(54_999).id()).isEqualTo("train-54999");
        assertThat(validation.get(0).id()).isEqualTo("train-55000");
        assertThat(validation.get(4_999).id()).isEqualTo("train-59999");
        assertThat(test.get(7).id()).isEqualTo("test-00007");
    }

    @Test
    void firstImagesOfBothFilesAreAnkleBoots() {
        assertThat(train.get(0).target("label", Long.class)).isEqualTo(9L);
        assertThat(test.get(0).target("label", Long.class)).isEqualTo(9L);
    }

    @Test
    void labelsMatchTheLabelFiles() {
        byte[] trainLabels = RawFiles.labels(FashionMnistReader.TRAIN_LABELS);
        byte[] testLabels = RawFiles.labels(FashionMnistReader.TEST_LABELS);
        assertThat(trainLabels).hasSize(60_000);
        for (int i : new int[] {0, 1, 12_345, 54_999}) {
            assertThat(train.get(i).target("label", Long.class)).isEqualTo((long) trainLabels[i]);
        }
        assertThat(validation.get(4_999).target("label", Long.class))
                .isEqualTo((long) trainLabels[59_999]);
        int[] counts = new int[10];
        long[] labels = new long[test.size()];
        long[] expected = new long[test.size()];
        for (int i = 0; i < test.size(); i++) {
            labels[i] = test.get(i).target("label", Long.class);
            expected[i] = testLabels[i];
            counts[(int) labels[i]]++;
        }
        assertThat(labels).isEqualTo(expected);
        assertThat(counts).containsOnly(1000);
    }

    @Test
    void imagesHoldTheFilesGreyBytes() {
        // Image 1 of the test file; its bytes start after the 16-byte header.
        byte[] expected = RawFiles.read(RawFiles.DATA.resolve(FashionMnistReader.TEST_IMAGES),
                16 + 784, 784);
        Image image = test.get(1).input(FashionMnistReader.IMAGE, Image.class);
        assertThat(image.getWidth()).isEqualTo(28);
        assertThat(image.getHeight()).isEqualTo(28);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray grey = image.toNDArray(manager, Image.Flag.GRAYSCALE);
            assertThat(grey.getShape()).isEqualTo(new Shape(28, 28, 1));
            int[] values = grey.toUint8Array();
            int max = 0;
            for (int i = 0; i < values.length; i++) {
                assertThat(values[i]).isBetween(0, 255).isEqualTo(expected[i] & 0xFF);
                max = Math.max(max, values[i]);
            }
            assertThat(max).isGreaterThan(100);
            NDArray colour = image.toNDArray(manager, Image.Flag.COLOR);
            assertThat(colour.getShape()).isEqualTo(new Shape(28, 28, 3));
            assertThat(colour.get(":, :, 1").toUint8Array()).containsExactly(values);
        }
    }

    @Test
    void samplesAreBuiltAfreshSoTheDataCannotBeChangedThroughThem() {
        Image image = train.get(3).input(FashionMnistReader.IMAGE, Image.class);
        BufferedImage wrapped =
                (BufferedImage) image.getWrappedImage();
        int before = wrapped.getRaster().getSample(14, 14, 0);
        wrapped.getRaster().setSample(14, 14, 0, before ^ 0xFF);

        BufferedImage again = (BufferedImage) train.get(3)
                .input(FashionMnistReader.IMAGE, Image.class).getWrappedImage();
        assertThat(again.getRaster().getSample(14, 14, 0)).isEqualTo(before);
    }

    @Test
    void textsAreTheSpecificOrTheGroupDefinitionInAboutEqualShares() {
        int specific = 0;
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            Sample sample = test.get(i);
            int label = Math.toIntExact(sample.target("label", Long.class));
            String text = sample.input(FashionMnistReader.TEXT, String.class);
            if (text.equals(SPECIFIC.get(label))) {
                specific++;
            } else if (!text.equals(GENERAL.get(label))) {
                wrong.add(sample.id() + ": " + text);
            }
        }
        assertThat(wrong).isEmpty();
        // 10,000 draws of p = 0.5: the standard deviation of the share is 0.005.
        assertThat(specific / 10_000.0).isCloseTo(0.5, within(0.02));
    }

    @Test
    void textAloneReachesTheStatedBound() {
        // The best text-only classifier predicts each text's most frequent class.
        Map<String, int[]> countsByText = new HashMap<>();
        for (int i = 0; i < test.size(); i++) {
            Sample sample = test.get(i);
            countsByText.computeIfAbsent(sample.input(FashionMnistReader.TEXT, String.class),
                    text -> new int[10])[Math.toIntExact(sample.target("label", Long.class))]++;
        }
        int correct = 0;
        for (int[] counts : countsByText.values()) {
            int best = 0;
            for (int count : counts) {
                best = Math.max(best, count);
            }
            correct += best;
        }
        assertThat(countsByText).hasSize(13);
        assertThat(correct / 10_000.0).isCloseTo(0.3 + 0.7 * 0.5, within(0.02));
    }

    @Test
    void sampleIdsAreUniqueAcrossSplits() {
        Set<String> ids = new HashSet<>();
        for (SampleSet split : List.of(train, validation, test)) {
            for (int i = 0; i < split.size(); i += 7) {
                assertThat(ids.add(split.get(i).id())).isTrue();
            }
        }
    }

    @Test
    void givesEqualSamplesForEqualIndices() {
        Sample first = validation.get(123);
        Sample second = reader.read(Split.VALIDATION).get(123);
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.inputs().get(FashionMnistReader.TEXT))
                .isEqualTo(first.inputs().get(FashionMnistReader.TEXT));
        assertThat(second.targets()).isEqualTo(first.targets());
    }
}
