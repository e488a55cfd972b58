package ai.braid.plugin.pcme.task;

import ai.braid.api.data.Sample;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.api.spi.DatasetReader;
import ai.braid.api.spi.Inference;
import ai.braid.plugin.pcme.figure.EmbeddingMap;
import ai.braid.plugin.pcme.figure.UncertaintyRecallChart;
import ai.braid.plugin.pcme.model.PcmeHead;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Draws the trained model's test split: {@value #UNCERTAINTY_FILE} (Recall@1 by uncertainty,
 * both directions; probabilistic models only) and {@value #MAP_FILE} (the embeddings in 2-D
 * with their sigma).
 */
final class PcmeFigures {

    static final String UNCERTAINTY_FILE = "uncertainty-recall.png";
    static final String MAP_FILE = "embeddings-2d.png";

    private static final int BATCH = 64;
    private static final int BINS = 10;

    private final PcmeHead head;
    private final SimilarityChoice similarity;
    private final RetrievalTargets targets;
    private final Directions directions;
    private final DatasetReader dataset;

    PcmeFigures(PcmeHead head, SimilarityChoice similarity, RetrievalTargets targets,
            Directions directions, DatasetReader dataset) {
        this.head = Objects.requireNonNull(head, "head");
        this.similarity = Objects.requireNonNull(similarity, "similarity");
        this.targets = Objects.requireNonNull(targets, "targets");
        this.directions = Objects.requireNonNull(directions, "directions");
        this.dataset = Objects.requireNonNull(dataset, "dataset");
    }

    void draw(Inference inference, Path directory) {
        SampleSet test = dataset.read(Split.TEST);
        if (test.size() < 3) {
            return;
        }
        RetrievalEvaluation.Outcome outcome = evaluate(inference, test);
        if (outcome.uncertaintyA() != null) {
            new UncertaintyRecallChart(BINS).draw(List.of(
                    new UncertaintyRecallChart.Series(directions.forward() + " (" + head.first()
                            + " queries)", outcome.uncertaintyA(), outcome.forward().missedAt(1)),
                    new UncertaintyRecallChart.Series(directions.backward() + " ("
                            + head.second() + " queries)", outcome.uncertaintyB(),
                            outcome.backward().missedAt(1))),
                    directory.resolve(UNCERTAINTY_FILE));
        }
        new EmbeddingMap().draw(List.of(
                new EmbeddingMap.Points(head.first().name(), outcome.muA(), outcome.uncertaintyA()),
                new EmbeddingMap.Points(head.second().name(), outcome.muB(),
                        outcome.uncertaintyB())),
                Math.toIntExact(outcome.dimension()), directory.resolve(MAP_FILE));
    }

    private RetrievalEvaluation.Outcome evaluate(Inference inference, SampleSet test) {
        RetrievalEvaluation evaluation = new RetrievalEvaluation(similarity, targets, directions);
        for (int start = 0; start < test.size(); start += BATCH) {
            List<Sample> batch = new ArrayList<>();
            for (int i = start; i < Math.min(test.size(), start + BATCH); i++) {
                batch.add(test.get(i));
            }
            try (NDManager step = inference.manager().newSubManager()) {
                NDList outputs = inference.forward(batch);
                outputs.attach(step);
                evaluation.update(outputs, targets.arrays(batch, step));
            }
        }
        evaluation.compute();
        return evaluation.outcome();
    }
}
