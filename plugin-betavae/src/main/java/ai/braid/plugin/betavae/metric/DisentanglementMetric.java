package ai.braid.plugin.betavae.metric;

import ai.braid.api.UserInputException;
import ai.braid.plugin.betavae.DSpritesFactors;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smile.classification.LogisticRegression;

/**
 * The beta-VAE disentanglement metric (Higgins et al. 2017), following disentanglement_lib's
 * {@code beta_vae_sklearn}.
 *
 * <p>Each point picks a factor k uniformly from dSprites' five (shape, scale, orientation,
 * position x, position y; colour has one value), draws L factor vectors v1 and L vectors v2
 * uniformly, sets {@code v2[k] = v1[k]}, and takes as its feature the mean over the L pairs of
 * {@code |rep(v1) - rep(v2)|}, with label k. A representation that keeps factor k in its own
 * code dimensions makes those dimensions of the feature small, so a linear classifier finds k.
 * The score is the classifier's accuracy on evaluation points drawn independently of the
 * training points (separate random streams split from the seed).
 *
 * <p>The classifier is Smile's multinomial logistic regression, fitted on features standardised
 * with the training points' mean and standard deviation per dimension (dimensions constant over
 * the training points are only centred). disentanglement_lib fits scikit-learn's
 * {@code LogisticRegression()} on raw features; standardising makes the fixed L2 strength
 * independent of the representation's scale. Its strength matches scikit-learn's default C = 1:
 * scikit-learn minimises {@code 0.5 |W|^2 + C * sum_i loss_i} and Smile
 * {@code sum_i loss_i + 0.5 * lambda * |W|^2} (a sum over points, not a mean; intercepts are not
 * penalised in either), so lambda = 1 / C = 1. The penalties differ in one respect: Smile fits
 * K - 1 weight vectors against a reference class, scikit-learn K symmetric ones.
 *
 * <p>Points are encoded {@code batchPoints} at a time, {@code batchPoints * 2 * L} images per
 * {@link FactorRepresentation#encode} call, laid out point by point: L images v1, then their L
 * partners v2. A full evaluation at the defaults encodes 15,000 * 128 = 1.92 million images.
 * Results are deterministic for a seed, given a deterministic representation.
 */
public final class DisentanglementMetric {

    private static final Logger LOG = LoggerFactory.getLogger(DisentanglementMetric.class);
    private static final long PROGRESS_NANOS = 10_000_000_000L;


    /** Smile's multinomial L2 strength equal to scikit-learn's default C = 1 (see above). */
    static final double LAMBDA = 1.0;
    private static final double TOLERANCE = 1e-5;
    private static final int MAX_ITERATIONS = 500;
    /** Below this many training points some factor is likely never to be a label. */
    private static final int MIN_TRAIN_POINTS = 10 * Factors.COUNT;

    private final int pairs;
    private final int trainPoints;
    private final int evalPoints;
    private final long seed;
    private final int batchPoints;

    private DisentanglementMetric(Builder builder) {
        pairs = builder.pairs;
        trainPoints = builder.trainPoints;
        evalPoints = builder.evalPoints;
        seed = builder.seed;
        batchPoints = builder.batchPoints;
    }

    /**
     * Returns a builder with the reference settings: L = 64 pairs, 10,000 training and 5,000
     * evaluation points, seed 0, 16 points per encode call.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Scores a representation.
     *
     * @param representation the codes to score
     * @return training and evaluation accuracy
     * @throws UserInputException if the representation returns the wrong number of rows, rows
     *     of different lengths, or values that are not finite
     */
    public DisentanglementScore evaluate(FactorRepresentation representation) {
        Objects.requireNonNull(representation, "representation");
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom trainRandom = root.split();
        SplittableRandom evalRandom = root.split();
        Points train = points(representation, trainPoints, trainRandom, -1, "training");
        Points eval = points(representation, evalPoints, evalRandom, train.width(),
                "evaluation");

        Standardiser standardiser = new Standardiser(train.features);
        double[][] trainX = standardiser.apply(train.features);
        double[][] evalX = standardiser.apply(eval.features);
        LogisticRegression classifier = LogisticRegression.fit(trainX, train.labels, LAMBDA,
                TOLERANCE, MAX_ITERATIONS);
        return new DisentanglementScore(accuracy(classifier, trainX, train.labels),
                accuracy(classifier, evalX, eval.labels), trainPoints, evalPoints,
                recallPerFactor(classifier, evalX, eval.labels));
    }

    /**
     * Returns the number L of image pairs averaged into one point's feature.
     *
     * @return L
     */
    public int getPairs() {
        return pairs;
    }

    /**
     * Returns the number of points the classifier is fitted on.
     *
     * @return the training points
     */
    public int getTrainPoints() {
        return trainPoints;
    }

    /**
     * Returns the number of points the score is measured on.
     *
     * @return the evaluation points
     */
    public int getEvalPoints() {
        return evalPoints;
    }

    /**
     * Returns the seed from which the training and evaluation streams are split.
     *
     * @return the seed
     */
    public long getSeed() {
        return seed;
    }

    /**
     * Returns the number of points whose {@code 2 * L} images go to one encode call.
     *
     * @return the points per call
     */
    public int getBatchPoints() {
        return batchPoints;
    }

    /**
     * Draws and encodes {@code count} points.
     *
     * @param width the code width already seen, or -1 for none
     * @param phase "training" or "evaluation", for the progress log
     */
    private Points points(FactorRepresentation representation, int count, SplittableRandom random,
            int width, String phase) {
        double[][] features = new double[count][];
        int[] labels = new int[count];
        int imagesPerPoint = 2 * pairs;
        long lastReport = System.nanoTime();
        for (int start = 0; start < count; start += batchPoints) {
            if (System.nanoTime() - lastReport > PROGRESS_NANOS) {
                LOG.info("disentanglement metric: {} of {} {} points encoded", start, count,
                        phase);
                lastReport = System.nanoTime();
            }
            int size = Math.min(batchPoints, count - start);
            List<DSpritesFactors> batch = new ArrayList<>(size * imagesPerPoint);
            for (int p = 0; p < size; p++) {
                int k = random.nextInt(Factors.COUNT);
                labels[start + p] = k;
                List<DSpritesFactors> first = Factors.uniform(pairs, random);
                List<DSpritesFactors> second = Factors.uniform(pairs, random);
                batch.addAll(first);
                for (int l = 0; l < pairs; l++) {
                    batch.add(Factors.with(second.get(l), k, Factors.get(first.get(l), k)));
                }
            }
            double[][] codes = representation.encode(List.copyOf(batch));
            width = check(codes, batch.size(), width);
            for (int p = 0; p < size; p++) {
                features[start + p] = meanAbsoluteDifference(codes, p * imagesPerPoint, width);
            }
        }
        return new Points(features, labels);
    }

    /** Mean over the L pairs starting at {@code offset} of {@code |code(v1) - code(v2)|}. */
    private double[] meanAbsoluteDifference(double[][] codes, int offset, int width) {
        double[] feature = new double[width];
        for (int l = 0; l < pairs; l++) {
            double[] first = codes[offset + l];
            double[] second = codes[offset + pairs + l];
            for (int d = 0; d < width; d++) {
                feature[d] += Math.abs(first[d] - second[d]);
            }
        }
        for (int d = 0; d < width; d++) {
            feature[d] /= pairs;
        }
        return feature;
    }

    private static int check(double[][] codes, int images, int width) {
        if (codes == null || codes.length != images) {
            throw new UserInputException("The representation must return one code per image: "
                    + "expected " + images + " rows, got "
                    + (codes == null ? "null" : codes.length));
        }
        for (int i = 0; i < codes.length; i++) {
            double[] code = codes[i];
            int length = code == null ? 0 : code.length;
            if (length == 0 || (width >= 0 && length != width)) {
                throw new UserInputException("The representation's codes must all have one "
                        + "non-zero length: expected " + (width >= 0 ? width : "at least 1")
                        + " values in row " + i + ", got " + length);
            }
            width = length;
            for (double value : code) {
                if (!Double.isFinite(value)) {
                    throw new UserInputException("The representation returned a non-finite "
                            + "value (" + value + ") in row " + i + "; codes must be finite");
                }
            }
        }
        return width;
    }

    private static double[] recallPerFactor(LogisticRegression classifier, double[][] x,
            int[] labels) {
        double[] correct = new double[Factors.COUNT];
        double[] total = new double[Factors.COUNT];
        for (int i = 0; i < x.length; i++) {
            total[labels[i]]++;
            if (classifier.predict(x[i]) == labels[i]) {
                correct[labels[i]]++;
            }
        }
        for (int f = 0; f < Factors.COUNT; f++) {
            correct[f] = total[f] == 0 ? Double.NaN : correct[f] / total[f];
        }
        return correct;
    }

    private static double accuracy(LogisticRegression classifier, double[][] x, int[] labels) {
        int correct = 0;
        for (int i = 0; i < x.length; i++) {
            if (classifier.predict(x[i]) == labels[i]) {
                correct++;
            }
        }
        return (double) correct / x.length;
    }

    /** Features (points, D) and their labels (points). */
    private record Points(double[][] features, int[] labels) {

        int width() {
            return features[0].length;
        }
    }

    /** Per-dimension standardisation with statistics of the training features. */
    private static final class Standardiser {

        private final double[] mean;
        private final double[] scale;

        Standardiser(double[][] features) {
            int width = features[0].length;
            mean = new double[width];
            scale = new double[width];
            for (double[] feature : features) {
                for (int d = 0; d < width; d++) {
                    mean[d] += feature[d];
                }
            }
            for (int d = 0; d < width; d++) {
                mean[d] /= features.length;
            }
            for (double[] feature : features) {
                for (int d = 0; d < width; d++) {
                    double centred = feature[d] - mean[d];
                    scale[d] += centred * centred;
                }
            }
            for (int d = 0; d < width; d++) {
                double deviation = Math.sqrt(scale[d] / features.length);
                // A dimension constant over the training points carries nothing to rescale.
                scale[d] = deviation > 1e-12 ? deviation : 1;
            }
        }

        double[][] apply(double[][] features) {
            double[][] standardised = new double[features.length][];
            for (int i = 0; i < features.length; i++) {
                double[] row = new double[mean.length];
                for (int d = 0; d < mean.length; d++) {
                    row[d] = (features[i][d] - mean[d]) / scale[d];
                }
                standardised[i] = row;
            }
            return standardised;
        }
    }

    /** Options of {@link DisentanglementMetric}, in DJL's builder style. */
    public static final class Builder {

        private int pairs = 64;
        private int trainPoints = 10_000;
        private int evalPoints = 5_000;
        private long seed;
        private int batchPoints = 16;

        private Builder() {
        }

        /**
         * Sets L, the number of image pairs averaged into one point's feature.
         *
         * @param pairs at least 1; 64 by default
         * @return this builder
         */
        public Builder optPairs(int pairs) {
            this.pairs = pairs;
            return this;
        }

        /**
         * Sets the number of points the classifier is fitted on.
         *
         * @param trainPoints at least 50; 10,000 by default
         * @return this builder
         */
        public Builder optTrainPoints(int trainPoints) {
            this.trainPoints = trainPoints;
            return this;
        }

        /**
         * Sets the number of points the score is measured on.
         *
         * @param evalPoints at least 1; 5,000 by default
         * @return this builder
         */
        public Builder optEvalPoints(int evalPoints) {
            this.evalPoints = evalPoints;
            return this;
        }

        /**
         * Sets the seed from which the training and evaluation streams are split.
         *
         * @param seed any value; 0 by default
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets how many points are encoded per call: each brings {@code 2 * L} images.
         *
         * @param batchPoints at least 1; 16 by default (2,048 images per call at L = 64)
         * @return this builder
         */
        public Builder optBatchPoints(int batchPoints) {
            this.batchPoints = batchPoints;
            return this;
        }

        /**
         * Builds the metric.
         *
         * @return the metric
         * @throws UserInputException if an option is out of range
         */
        public DisentanglementMetric build() {
            atLeast("pairs (L)", pairs, 1);
            atLeast("trainPoints", trainPoints, MIN_TRAIN_POINTS);
            atLeast("evalPoints", evalPoints, 1);
            atLeast("batchPoints", batchPoints, 1);
            long images = 2L * pairs * batchPoints;
            if (images > Integer.MAX_VALUE) {
                throw new UserInputException("batchPoints * 2 * pairs must fit one list of "
                        + "images (at most " + Integer.MAX_VALUE + "), got " + images);
            }
            return new DisentanglementMetric(this);
        }

        private static void atLeast(String name, int value, int minimum) {
            if (value < minimum) {
                throw new UserInputException("The disentanglement metric's " + name
                        + " must be at least " + minimum + ", got " + value);
            }
        }
    }
}
