package ai.braid.plugin.betavae.metric;

import java.util.Arrays;
import java.util.Objects;

/**
 * The result of {@link DisentanglementMetric#evaluate}: the linear classifier's accuracy at
 * telling which factor a point's image pairs shared. The metric's score is
 * {@code evalAccuracy}; chance is 0.2 for dSprites' five factors.
 *
 * @param trainAccuracy accuracy on the points the classifier was fitted on, in [0, 1]
 * @param evalAccuracy accuracy on independently drawn points, in [0, 1]: the score
 * @param trainPoints number of training points
 * @param evalPoints number of evaluation points
 * @param evalRecallPerFactor for each factor (shape, scale, orientation, positionX, positionY),
 *     the share of evaluation points that shared it and were classified so: which factors the
 *     representation makes recognisable
 */
public record DisentanglementScore(double trainAccuracy, double evalAccuracy, int trainPoints,
        int evalPoints, double[] evalRecallPerFactor) {

    /** Keeps a copy of the per-factor recalls. */
    public DisentanglementScore {
        evalRecallPerFactor = evalRecallPerFactor.clone();
    }

    /**
     * Returns the per-factor recalls.
     *
     * @return a copy, one value per factor in the order of {@link
     *     ai.braid.plugin.betavae.DSpritesFactors}
     */
    @Override
    public double[] evalRecallPerFactor() {
        return evalRecallPerFactor.clone();
    }

    // Records compare array components by reference; scores compare by value.
    @Override
    public boolean equals(Object other) {
        return other instanceof DisentanglementScore score
                && Double.compare(trainAccuracy, score.trainAccuracy) == 0
                && Double.compare(evalAccuracy, score.evalAccuracy) == 0
                && trainPoints == score.trainPoints && evalPoints == score.evalPoints
                && Arrays.equals(evalRecallPerFactor, score.evalRecallPerFactor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(trainAccuracy, evalAccuracy, trainPoints, evalPoints)
                * 31 + Arrays.hashCode(evalRecallPerFactor);
    }

    @Override
    public String toString() {
        return "DisentanglementScore[train " + trainAccuracy + ", eval " + evalAccuracy + " ("
                + trainPoints + "/" + evalPoints + " points), recall per factor "
                + Arrays.toString(evalRecallPerFactor) + "]";
    }
}
