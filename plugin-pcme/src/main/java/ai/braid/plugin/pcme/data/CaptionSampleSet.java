package ai.braid.plugin.pcme.data;

import ai.braid.api.data.Modality;
import ai.braid.api.data.Sample;
import ai.braid.api.data.SampleSet;
import ai.djl.modality.cv.BufferedImageFactory;
import ai.djl.modality.cv.ImageFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The (image, caption) samples of one split, built on demand from its gallery. */
final class CaptionSampleSet implements SampleSet {

    // Not ImageFactory.getInstance(): with DJL's OpenCV extension on the class path that one
    // would be OpenCV's factory, which does not wrap BufferedImages.
    private static final ImageFactory IMAGES = new BufferedImageFactory();

    private final CaptionCorpus corpus;
    private final Gallery gallery;

    /**
     * Creates the samples of one split.
     *
     * @param corpus the corpus that decodes images and knows which targets exist
     * @param gallery the split's gallery; sample i is its caption i with that caption's image
     */
    CaptionSampleSet(CaptionCorpus corpus, Gallery gallery) {
        this.corpus = Objects.requireNonNull(corpus, "corpus");
        this.gallery = Objects.requireNonNull(gallery, "gallery");
    }

    @Override
    public int size() {
        return gallery.captions().size();
    }

    @Override
    public Sample get(int index) {
        GalleryCaption caption = gallery.captions().get(index);
        CaptionedImage image = gallery.images().get(caption.position());
        Map<Modality, Object> inputs = new LinkedHashMap<>();
        inputs.put(CaptionDatasetReader.IMAGE, IMAGES.fromImage(corpus.picture(image.index())));
        inputs.put(CaptionDatasetReader.TEXT, caption.text());
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put(CaptionDatasetReader.IMAGE_TARGET, image.index());
        if (!corpus.categories().isEmpty()) {
            targets.put(CaptionDatasetReader.CATEGORY_TARGET, image.category());
        }
        if (!corpus.tagNames().isEmpty()) {
            targets.put(CaptionDatasetReader.TAGS_TARGET, image.tags());
        }
        return new Sample(caption.id(), inputs, targets);
    }
}
