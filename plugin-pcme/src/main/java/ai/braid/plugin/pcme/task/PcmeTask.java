package ai.braid.plugin.pcme.task;

import ai.braid.api.data.Sample;
import ai.braid.api.objective.LogitScale;
import ai.braid.api.spi.DatasetReader;
import ai.braid.api.spi.Inference;
import ai.braid.api.spi.Metric;
import ai.braid.api.spi.Task;
import ai.braid.plugin.pcme.model.PcmeHead;
import ai.braid.plugin.pcme.model.PcmeOutputs;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Cross-modal retrieval between two modalities a and b (image and text), each embedded on its
 * own as a Gaussian (PCME) or a point (the deterministic baseline).
 *
 * <p>Outputs: see {@link PcmeOutputs}. Targets: see {@link RetrievalTargets}. An evaluation
 * pass ranks every item of the split in both directions under the configured test-time
 * similarity (a's items counted once per group, all of b's) and reports Recall@1/5/10,
 * R-Precision, mAP@R and PMRP per direction, their rsum (the selection metric, as in PCME) and
 * the correlation of each query's uncertainty with its retrieval failure. {@code braid predict}
 * answers a sample holding only one of the modalities with the ranked items of the other from
 * the gallery split. Figures: uncertainty against recall, and a 2-D view of the test
 * embeddings with their sigma.
 */
final class PcmeTask implements Task {

    private final PcmeHead head;
    private final SimilarityChoice similarity;
    private final RetrievalTargets targets;
    private final DatasetReader dataset;
    private final QuerySettings querySettings;
    private final Directions directions;
    private QueryAnswerer answerer;

    PcmeTask(PcmeHead head, SimilarityChoice similarity, RetrievalTargets targets,
            DatasetReader dataset, QuerySettings querySettings) {
        this.head = Objects.requireNonNull(head, "head");
        this.similarity = Objects.requireNonNull(similarity, "similarity");
        this.targets = Objects.requireNonNull(targets, "targets");
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.querySettings = Objects.requireNonNull(querySettings, "querySettings");
        this.directions = Directions.of(head.first(), head.second());
    }

    @Override
    public Block head() {
        return head;
    }

    @Override
    public Set<String> outputs() {
        Set<String> names = new LinkedHashSet<>(List.of(PcmeOutputs.MU_A, PcmeOutputs.MU_B));
        if (head.isProbabilistic()) {
            names.addAll(List.of(PcmeOutputs.LOG_SIGMA_A, PcmeOutputs.LOG_SIGMA_B,
                    PcmeOutputs.SAMPLES_A, PcmeOutputs.SAMPLES_B, PcmeOutputs.SCALE,
                    PcmeOutputs.SHIFT));
        } else {
            names.add(LogitScale.DEFAULT_OUTPUT);
        }
        return names;
    }

    @Override
    public Set<String> targetNames() {
        return new LinkedHashSet<>(targets.names());
    }

    @Override
    public NDList targets(List<Sample> samples, NDManager manager) {
        return targets.arrays(samples, manager);
    }

    @Override
    public List<String> defaultObjectives() {
        return head.isProbabilistic() ? List.of("pcme") : List.of();
    }

    @Override
    public List<Metric> newMetrics() {
        return List.of(new RetrievalEvaluation(similarity, targets, directions));
    }

    @Override
    public String selectionMetric() {
        return RetrievalEvaluation.RSUM;
    }

    @Override
    public List<Map<String, Object>> predict(Inference inference, List<Sample> samples) {
        if (answerer == null) {
            // one per task, so the gallery is embedded once for all batches of queries
            answerer = new QueryAnswerer(head, similarity, dataset, querySettings,
                    targets.group());
        }
        return answerer.answer(inference, samples);
    }

    @Override
    public void drawFigures(Inference inference, Path directory) {
        new PcmeFigures(head, similarity, targets, directions, dataset)
                .draw(inference, directory);
    }
}
