package ai.braid.plugin.betavae;

import ai.braid.api.data.Modality;
import ai.braid.api.data.ModalitySpec;
import ai.braid.api.data.Sample;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.api.data.TargetSpec;
import ai.braid.api.spi.DatasetReader;
import ai.djl.modality.cv.BufferedImageFactory;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * dSprites rendered on demand: every one of the 737,280 images is drawn from its factors by
 * {@link DSpritesRenderer} when a sample is asked for, so nothing is read from disk and the
 * same factors always give the same pixels.
 *
 * <p>Modality {@value #IMAGE_NAME}: a 64 x 64 grey {@link Image}, 255 on the sprite and 0
 * elsewhere. Targets: the five factors' value indices, {@code shape} (square, ellipse, heart),
 * {@code scale}, {@code orientation}, {@code positionX} and {@code positionY}, each a {@code
 * Long}, so a classification pipeline can probe any factor.
 *
 * <p>dSprites has no official split; the paper trains on every image. Here a seeded
 * permutation of all indices puts the first {@code validation} images in the validation split,
 * the next {@code test} in the test split and the rest (up to {@code trainLimit}) in the train
 * split, so reconstruction and KL are reported on images the model never saw. A sample's id is
 * {@code dsprites-<index>} with the index of the original ordering.
 */
public final class DSpritesReader implements DatasetReader {

    /** The modality's name. */
    public static final String IMAGE_NAME = "image";
    /** The image modality. */
    public static final Modality IMAGE = Modality.of(IMAGE_NAME);
    /** The factors' target names, in the order of {@link DSpritesFactors}. */
    public static final List<String> FACTOR_NAMES =
            List.of("shape", "scale", "orientation", "positionX", "positionY");

    // Not ImageFactory.getInstance(): with DJL's OpenCV extension on the class path that one
    // would be OpenCV's factory, which does not wrap BufferedImages.
    private static final ImageFactory IMAGES = new BufferedImageFactory();

    private final DSpritesRenderer renderer = new DSpritesRenderer();
    private final int[] permutation;
    private final int validation;
    private final int test;
    private final int trainSize;

    /**
     * Creates the reader and fixes its splits.
     *
     * @param validation images in the validation split
     * @param test images in the test split
     * @param trainLimit the largest train split; 0 for every remaining image
     * @param seed seeds the permutation that assigns images to splits
     * @throws IllegalArgumentException if the held-out splits leave no training image
     */
    public DSpritesReader(int validation, int test, int trainLimit, long seed) {
        if (validation < 0 || test < 0 || trainLimit < 0
                || (long) validation + test >= DSpritesFactors.COUNT) {
            throw new IllegalArgumentException("validation " + validation + " and test " + test
                    + " must be non-negative and leave training images out of "
                    + DSpritesFactors.COUNT);
        }
        this.permutation = permutation(seed);
        this.validation = validation;
        this.test = test;
        int rest = DSpritesFactors.COUNT - validation - test;
        this.trainSize = trainLimit == 0 ? rest : Math.min(rest, trainLimit);
    }

    @Override
    public List<ModalitySpec> modalities() {
        return List.of(new ModalitySpec(IMAGE, Image.class));
    }

    @Override
    public List<TargetSpec> targets() {
        return List.of(
                new TargetSpec("shape", List.of("square", "ellipse", "heart")),
                new TargetSpec("scale", valueNames(DSpritesFactors.SIZES[1])),
                new TargetSpec("orientation", valueNames(DSpritesFactors.SIZES[2])),
                new TargetSpec("positionX", valueNames(DSpritesFactors.SIZES[3])),
                new TargetSpec("positionY", valueNames(DSpritesFactors.SIZES[4])));
    }

    @Override
    public SampleSet read(Split split) {
        Objects.requireNonNull(split, "split");
        int from = switch (split) {
            case VALIDATION -> 0;
            case TEST -> validation;
            case TRAIN -> validation + test;
        };
        int size = switch (split) {
            case VALIDATION -> validation;
            case TEST -> test;
            case TRAIN -> trainSize;
        };
        int[] indices = Arrays.copyOfRange(permutation, from, from + size);
        return new SampleSet() {
            @Override
            public int size() {
                return indices.length;
            }

            @Override
            public Sample get(int index) {
                return sample(indices[Objects.checkIndex(index, indices.length)]);
            }
        };
    }

    /**
     * Renders image {@code index} of the original ordering as a sample.
     *
     * @param index 0 .. 737,279
     * @return the sample with its image and factor targets
     * @throws IllegalArgumentException if the index is out of range
     */
    public Sample sample(int index) {
        return sample(DSpritesFactors.ofIndex(index));
    }

    /**
     * Renders the image with the given factors as a sample.
     *
     * @param factors the factors
     * @return the sample with its image and factor targets
     */
    public Sample sample(DSpritesFactors factors) {
        Map<String, Object> targets = new LinkedHashMap<>();
        int[] values = {factors.shape(), factors.scale(), factors.orientation(),
                factors.positionX(), factors.positionY()};
        for (int f = 0; f < values.length; f++) {
            targets.put(FACTOR_NAMES.get(f), (long) values[f]);
        }
        return new Sample("dsprites-" + factors.index(), Map.of(IMAGE, image(factors)), targets);
    }

    /**
     * Renders the image with the given factors.
     *
     * @param factors the factors
     * @return a 64 x 64 grey image, 255 on the sprite
     */
    public Image image(DSpritesFactors factors) {
        byte[] mask = renderer.render(factors);
        BufferedImage image = new BufferedImage(DSpritesRenderer.SIZE, DSpritesRenderer.SIZE,
                BufferedImage.TYPE_BYTE_GRAY);
        byte[] raster = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < mask.length; i++) {
            raster[i] = mask[i] != 0 ? (byte) 255 : 0;
        }
        return IMAGES.fromImage(image);
    }

    private static int[] permutation(long seed) {
        int[] order = new int[DSpritesFactors.COUNT];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    private static List<String> valueNames(int count) {
        return IntStream.range(0, count).mapToObj(Integer::toString).toList();
    }
}
