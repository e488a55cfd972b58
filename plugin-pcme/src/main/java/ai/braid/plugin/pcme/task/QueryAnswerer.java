package ai.braid.plugin.pcme.task;

import ai.braid.api.UserInputException;
import ai.braid.api.data.Modality;
import ai.braid.api.data.Sample;
import ai.braid.api.data.Split;
import ai.braid.api.spi.DatasetReader;
import ai.braid.api.spi.Inference;
import ai.braid.plugin.pcme.index.GalleryIndex;
import ai.braid.plugin.pcme.index.SearchHits;
import ai.braid.plugin.pcme.model.MatchScale;
import ai.braid.plugin.pcme.model.PcmeHead;
import ai.braid.plugin.pcme.similarity.GaussianSet;
import ai.braid.plugin.pcme.similarity.Similarity;
import ai.braid.plugin.pcme.similarity.Uncertainty;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Answers queries of one modality with the ranked items of the other: a text finds images, an
 * image finds texts. The gallery is the configured split's items (a-items once per group),
 * embedded once and kept for later batches.
 *
 * <p>A prediction holds the query's id, its modality, its uncertainty (with sigma) and the top
 * results, each with its rank, the id of the sample it came from, its score under the
 * test-time similarity and, for text items, the text.
 */
final class QueryAnswerer {

    private final PcmeHead head;
    private final SimilarityChoice similarity;
    private final DatasetReader dataset;
    private final QuerySettings settings;
    private final String groupTarget;
    private final ModalityEncoder encoder;
    private final Map<Modality, GalleryItems> galleries = new LinkedHashMap<>();

    QueryAnswerer(PcmeHead head, SimilarityChoice similarity, DatasetReader dataset,
            QuerySettings settings, String groupTarget) {
        this.head = Objects.requireNonNull(head, "head");
        this.similarity = Objects.requireNonNull(similarity, "similarity");
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.groupTarget = Objects.requireNonNull(groupTarget, "groupTarget");
        this.encoder = new ModalityEncoder(head);
    }

    List<Map<String, Object>> answer(Inference inference, List<Sample> samples) {
        Map<Modality, List<Integer>> byModality = new LinkedHashMap<>();
        for (int i = 0; i < samples.size(); i++) {
            byModality.computeIfAbsent(queryModality(samples.get(i)), m -> new ArrayList<>())
                    .add(i);
        }
        List<Map<String, Object>> answers = new ArrayList<>(samples.size());
        samples.forEach(sample -> answers.add(null));
        byModality.forEach((modality, indices) -> {
            List<Sample> queries = indices.stream().map(samples::get).toList();
            List<Map<String, Object>> batch = answer(inference, modality, queries);
            for (int i = 0; i < indices.size(); i++) {
                answers.set(indices.get(i), batch.get(i));
            }
        });
        return answers;
    }

    private List<Map<String, Object>> answer(Inference inference, Modality modality,
            List<Sample> queries) {
        Modality other = modality.equals(head.first()) ? head.second() : head.first();
        NDManager manager = inference.manager();
        GaussianSet embedded = encoder.encode(inference, modality, queries, manager);
        GalleryItems gallery = galleries.computeIfAbsent(other,
                m -> GalleryItems.encode(encoder, inference, m, items(m), manager));
        Similarity scoring = resolvedSimilarity();
        float[] uncertainty = embedded.logSigma() == null ? null
                : Uncertainty.of(embedded).toFloatArray();
        SearchHits hits;
        try (GalleryIndex index = gallery.index(manager, scoring)) {
            hits = index.search(embedded, Math.min(settings.top(), gallery.size()));
        }
        List<Map<String, Object>> answers = new ArrayList<>();
        for (int q = 0; q < queries.size(); q++) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("id", queries.get(q).id());
            answer.put("query", modality.name());
            if (uncertainty != null) {
                answer.put("uncertainty", uncertainty[q]);
            }
            List<Map<String, Object>> results = new ArrayList<>();
            int[] ids = hits.ids(q);
            float[] scores = hits.scores(q);
            for (int r = 0; r < ids.length; r++) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("rank", r + 1);
                result.put(other.name(), gallery.describe(ids[r]));
                result.put("score", scores[r]);
                results.add(result);
            }
            answer.put("results", results);
            answers.add(answer);
        }
        return answers;
    }

    private Similarity resolvedSimilarity() {
        return head.findMatchScale()
                .map((MatchScale scale) -> similarity.resolve(scale.scale(), scale.shift()))
                .orElseGet(() -> similarity.resolve(1f, 0f));
    }

    private Modality queryModality(Sample sample) {
        boolean hasFirst = sample.findInput(head.first()).isPresent();
        boolean hasSecond = sample.findInput(head.second()).isPresent();
        if (hasFirst == hasSecond) {
            throw new UserInputException("sample '" + sample.id() + "': a retrieval query holds"
                    + " exactly one of '" + head.first() + "' and '" + head.second() + "'; it"
                    + (hasFirst ? " has both" : " has neither"));
        }
        return hasFirst ? head.first() : head.second();
    }

    /** The gallery split's items of a modality; a-items once per group. */
    private List<Sample> items(Modality modality) {
        boolean onePerGroup = modality.equals(head.first());
        Set<Object> seen = new HashSet<>();
        List<Sample> items = new ArrayList<>();
        for (Split split : settings.gallery().splits()) {
            var samples = dataset.read(split);
            for (int i = 0; i < samples.size(); i++) {
                Sample sample = samples.get(i);
                Object group = sample.targets().get(groupTarget);
                if (!onePerGroup || group == null || seen.add(group)) {
                    items.add(sample);
                }
            }
        }
        if (items.isEmpty()) {
            throw new UserInputException("the gallery split " + settings.gallery() + " has no"
                    + " items to answer queries with");
        }
        return items;
    }
}
