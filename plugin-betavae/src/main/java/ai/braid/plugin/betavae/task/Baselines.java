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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The comparison rows of the paper's table, scored with the same metric and points as the
 * model: the ground-truth factors, the raw pixels, and PCA and ICA with 10 components fitted on
 * images drawn uniformly from dSprites. Reported as {@code baseline/<name>}.
 */
final class Baselines {

    private static final Logger LOG = LoggerFactory.getLogger(Baselines.class);

    private Baselines() {}

    static List<MetricValue> score(DisentanglementMetric metric, int fitImages, long seed) {
        LOG.info("fitting PCA and ICA on {} images for the baselines", fitImages);
        Map<String, FactorRepresentation> rows = new LinkedHashMap<>();
        rows.put("ground_truth", new GroundTruthRepresentation());
        rows.put("raw_pixels", new RawPixelRepresentation());
        PcaRepresentation pca = PcaRepresentation.fit(fitImages, seed);
        rows.put("pca", pca);
        rows.put("ica", IcaRepresentation.fit(pca, fitImages, seed));
        List<MetricValue> values = new ArrayList<>();
        rows.forEach((name, representation) -> {
            double score = metric.evaluate(representation).evalAccuracy();
            LOG.info("disentanglement metric of the baseline {}: {}", name, score);
            values.add(new MetricValue("baseline/" + name, score, true));
        });
        return values;
    }
}
