package ai.braid.plugin.fashion;

import ai.braid.api.data.Modality;
import ai.braid.api.data.Sample;
import ai.braid.api.data.SampleSet;
import ai.djl.modality.cv.BufferedImageFactory;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A split of Fashion-MNIST whose samples are built when asked for.
 *
 * <p>Only the file's bytes are kept (784 per image); each {@link #get} wraps a fresh copy of
 * one image, so nobody can change the data through a sample, and 70,000 {@link Image}s never
 * live at once.
 */
final class FashionSampleSet implements SampleSet {

    // Not ImageFactory.getInstance(): with DJL's OpenCV extension on the class path that one
    // would be OpenCV's factory, which does not wrap BufferedImages.
    private static final ImageFactory IMAGES = new BufferedImageFactory();

    private final LabelledImages source;
    private final int[] indices;
    private final GarmentTexts texts;
    private final GlossChoice choice;

    /**
     * Creates a split over some samples of one file.
     *
     * @param source the file's images and labels
     * @param indices the indices into the file of the split's samples, in split order
     * @param texts the texts of every class
     * @param choice which of a class's texts each sample gets
     */
    FashionSampleSet(LabelledImages source, int[] indices, GarmentTexts texts,
            GlossChoice choice) {
        this.source = Objects.requireNonNull(source, "source");
        this.indices = indices.clone();
        this.texts = Objects.requireNonNull(texts, "texts");
        this.choice = Objects.requireNonNull(choice, "choice");
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public Sample get(int index) {
        int fileIndex = indices[Objects.checkIndex(index, indices.length)];
        int label = source.label(fileIndex);
        Map<Modality, Object> inputs = new LinkedHashMap<>();
        inputs.put(FashionMnistReader.IMAGE, image(fileIndex));
        inputs.put(FashionMnistReader.TEXT,
                texts.text(label, choice.specific(source.file(), fileIndex)));
        return new Sample(String.format("%s-%05d", source.name(), fileIndex), inputs,
                Map.of(FashionMnistReader.TARGET, (long) label));
    }

    private Image image(int fileIndex) {
        IdxImages images = source.images();
        BufferedImage image = new BufferedImage(images.cols(), images.rows(),
                BufferedImage.TYPE_BYTE_GRAY);
        byte[] raster = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(images.pixels(), fileIndex * images.imageSize(), raster, 0,
                images.imageSize());
        return IMAGES.fromImage(image);
    }
}
