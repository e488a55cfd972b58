package ai.braid.plugin.ssesf.data.diagnostic;

import ai.braid.api.data.Modality;
import ai.braid.api.data.Sample;
import ai.braid.api.data.SampleSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** The samples of one split (or subset), whose images are drawn when asked for. */
final class SarcasmSampleSet implements SampleSet {

    private final List<SarcasmSample> samples;
    private final Function<SarcasmSample, Object> image;

    /**
     * Creates the set.
     *
     * @param samples the samples, in index order
     * @param image draws a sample's image modality value
     */
    SarcasmSampleSet(List<SarcasmSample> samples, Function<SarcasmSample, Object> image) {
        this.samples = List.copyOf(samples);
        this.image = Objects.requireNonNull(image, "image");
    }

    @Override
    public int size() {
        return samples.size();
    }

    @Override
    public Sample get(int index) {
        SarcasmSample sample = samples.get(index);
        Map<Modality, Object> inputs = new LinkedHashMap<>();
        inputs.put(SarcasmEmojiReader.IMAGE, image.apply(sample));
        inputs.put(SarcasmEmojiReader.TEXT, sample.textInput());
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put(SarcasmEmojiReader.LABEL_TARGET, sample.label());
        targets.put(SarcasmEmojiReader.TEXT_POLARITY_TARGET, sample.textPolarity().ordinal());
        targets.put(SarcasmEmojiReader.IMAGE_POLARITY_TARGET, sample.imagePolarity().ordinal());
        targets.put(SarcasmEmojiReader.TEXT_IN_IMAGE_TARGET, sample.textInImage() ? 1 : 0);
        return new Sample(sample.id(), inputs, targets);
    }
}
