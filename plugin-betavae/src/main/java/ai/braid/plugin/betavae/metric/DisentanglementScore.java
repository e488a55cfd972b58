package ai.braid.plugin.betavae.metric;

/**
 * The result of {@link DisentanglementMetric#evaluate}: the linear classifier's accuracy at
 * telling which factor a point's image pairs shared. The metric's score is
 * {@code evalAccuracy}; chance is 0.2 for dSprites' five factors.
 *
 * @param trainAccuracy accuracy on the points the classifier was fitted on, in [0, 1]
 * @param evalAccuracy accuracy on independently drawn points, in [0, 1]: the score
 * @param trainPoints number of training points
 * @param evalPoints number of evaluation points
 */
public record DisentanglementScore(double trainAccuracy, double evalAccuracy, int trainPoints,
        int evalPoints) {
}
