package ai.braid.plugin.pcme.task;

import ai.braid.api.data.Modality;
import ai.braid.api.data.Sample;
import ai.braid.api.spi.Inference;
import ai.braid.plugin.pcme.index.ExactIndex;
import ai.braid.plugin.pcme.index.GalleryIndex;
import ai.braid.plugin.pcme.index.HnswIndex;
import ai.braid.plugin.pcme.similarity.GaussianSet;
import ai.braid.plugin.pcme.similarity.Similarity;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A gallery of one modality's items with their embeddings, kept as plain arrays so it outlives
 * the managers of the calls that use it.
 */
final class GalleryItems {

    /**
     * From this many items on, queries go through the approximate HNSW index on mu with
     * re-ranking; below it exact scoring is fast enough and never misses.
     */
    static final int APPROXIMATE_FROM = 50_000;

    private final Modality modality;
    private final List<Sample> items;
    private final float[] mu;
    private final float[] logSigma;
    private final int dimension;

    private GalleryItems(Modality modality, List<Sample> items, float[] mu, float[] logSigma,
            int dimension) {
        this.modality = modality;
        this.items = List.copyOf(items);
        this.mu = mu;
        this.logSigma = logSigma;
        this.dimension = dimension;
    }

    /**
     * Embeds the items.
     *
     * @param encoder embeds one modality
     * @param inference runs the trained model
     * @param modality the items' modality
     * @param items samples holding it
     * @param manager a manager for the work; nothing stays attached to it
     * @return the gallery
     */
    static GalleryItems encode(ModalityEncoder encoder, Inference inference, Modality modality,
            List<Sample> items, NDManager manager) {
        Objects.requireNonNull(items, "items");
        try (NDManager work = manager.newSubManager()) {
            GaussianSet set = encoder.encode(inference, modality, items, work);
            return new GalleryItems(modality, items, set.mu().toFloatArray(),
                    set.logSigma() == null ? null : set.logSigma().toFloatArray(),
                    Math.toIntExact(set.dimension()));
        }
    }

    int size() {
        return items.size();
    }

    /**
     * Builds an index over the gallery, exact or approximate by its size.
     *
     * @param manager owns the gallery's arrays for the index's life
     * @param similarity the final ranking's similarity
     * @return the index; close it after use
     */
    GalleryIndex index(NDManager manager, Similarity similarity) {
        Shape shape = new Shape(items.size(), dimension);
        GaussianSet set = new GaussianSet(manager.create(mu, shape),
                logSigma == null ? null : manager.create(logSigma, shape));
        if (items.size() >= APPROXIMATE_FROM) {
            return HnswIndex.builder().setGallery(set).setSimilarity(similarity).build();
        }
        return ExactIndex.builder().setGallery(set).setSimilarity(similarity).build();
    }

    /**
     * Describes an item for a prediction: the id of its sample and, for text, the text.
     *
     * @param index the item's index in the gallery
     * @return a JSON-ready map
     */
    Map<String, Object> describe(int index) {
        Sample sample = items.get(index);
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("id", sample.id());
        sample.findInput(modality).filter(CharSequence.class::isInstance)
                .ifPresent(text -> description.put("text", text.toString()));
        return description;
    }
}
