package ai.braid.plugin.pcme.task;

import ai.braid.api.data.Sample;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.api.spi.DatasetReader;
import ai.braid.api.spi.Inference;
import ai.braid.plugin.pcme.figure.EmbeddingMap;
import ai.braid.plugin.pcme.figure.UncertaintyRecallChart;
import ai.braid.plugin.pcme.model.PcmeHead;
import ai.braid.plugin.pcme.similarity.GaussianSet;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Draws the trained model's test split: {@value #UNCERTAINTY_FILE} (Recall@1 by uncertainty,
 * both directions; probabilistic models only) and {@value #MAP_FILE} (the embeddings in 2-D
 * with their sigma). Beside them it saves {@value #EMBEDDINGS_FILE}, a DJL NDList of the test
 * split's a-items ({@code query.mu}, {@code query.logsigma}) and every split's b-items ({@code
 * gallery.mu}, {@code gallery.logsigma}), with the trained match scalars ({@code match.scale},
 * {@code match.shift}), the input of the approximate index's benchmark.
 */
final class PcmeFigures {

    static final String UNCERTAINTY_FILE = "uncertainty-recall.png";
    static final String MAP_FILE = "embeddings-2d.png";
    static final String EMBEDDINGS_FILE = "embeddings.ndlist";

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
        saveEmbeddings(inference, outcome, directory.resolve(EMBEDDINGS_FILE));
    }

    private void saveEmbeddings(Inference inference, RetrievalEvaluation.Outcome outcome,
            Path file) {
        List<Sample> gallery = new ArrayList<>();
        for (Split split : Split.values()) {
            SampleSet samples = dataset.read(split);
            for (int i = 0; i < samples.size(); i++) {
                gallery.add(samples.get(i));
            }
        }
        try (NDManager manager = inference.manager().newSubManager()) {
            GaussianSet items = new ModalityEncoder(head).encode(inference, head.second(),
                    gallery, manager);
            Shape queryShape = new Shape(outcome.muA().length / outcome.dimension(),
                    outcome.dimension());
            NDList arrays = new NDList(
                    named(manager.create(outcome.muA(), queryShape), "query.mu"),
                    named(items.mu(), "gallery.mu"));
            if (outcome.logSigmaA() != null) {
                arrays.add(named(manager.create(outcome.logSigmaA(), queryShape),
                        "query.logsigma"));
                arrays.add(named(items.logSigma(), "gallery.logsigma"));
            }
            head.findMatchScale().ifPresent(scale -> {
                arrays.add(named(manager.create(new float[] {scale.scale()}), "match.scale"));
                arrays.add(named(manager.create(new float[] {scale.shift()}), "match.shift"));
            });
            Files.write(file, arrays.encode());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
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
