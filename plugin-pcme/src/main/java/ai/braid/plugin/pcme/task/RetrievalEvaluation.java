package ai.braid.plugin.pcme.task;

import ai.braid.api.data.MetricValue;
import ai.braid.api.UserInputException;
import ai.braid.api.spi.Metric;
import ai.braid.plugin.pcme.model.PcmeOutputs;
import ai.braid.plugin.pcme.ranking.QueryRelevance;
import ai.braid.plugin.pcme.ranking.RetrievalRanking;
import ai.braid.plugin.pcme.ranking.RetrievalResult;
import ai.braid.plugin.pcme.ranking.UncertaintyCorrelation;
import ai.braid.plugin.pcme.similarity.GaussianSet;
import ai.braid.plugin.pcme.similarity.Similarity;
import ai.braid.plugin.pcme.similarity.Uncertainty;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Ranks a whole split both ways, a-to-b and b-to-a, once every batch is in.
 *
 * <p>Each batch adds pairs (a_i, b_i). The a-items are counted once per group (an image with
 * four captions is one query and one gallery item); every b-item counts. A query's ground
 * truth is the other side's items of its group, its class gives R-Precision and mAP@R, its
 * label set PMRP. Scores come from the test-time similarity on the batches' device, a chunk
 * of queries at a time; with a probabilistic model the match probability uses the trained a
 * and b.
 *
 * <p>Reports per direction {@code recall@1|5|10_<dir>}, {@code r_precision_<dir>}, {@code
 * map@r_<dir>}, {@code pmrp_<dir>}, and with sigma {@code sigma_failure_corr_<dir>} (the
 * point-biserial correlation of a query's uncertainty with its Recall@1 miss), its approximate
 * 95% interval over the split's queries ({@code sigma_failure_corr_<dir>_low95} and {@code
 * _high95}) and {@code uncertainty_<dir>} (the queries' mean uncertainty); and {@value #RSUM},
 * the sum of the six recalls.
 */
final class RetrievalEvaluation implements Metric {

    /** Sum of Recall@1, 5 and 10 in both directions; PCME selects checkpoints by it. */
    static final String RSUM = "rsum";

    private static final int CHUNK = 256;
    private static final double INTERVAL_LEVEL = 0.95;

    private final SimilarityChoice similarity;
    private final RetrievalTargets targets;
    private final Directions directions;
    private final SplitEmbeddings.Builder embeddings = SplitEmbeddings.builder();
    private float scale = 1f;
    private float shift;
    private Outcome outcome;

    RetrievalEvaluation(SimilarityChoice similarity, RetrievalTargets targets,
            Directions directions) {
        this.similarity = Objects.requireNonNull(similarity, "similarity");
        this.targets = Objects.requireNonNull(targets, "targets");
        this.directions = Objects.requireNonNull(directions, "directions");
    }

    @Override
    public void update(NDList outputs, NDList batchTargets) {
        embeddings.add(require(outputs, PcmeOutputs.MU_A, "output"),
                outputs.get(PcmeOutputs.LOG_SIGMA_A),
                require(outputs, PcmeOutputs.MU_B, "output"),
                outputs.get(PcmeOutputs.LOG_SIGMA_B),
                require(batchTargets, targets.group(), "target"),
                targets.category() == null ? null
                        : require(batchTargets, targets.category(), "target"),
                targets.labels() == null ? null
                        : require(batchTargets, targets.labels(), "target"));
        NDArray a = outputs.get(PcmeOutputs.SCALE);
        NDArray b = outputs.get(PcmeOutputs.SHIFT);
        if (a != null && b != null) {
            scale = a.toType(DataType.FLOAT32, false).getFloat(0);
            shift = b.toType(DataType.FLOAT32, false).getFloat(0);
        }
    }

    @Override
    public List<MetricValue> compute() {
        if (embeddings.isEmpty()) {
            return List.of();
        }
        outcome = rank(embeddings.build());
        List<MetricValue> values = new ArrayList<>();
        values.addAll(outcome.forward().metricValues(directions.forward()));
        values.addAll(outcome.backward().metricValues(directions.backward()));
        double rsum = 0;
        for (RetrievalResult result : List.of(outcome.forward(), outcome.backward())) {
            for (double recall : result.recall().values()) {
                rsum += recall;
            }
        }
        values.add(new MetricValue(RSUM, rsum, true));
        if (outcome.uncertaintyA() != null) {
            addUncertainty(values, directions.forward(), outcome.uncertaintyA(),
                    outcome.forward());
            addUncertainty(values, directions.backward(), outcome.uncertaintyB(),
                    outcome.backward());
        }
        return values;
    }

    /**
     * Returns what the last {@link #compute()} ranked, for figures.
     *
     * @return the outcome, or null before any computation
     */
    Outcome outcome() {
        return outcome;
    }

    private static NDArray require(NDList arrays, String name, String kind) {
        NDArray array = arrays.get(name);
        if (array == null) {
            throw new UserInputException("retrieval evaluation needs the " + kind + " '" + name
                    + "'; the batch has " + arrays.stream().map(NDArray::getName).toList());
        }
        return array;
    }

    private static void addUncertainty(List<MetricValue> values, String direction,
            double[] uncertainty, RetrievalResult result) {
        double correlation =
                UncertaintyCorrelation.pointBiserial(uncertainty, result.missedAt(1));
        if (!Double.isNaN(correlation)) {
            String name = "sigma_failure_corr_" + direction;
            values.add(new MetricValue(name, correlation, true));
            if (uncertainty.length >= 4) {
                UncertaintyCorrelation.Interval interval = UncertaintyCorrelation.interval(
                        correlation, uncertainty.length, INTERVAL_LEVEL);
                values.add(new MetricValue(name + "_low95", interval.low(), true));
                values.add(new MetricValue(name + "_high95", interval.high(), true));
            }
        }
        double mean = 0;
        for (double u : uncertainty) {
            mean += u / uncertainty.length;
        }
        values.add(new MetricValue("uncertainty_" + direction, mean, false));
    }

    private Outcome rank(SplitEmbeddings split) {
        try (NDManager manager = NDManager.newBaseManager(split.device(), split.engine())) {
            GaussianSet a = split.uniqueA(manager);
            GaussianSet b = split.b(manager);
            Similarity scoring = similarity.resolve(scale, shift);
            RetrievalResult forward = rank(scoring, a, b, split.queriesA(), split.galleryB());
            RetrievalResult backward = rank(scoring, b, a, split.queriesB(), split.galleryA());
            double[] uncertaintyA = null;
            double[] uncertaintyB = null;
            if (a.logSigma() != null) {
                uncertaintyA = toDoubles(Uncertainty.of(a).toFloatArray());
                uncertaintyB = toDoubles(Uncertainty.of(b).toFloatArray());
            }
            return new Outcome(forward, backward, uncertaintyA, uncertaintyB,
                    a.mu().toFloatArray(), a.logSigma() == null ? null
                            : a.logSigma().toFloatArray(),
                    b.mu().toFloatArray(), a.dimension());
        }
    }

    private static RetrievalResult rank(Similarity scoring, GaussianSet queries,
            GaussianSet gallery, List<QueryRelevance> relevance, SplitEmbeddings.Gallery side) {
        RetrievalRanking.Builder builder =
                RetrievalRanking.builder(Math.toIntExact(gallery.size()));
        if (side.classes() != null) {
            builder.optGalleryClasses(side.classes());
        }
        if (side.labels() != null) {
            builder.optGalleryLabels(side.labels());
        }
        RetrievalRanking ranking = builder.build();
        for (long from = 0; from < queries.size(); from += CHUNK) {
            long to = Math.min(queries.size(), from + CHUNK);
            try (NDManager chunk = queries.mu().getManager().newSubManager()) {
                GaussianSet rows = queries.rows(from, to);
                NDArray scores = scoring.score(rows, gallery);
                scores.attach(chunk);
                ranking.addRows(scores.toFloatArray(),
                        relevance.subList((int) from, (int) to));
            }
        }
        return ranking.result();
    }

    private static double[] toDoubles(float[] values) {
        double[] doubles = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            doubles[i] = values[i];
        }
        return doubles;
    }

    /**
     * What one evaluation ranked: both directions' results, per query its uncertainty (null
     * for points), the unique a-items' means and log sigmas and the b-items' means (row-major,
     * {@code dimension} wide).
     */
    record Outcome(RetrievalResult forward, RetrievalResult backward, double[] uncertaintyA,
            double[] uncertaintyB, float[] muA, float[] logSigmaA, float[] muB,
            long dimension) {}
}
