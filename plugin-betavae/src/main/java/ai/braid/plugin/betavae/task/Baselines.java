package ai.braid.plugin.betavae.task;

import ai.braid.api.data.MetricValue;
import ai.braid.plugin.betavae.metric.DisentanglementMetric;
import ai.braid.plugin.betavae.metric.FactorRepresentation;
import ai.braid.plugin.betavae.metric.GroundTruthRepresentation;
import ai.braid.plugin.betavae.metric.IcaRepresentation;
import ai.braid.plugin.betavae.metric.PcaRepresentation;
import ai.braid.plugin.betavae.metric.RawPixelRepresentation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The comparison rows of the paper's table, scored with the same metric and points as the
 * model: the ground-truth factors, the raw pixels, and PCA and ICA with 10 components fitted on
 * {@value #FIT_IMAGES} images drawn uniformly from dSprites. Reported as {@code
 * baseline/<name>}.
 */
final class Baselines {

    static final int FIT_IMAGES = 10_000;

    private Baselines() {}

    static List<MetricValue> score(DisentanglementMetric metric, long seed) {
        Map<String, FactorRepresentation> rows = new LinkedHashMap<>();
        rows.put("ground_truth", new GroundTruthRepresentation());
        rows.put("raw_pixels", new RawPixelRepresentation());
        rows.put("pca", PcaRepresentation.fit(fitImages, seed));
        rows.put("ica", IcaRepresentation.fit(fitImages, seed));
        List<MetricValue> values = new ArrayList<>();
        rows.forEach((name, representation) -> values.add(new MetricValue("baseline/" + name,
                metric.evaluate(representation).evalAccuracy(), true)));
        return values;
    }
}
