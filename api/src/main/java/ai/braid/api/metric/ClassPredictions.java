package ai.braid.api.metric;

import ai.braid.api.UserInputException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * The predicted and true classes of the counted positions of one batch, copied to Java.
 *
 * @param predicted predicted class per counted position
 * @param expected true class per counted position
 * @param classes number of classes the logits distinguish
 */
record ClassPredictions(long[] predicted, long[] expected, int classes) {

    /**
     * Reads logits and labels (and a mask) by name and copies the classes out.
     *
     * <p>Logits with one more axis than the labels give the arg-max class of their last axis;
     * logits of the labels' shape, or with a last axis of size 1, are binary and predict class 1
     * where they are above 0.
     *
     * @param outputs the batch's outputs
     * @param targets the batch's targets
     * @param logits output name of logits (..., C) or (...)
     * @param labels target name of class indices (...)
     * @param mask target name of a 0/1 mask (...), or null to count every position
     * @param metric the metric, for messages
     * @return the counted positions
     * @throws UserInputException if the shapes do not fit or a label is out of range
     */
    static ClassPredictions read(NDList outputs, NDList targets, String logits, String labels,
            String mask, String metric) {
        NDArray x = BatchArrays.require(outputs, logits, "output", metric);
        NDArray y = BatchArrays.require(targets, labels, "target", metric);
        Shape labelShape = y.getShape();
        NDArray predicted;
        int classes;
        if (x.getShape().equals(labelShape)) {
            predicted = x.gt(0f);
            classes = 2;
        } else if (x.getShape().dimension() == labelShape.dimension() + 1
                && x.getShape().slice(0, labelShape.dimension()).equals(labelShape)) {
            int classAxis = labelShape.dimension();
            classes = Math.toIntExact(x.getShape().get(classAxis));
            if (classes == 1) {
                // a single logit per position is binary, as when it has the labels' shape
                predicted = x.squeeze(classAxis).gt(0f);
                classes = 2;
            } else {
                predicted = x.argMax(classAxis);
            }
        } else {
            throw new UserInputException("metric '" + metric + "' expects logits of shape "
                    + labelShape + " + (C) or " + labelShape + " for target '" + labels
                    + "', got " + x.getShape());
        }
        long[] predictedValues = predicted.toType(DataType.INT64, false).toLongArray();
        long[] expectedValues = y.toType(DataType.INT64, false).toLongArray();
        if (mask != null) {
            NDArray m = BatchArrays.require(targets, mask, "target", metric);
            if (!m.getShape().equals(labelShape)) {
                throw new UserInputException("metric '" + metric + "' expects mask '" + mask
                        + "' of shape " + labelShape + ", got " + m.getShape());
            }
            float[] keep = m.toType(DataType.FLOAT32, false).toFloatArray();
            int kept = 0;
            for (int i = 0; i < keep.length; i++) {
                if (keep[i] != 0) {
                    predictedValues[kept] = predictedValues[i];
                    expectedValues[kept] = expectedValues[i];
                    kept++;
                }
            }
            predictedValues = Arrays.copyOf(predictedValues, kept);
            expectedValues = Arrays.copyOf(expectedValues, kept);
        }
        for (long label : expectedValues) {
            if (label < 0 || label >= classes) {
                throw new UserInputException("metric '" + metric + "': target '" + labels
                        + "' holds " + label + ", expected a class index in [0, " + classes + ")");
            }
        }
        return new ClassPredictions(predictedValues, expectedValues, classes);
    }
}
