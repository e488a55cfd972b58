package ai.braid.runtime.builtin;

import ai.braid.api.data.FusedOutput;
import ai.braid.api.data.Modality;
import ai.braid.api.data.Sample;
import ai.braid.api.data.TokenSequence;
import ai.braid.api.spi.Inference;
import ai.braid.runtime.report.AttentionMapFigure;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws where the pooled vector of a few samples looks ({@link AttentionMapFigure}), one {@code
 * attention-<i>.png} per sample: the attention rollout from the pooled vector through every
 * fusion layer, or the first layer's [CLS] row for a fusion that gives no pooling weights (see
 * {@link PooledAttention}). Each figure's title ends with which of the two it shows.
 *
 * <p>It reads the layout every token-concatenating fusion (transformer, multiway) shares: the
 * fused [CLS] at position 0, then each modality's projected tokens in fusion order. A fusion
 * without attention maps gets no figure; one whose sequence does not have that layout gets a
 * log line instead of a wrong picture.
 */
final class AttentionMaps {

    private static final Logger LOG = LoggerFactory.getLogger(AttentionMaps.class);

    private final List<Modality> modalities;

    /**
     * Creates the drawer.
     *
     * @param modalities the model's modalities, in fusion order
     */
    AttentionMaps(List<Modality> modalities) {
        this.modalities = List.copyOf(modalities);
    }

    /**
     * Draws one figure per sample.
     *
     * @param inference runs the trained model
     * @param samples the samples, one batch
     * @param captions the title of each sample's figure, to which what it shows is added
     * @param directory where {@code attention-<i>.png} go
     * @return the number of figures written
     * @throws UncheckedIOException if a file cannot be written
     */
    int draw(Inference inference, List<Sample> samples, Function<Sample, String> captions,
            Path directory) {
        Objects.requireNonNull(captions, "captions");
        if (samples.isEmpty()) {
            return 0;
        }
        FusedOutput fused = inference.fuse(samples);
        if (fused.attention().isEmpty()) {
            return 0;
        }
        PooledAttention.Reading reading;
        try {
            reading = PooledAttention.read(fused);
        } catch (IllegalArgumentException e) {
            LOG.info("no attention maps: {}", e.getMessage());
            return 0;
        }
        int length = reading.length();

        try (NDManager scope = inference.manager().newSubManager()) {
            List<float[]> masks = new ArrayList<>();
            int expected = 1;
            for (Modality modality : modalities) {
                TokenSequence tokens = inference.project(modality, samples, scope);
                masks.add(tokens.mask().toFloatArray());
                expected += (int) tokens.length();
            }
            if (expected != length) {
                LOG.info("no attention maps: the fusion's sequence has {} tokens, not the {} of"
                        + " [CLS] followed by every modality's tokens", length, expected);
                return 0;
            }
            for (int b = 0; b < samples.size(); b++) {
                Sample sample = samples.get(b);
                List<AttentionMapFigure.Panel> panels = new ArrayList<>();
                int offset = 1;
                for (int m = 0; m < modalities.size(); m++) {
                    int modalityLength = masks.get(m).length / samples.size();
                    panels.add(panel(inference, sample, modalities.get(m), reading, b, offset,
                            masks.get(m), b * modalityLength, modalityLength));
                    offset += modalityLength;
                }
                String title = captions.apply(sample) + " (" + reading.description() + ")";
                new AttentionMapFigure(title, panels)
                        .write(directory.resolve("attention-" + b + ".png"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return samples.size();
    }

    /** The real tokens of one modality of one sample, with their weights and labels. */
    private static AttentionMapFigure.Panel panel(Inference inference, Sample sample,
            Modality modality, PooledAttention.Reading reading, int example, int offset,
            float[] mask, int maskOffset, int modalityLength) {
        List<String> named = inference.tokenLabels(modality, sample);
        List<String> labels = new ArrayList<>();
        List<Float> weights = new ArrayList<>();
        for (int t = 0; t < modalityLength; t++) {
            if (mask[maskOffset + t] > 0) {
                labels.add(named.size() > labels.size() ? named.get(labels.size())
                        : "#" + labels.size());
                weights.add(reading.weight(example, offset + t));
            }
        }
        float[] values = new float[weights.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = weights.get(i);
        }
        BufferedImage image = sample.findInput(modality)
                .filter(Image.class::isInstance)
                .map(input -> ((Image) input).getWrappedImage())
                .filter(BufferedImage.class::isInstance)
                .map(BufferedImage.class::cast)
                .orElse(null);
        return new AttentionMapFigure.Panel(modality.name(), labels, values, image);
    }
}
